import { SUGGEST_MIN_LENGTH, type SuggestAnswer, type Suggestion } from '../lib/search/suggestions.ts';

/**
 * Suggestions as one types in a search box (every `input[data-search-suggest]`): the ARIA 1.2
 * combobox pattern with a listbox popup. Focus stays in the box; the highlighted option is named by
 * `aria-activedescendant`. Arrow keys move through the options (Down opens them), Enter goes to the
 * highlighted one (or submits the search as usual when none is), Escape closes them, and a polite
 * live region says how many there are. Requests wait for a pause in typing, and an answer to
 * anything but the latest words is dropped. Without this script the box is a plain GET form.
 *
 * No library: nhsuk-frontend 10 has no autocomplete, and the usual one (accessible-autocomplete)
 * picks a value into the box on Enter rather than opening a result, and brings its own styles.
 */
const DEBOUNCE_MS = 200;

let instances = 0;

function enhance(input: HTMLInputElement): void {
  const endpoint = input.dataset.searchSuggest;
  const wrapper = input.closest<HTMLElement>('.nhsuk-input-wrapper') ?? input.parentElement;
  if (!endpoint || !wrapper || input.getAttribute('role') === 'combobox') return;
  const base = input.id || `search-suggest-${++instances}`;
  input.id = base;

  const listbox = document.createElement('ul');
  listbox.id = `${base}-suggestions`;
  listbox.className = 'app-search-suggest__listbox';
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-label', 'Search suggestions');
  listbox.hidden = true;
  wrapper.classList.add('app-search-suggest');
  wrapper.append(listbox);

  // Present (and empty) from the start, so screen readers are listening when it first speaks.
  const status = document.createElement('div');
  status.className = 'nhsuk-u-visually-hidden';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.setAttribute('aria-atomic', 'true');
  wrapper.after(status);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);
  input.setAttribute('autocomplete', 'off');

  let suggestions: Suggestion[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  let controller: AbortController | undefined;

  const optionId = (index: number) => `${base}-suggestion-${index}`;
  const isOpen = () => !listbox.hidden;

  function render(): void {
    listbox.replaceChildren(
      ...suggestions.map((suggestion, index) => {
        const option = document.createElement('li');
        option.id = optionId(index);
        option.className = 'app-search-suggest__option';
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        const title = document.createElement('span');
        title.className = 'app-search-suggest__title';
        // Members' words: only ever text nodes.
        for (const segment of suggestion.title) {
          if (segment.match) {
            const mark = document.createElement('mark');
            mark.className = 'app-search-mark';
            mark.textContent = segment.text;
            title.append(mark);
          } else {
            title.append(document.createTextNode(segment.text));
          }
        }
        const type = document.createElement('span');
        type.className = 'app-search-suggest__type';
        type.textContent = suggestion.workspace ? `${suggestion.type} in ${suggestion.workspace}` : suggestion.type;
        option.append(title, type);
        return option;
      }),
    );
  }

  function setActive(index: number): void {
    active = index;
    listbox.querySelectorAll('[role="option"]').forEach((option, position) => option.setAttribute('aria-selected', String(position === index)));
    if (index < 0) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    input.setAttribute('aria-activedescendant', optionId(index));
    document.getElementById(optionId(index))?.scrollIntoView({ block: 'nearest' });
  }

  function open(): void {
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close(): void {
    setActive(-1);
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  }

  function announce(text: string): void {
    status.textContent = text;
  }

  function go(suggestion: Suggestion | undefined): void {
    // A path on this site only (the CMS's answer was checked on the server; checked again here).
    if (!suggestion || !/^\/(?![/\\])/.test(suggestion.url)) return;
    close();
    window.location.assign(suggestion.url);
  }

  function suggestUrl(q: string): string {
    const url = new URL(endpoint!, window.location.origin);
    url.searchParams.set('q', q);
    return `${url.pathname}${url.search}`;
  }

  async function load(q: string): Promise<void> {
    const ticket = ++latest;
    controller?.abort();
    controller = new AbortController();
    let answer: SuggestAnswer;
    try {
      const response = await fetch(suggestUrl(q), { headers: { accept: 'application/json' }, credentials: 'same-origin', signal: controller.signal });
      if (!response.ok) return;
      answer = (await response.json()) as SuggestAnswer;
    } catch {
      // Cancelled by newer words, or the network is away: the form still submits.
      return;
    }
    if (ticket !== latest || input.value.trim() !== q || document.activeElement !== input) return;
    suggestions = Array.isArray(answer.suggestions) ? answer.suggestions : [];
    render();
    setActive(-1);
    if (suggestions.length === 0) {
      close();
      announce('No suggestions');
      return;
    }
    open();
    announce(`${suggestions.length} ${suggestions.length === 1 ? 'suggestion' : 'suggestions'}. Use the up and down arrows to choose one, and Enter to open it`);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < SUGGEST_MIN_LENGTH) {
      latest++;
      controller?.abort();
      suggestions = [];
      render();
      close();
      announce('');
      return;
    }
    timer = setTimeout(() => void load(q), DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case 'ArrowDown':
        if (suggestions.length === 0) return;
        event.preventDefault();
        if (!isOpen()) {
          open();
          setActive(0);
        } else {
          setActive(active + 1 < suggestions.length ? active + 1 : 0);
        }
        break;
      case 'ArrowUp':
        if (!isOpen()) return;
        event.preventDefault();
        setActive(active > 0 ? active - 1 : suggestions.length - 1);
        break;
      case 'Enter':
        if (!isOpen() || active < 0) return;
        event.preventDefault();
        go(suggestions[active]);
        break;
      case 'Escape':
        if (!isOpen()) return;
        event.preventDefault();
        close();
        break;
      case 'Tab':
        close();
        break;
    }
  });

  input.addEventListener('blur', () => close());
  // A click on an option must not blur the box first (which would close the list under the pointer).
  listbox.addEventListener('mousedown', (event) => event.preventDefault());
  listbox.addEventListener('click', (event) => {
    const option = (event.target as Element).closest('[role="option"]');
    if (!option) return;
    go(suggestions[[...listbox.children].indexOf(option)]);
  });
}

document.querySelectorAll<HTMLInputElement>('input[data-search-suggest]').forEach(enhance);
