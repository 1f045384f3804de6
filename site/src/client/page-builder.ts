/**
 * The page builder's editor, enhanced. Everything here has a plain-form equivalent on the page
 * (Move up / Move down, the Preview link, reloading for who else is editing); this only makes it
 * quicker:
 * - drag a block to move it: submits the page's own reorder form (same CSRF field, same revision);
 * - who else has the page open, refreshed every 20 seconds;
 * - a live preview of the draft beside the editor, fetched from the preview page on load and on
 *   each refresh (saves reload the editor, so it follows every save);
 * - on a block's form, a live preview of the block as it is typed (nothing is saved).
 * Bundled by Astro (no inline script: the CSP forbids it).
 */
const REFRESH_MS = 20_000;
/** A pause in typing this long sends the form for a preview; quicker would post on every key. */
const TYPING_PAUSE_MS = 400;

const parser = new DOMParser();

async function fetchDocument(url: string): Promise<Document | null> {
  try {
    const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
    if (!response.ok) return null;
    return parser.parseFromString(await response.text(), 'text/html');
  } catch {
    return null;
  }
}

/** Nodes from a fetched page, without scripts and with ids that cannot clash with the editor's. */
function importContent(source: Element, target: Element, idPrefix: string): void {
  const copy = document.importNode(source, true);
  for (const script of copy.querySelectorAll('script')) script.remove();
  if (idPrefix) {
    for (const element of copy.querySelectorAll('[id]')) element.id = `${idPrefix}${element.id}`;
    for (const link of copy.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) link.setAttribute('href', `#${idPrefix}${link.getAttribute('href')!.slice(1)}`);
    for (const label of copy.querySelectorAll('[for]')) label.setAttribute('for', `${idPrefix}${label.getAttribute('for')}`);
    for (const attribute of ['aria-describedby', 'aria-labelledby', 'aria-controls']) {
      for (const element of copy.querySelectorAll(`[${attribute}]`)) {
        element.setAttribute(attribute, element.getAttribute(attribute)!.split(/\s+/).map((id) => `${idPrefix}${id}`).join(' '));
      }
    }
  }
  target.replaceChildren(...copy.childNodes);
}

async function refreshPreview(panel: HTMLElement): Promise<void> {
  const url = panel.dataset.pageBuilderPreview;
  const target = panel.querySelector('[data-page-builder-preview-content]');
  if (!url || !target) return;
  const page = await fetchDocument(url);
  const content = page?.querySelector('[data-page-builder-preview-blocks]');
  if (!content) return;
  importContent(content, target, 'live-preview-');
  panel.hidden = false;
}

async function refreshPresence(region: HTMLElement): Promise<void> {
  const page = await fetchDocument(window.location.pathname);
  const fresh = page?.querySelector('[data-page-builder-presence]');
  // Only the message changes: the region itself stays, so screen readers announce the news.
  if (fresh && fresh.innerHTML !== region.innerHTML) importContent(fresh, region, '');
}

/** Posts the block form as typed (without files, which are only sent on save) and shows the block it makes. */
function enableBlockPreview(form: HTMLFormElement, panel: HTMLElement): void {
  const url = panel.dataset.pageBuilderBlockPreview;
  const target = panel.querySelector('[data-page-builder-preview-content]');
  if (!url || !target) return;
  let timer: number | undefined;
  let latest = 0;
  const update = async () => {
    const body = new FormData(form);
    for (const [name, value] of [...body]) if (value instanceof File) body.delete(name);
    const request = ++latest;
    try {
      const response = await fetch(url, { method: 'POST', body, credentials: 'same-origin' });
      // An answer to an older version of the form is dropped: the newer one is on its way.
      if (!response.ok || request !== latest) return;
      const fragment = parser.parseFromString(`<div>${await response.text()}</div>`, 'text/html').body.firstElementChild;
      if (!fragment) return;
      importContent(fragment, target, 'live-preview-');
      panel.hidden = false;
    } catch {
      // The preview is a courtesy: the form works without it.
    }
  };
  const later = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void update(), TYPING_PAUSE_MS);
  };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  void update();
}

function enableDragToReorder(list: HTMLElement, form: HTMLFormElement): void {
  const items = () => [...list.querySelectorAll<HTMLElement>(':scope > li[data-index]')];
  let dragged: HTMLElement | null = null;
  let before: HTMLElement[] = [];
  let dropped = false;
  for (const item of items()) {
    item.draggable = true;
    item.classList.add('app-block-item--draggable');
    item.addEventListener('dragstart', (event) => {
      dragged = item;
      before = items();
      dropped = false;
      item.classList.add('app-block-item--dragging');
      event.dataTransfer?.setData('text/plain', item.dataset.index ?? '');
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
    });
    item.addEventListener('dragend', () => {
      item.classList.remove('app-block-item--dragging');
      // Cancelled (Escape, or dropped outside the list): the blocks go back where they were.
      if (!dropped) list.replaceChildren(...before);
      dragged = null;
    });
  }
  list.addEventListener('dragover', (event) => {
    if (!dragged) return;
    // Anywhere in the list is a place to drop, the dragged block itself included.
    event.preventDefault();
    const over = (event.target as Element | null)?.closest<HTMLElement>('li[data-index]');
    if (!over || over === dragged || over.parentElement !== list) return;
    const box = over.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextSibling : over);
  });
  list.addEventListener('drop', (event) => {
    if (!dragged) return;
    event.preventDefault();
    dropped = true;
    submitOrder();
  });

  function submitOrder() {
    const order = items().map((item) => item.dataset.index ?? '');
    const input = form.querySelector<HTMLInputElement>('input[name="order"]');
    if (!input || order.join(',') === input.value) return;
    input.value = order.join(',');
    form.submit();
  }
}

const blocks = document.querySelector<HTMLElement>('[data-page-builder-blocks]');
const orderForm = document.querySelector<HTMLFormElement>('form[data-page-builder-order]');
if (blocks && orderForm) {
  enableDragToReorder(blocks, orderForm);
  document.querySelector<HTMLElement>('[data-page-builder-drag-hint]')?.removeAttribute('hidden');
}

const presence = document.querySelector<HTMLElement>('[data-page-builder-presence]');
const preview = document.querySelector<HTMLElement>('[data-page-builder-preview]');
if (preview) void refreshPreview(preview);
if (presence || preview) {
  window.setInterval(() => {
    if (document.hidden) return;
    if (presence) void refreshPresence(presence);
    if (preview) void refreshPreview(preview);
  }, REFRESH_MS);
}

const blockForm = document.querySelector<HTMLFormElement>('form[data-page-builder-block-form]');
const blockPreviewPanel = document.querySelector<HTMLElement>('[data-page-builder-block-preview]');
if (blockForm && blockPreviewPanel) enableBlockPreview(blockForm, blockPreviewPanel);
