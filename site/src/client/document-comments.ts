import type { DocumentComment } from '@futurenhs/contract';

/**
 * The document page's comments with JavaScript: the same markup as the page's
 * (components/documents/CommentThread.astro), drawn again whenever the threads change, and its
 * reply, resolve and reopen forms sent in the background (JSON to the site) so the live editor
 * stays connected. Without JavaScript those forms post to the page itself.
 */
export interface CommentsOptions {
  root: HTMLElement;
  url: string;
  csrf: string;
  canComment: boolean;
  comments: DocumentComment[];
  /** A thread was chosen (focus or click): its words are highlighted in the text. */
  onSelect(commentId: number | null): void;
}

type Person = DocumentComment['author'];

const whenFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true });

function when(iso: string): HTMLTimeElement {
  const time = document.createElement('time');
  const date = new Date(iso);
  if (!Number.isNaN(date.getTime())) {
    time.dateTime = date.toISOString();
    time.textContent = whenFormat.format(date).replace(', ', ' at ').replace(' am', 'am').replace(' pm', 'pm');
  }
  return time;
}

const nameOf = (person: Person) => person?.name.trim() || 'Former member';
const roleOf = (person: Person) => (person ? [person.jobTitle, person.organisation].filter((part) => part && part.trim()).join(', ') : '');

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function hidden(text: string): HTMLSpanElement {
  return element('span', 'nhsuk-u-visually-hidden', text);
}

function meta(person: Person, at: string): HTMLParagraphElement {
  const line = element('p', 'nhsuk-body-s app-comment__meta');
  line.append(element('strong', undefined, nameOf(person)));
  const role = roleOf(person);
  if (role) line.append(`, ${role}`);
  line.append(document.createElement('br'), when(at));
  return line;
}

function hiddenInput(name: string, value: string): HTMLInputElement {
  const input = element('input');
  input.type = 'hidden';
  input.name = name;
  input.value = value;
  return input;
}

function actionForm(comment: DocumentComment, action: 'reply' | 'resolve' | 'reopen', csrf: string): HTMLFormElement {
  const form = element('form', 'app-comment__form');
  form.method = 'post';
  form.noValidate = true;
  form.dataset.commentForm = '';
  form.append(hiddenInput('_csrf', csrf), hiddenInput('commentAction', action), hiddenInput('comment', String(comment.id)));
  const button = element('button', 'nhsuk-button nhsuk-button--secondary nhsuk-button--small');
  button.type = 'submit';
  if (action === 'reply') {
    const field = `reply-${comment.id}`;
    const group = element('div', 'nhsuk-form-group');
    const label = element('label', 'nhsuk-label nhsuk-label--s', 'Reply');
    label.htmlFor = field;
    label.append(hidden(` to the comment by ${nameOf(comment.author)}`));
    const textarea = element('textarea', 'nhsuk-textarea');
    textarea.id = field;
    textarea.name = 'body';
    textarea.rows = 2;
    group.append(label, textarea);
    form.append(group);
    button.textContent = 'Reply';
  } else {
    button.append(action === 'resolve' ? 'Resolve' : 'Reopen', hidden(` the comment by ${nameOf(comment.author)}`));
  }
  form.append(button);
  return form;
}

function thread(comment: DocumentComment, canComment: boolean, csrf: string): HTMLLIElement {
  const item = element('li', 'app-comment');
  item.id = `comment-${comment.id}`;
  item.dataset.commentId = String(comment.id);
  item.tabIndex = -1;
  const quote = element('blockquote', 'app-comment__quote');
  quote.append(hidden('On the words: '), comment.quote);
  item.append(quote, element('p', 'app-comment__body', comment.body), meta(comment.author, comment.createdAt));
  if (comment.resolved && comment.resolvedAt) {
    const resolved = element('p', 'nhsuk-body-s app-comment__meta', `Resolved by ${nameOf(comment.resolvedBy)} on `);
    resolved.append(when(comment.resolvedAt));
    item.append(resolved);
  }
  if (comment.replies.length > 0) {
    const replies = element('ul', 'nhsuk-list app-comment__replies');
    replies.setAttribute('aria-label', `Replies to ${nameOf(comment.author)}`);
    for (const reply of comment.replies) {
      const line = element('li', 'app-comment__reply');
      line.append(element('p', 'app-comment__body', reply.body), meta(reply.author, reply.createdAt));
      replies.append(line);
    }
    item.append(replies);
  }
  if (canComment) {
    if (!comment.resolved) item.append(actionForm(comment, 'reply', csrf));
    item.append(actionForm(comment, comment.resolved ? 'reopen' : 'resolve', csrf));
  }
  return item;
}

function render(list: HTMLElement, comments: DocumentComment[], canComment: boolean, csrf: string, openResolved: boolean): void {
  const open = comments.filter((comment) => !comment.resolved);
  const resolved = comments.filter((comment) => comment.resolved);
  const parts: HTMLElement[] = [];
  if (open.length === 0) {
    parts.push(element('p', 'app-comment-empty', `${comments.length === 0 ? 'There are no comments yet.' : 'Every comment has been resolved.'}${canComment ? ' Select words in the document to comment on them.' : ''}`));
  } else {
    const ul = element('ul', 'nhsuk-list app-comment-list');
    ul.append(...open.map((comment) => thread(comment, canComment, csrf)));
    parts.push(ul);
  }
  if (resolved.length > 0) {
    const details = element('details', 'nhsuk-details app-comment-resolved');
    details.open = openResolved;
    const summary = element('summary', 'nhsuk-details__summary');
    summary.append(element('span', 'nhsuk-details__summary-text', `Resolved comments (${resolved.length})`));
    const body = element('div', 'nhsuk-details__text');
    const ul = element('ul', 'nhsuk-list app-comment-list');
    ul.append(...resolved.map((comment) => thread(comment, canComment, csrf)));
    body.append(ul);
    details.append(summary, body);
    parts.push(details);
  }
  list.replaceChildren(...parts);
}

export interface Comments {
  /** The threads now (the editor adds one, or sees one another member added). */
  update(comments: DocumentComment[]): void;
  refresh(): Promise<void>;
  known(id: number): boolean;
  /** Sends a new comment on `quote`; its id, or the message to show. */
  add(quote: string, body: string): Promise<{ id: number } | { error: string }>;
  show(commentId: number): void;
  /** Access is gone: the forms go, the threads stay to read. */
  readOnly(): void;
}

export function setUpComments(options: CommentsOptions): Comments {
  const list = options.root.querySelector<HTMLElement>('[data-comment-list]')!;
  const status = options.root.querySelector<HTMLElement>('[data-comments-status]');
  let comments = options.comments;
  let canComment = options.canComment;
  const ids = () => new Set(comments.map((comment) => comment.id));

  const update = (next: DocumentComment[]) => {
    comments = next;
    const openResolved = list.querySelector('details')?.open ?? false;
    render(list, comments, canComment, options.csrf, openResolved);
  };

  async function send(body: Record<string, unknown>): Promise<{ ok: true; comments: DocumentComment[]; comment: DocumentComment | null } | { ok: false; message: string }> {
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': options.csrf, accept: 'application/json' },
        body: JSON.stringify(body),
        credentials: 'same-origin',
      });
      const answer = (await response.json().catch(() => ({}))) as { data?: { comments: DocumentComment[]; comment: DocumentComment | null }; error?: { message?: string }; errors?: { text: string }[] };
      if (!response.ok || !answer.data) return { ok: false, message: answer.errors?.[0]?.text ?? answer.error?.message ?? 'That did not work. Try again' };
      return { ok: true, ...answer.data };
    } catch {
      return { ok: false, message: 'The comment could not be sent: check your connection and try again' };
    }
  }

  function say(message: string): void {
    if (status) status.textContent = message;
  }

  function fieldError(form: HTMLFormElement, message: string): void {
    const textarea = form.querySelector('textarea');
    const group = textarea?.closest('.nhsuk-form-group');
    if (!textarea || !group) {
      say(message);
      return;
    }
    group.querySelector('.nhsuk-error-message')?.remove();
    group.classList.add('nhsuk-form-group--error');
    textarea.classList.add('nhsuk-textarea--error');
    const error = element('span', 'nhsuk-error-message');
    error.id = `${textarea.id}-error`;
    error.append(hidden('Error: '), message);
    textarea.before(error);
    textarea.setAttribute('aria-describedby', error.id);
    textarea.focus();
  }

  list.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !('commentForm' in form.dataset)) return;
    event.preventDefault();
    const data = new FormData(form);
    const action = String(data.get('commentAction'));
    const id = Number(data.get('comment'));
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    const answer = await send({ action, comment: id, body: String(data.get('body') ?? '') });
    if (button) button.disabled = false;
    if (!answer.ok) {
      fieldError(form, answer.message);
      return;
    }
    update(answer.comments);
    say({ reply: 'Your reply has been added', resolve: 'The comment has been resolved', reopen: 'The comment has been reopened' }[action] ?? '');
    const again = list.querySelector<HTMLElement>(`#comment-${id}`);
    if (again) {
      again.closest('details')?.setAttribute('open', '');
      again.focus();
    }
  });

  const choose = (event: Event) => {
    const item = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-comment-id]');
    for (const active of list.querySelectorAll('.app-comment--active')) active.classList.remove('app-comment--active');
    if (item) item.classList.add('app-comment--active');
    options.onSelect(item ? Number(item.dataset.commentId) : null);
  };
  list.addEventListener('focusin', choose);
  list.addEventListener('click', choose);

  render(list, comments, canComment, options.csrf, false);

  return {
    update,
    known: (id) => ids().has(id),
    async refresh() {
      try {
        const response = await fetch(options.url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
        if (!response.ok) return;
        const answer = (await response.json()) as { data?: { comments: DocumentComment[] } };
        if (answer.data) update(answer.data.comments);
      } catch {
        // Offline: the list is brought up to date on the next change.
      }
    },
    async add(quote, body) {
      const answer = await send({ action: 'add', quote, body });
      if (!answer.ok) return { error: answer.message };
      update(answer.comments);
      say('Your comment has been added');
      return answer.comment ? { id: answer.comment.id } : { error: 'That did not work. Try again' };
    },
    show(commentId) {
      const item = list.querySelector<HTMLElement>(`#comment-${commentId}`);
      if (!item) return;
      for (const active of list.querySelectorAll('.app-comment--active')) active.classList.remove('app-comment--active');
      item.classList.add('app-comment--active');
    },
    readOnly() {
      canComment = false;
      update(comments);
    },
  };
}
