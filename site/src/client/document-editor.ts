import { Editor, getSchema, Mark, mergeAttributes } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import Image from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import * as Y from 'yjs';
// Types only from the contract's index: its schemas (and zod) stay out of the browser's bundle.
import type { CollaborationTicket, DocumentComment } from '@futurenhs/contract';
import { DOCUMENT_FRAGMENT, documentExtensions, isAllowedDocumentLink } from '@futurenhs/contract/document-schema';
import { textColourOn } from './caret-colour.ts';
import { setUpComments, type Comments } from './document-comments.ts';

/**
 * The live editor of a document written together (docs/documents.md): the page's HTML stays until
 * the document has synced over the collaboration connection, then TipTap bound to Yjs takes its
 * place. The connection goes through the site's own origin (server.mjs forwards it to the CMS),
 * opened with a short-lived ticket the site hands out; every reconnection asks for a fresh one.
 * Readers get the same live view, read-only, with no toolbar. When the CMS closes the connection
 * because access is gone (COLLABORATION_CLOSE_FORBIDDEN), the editor stops reconnecting and
 * becomes read-only with a warning.
 */
const root = document.querySelector<HTMLElement>('[data-document-editor]');
if (root) void start(root);

type TicketAnswer = { ok: true; ticket: CollaborationTicket } | { ok: false; gone: boolean };

async function fetchTicket(url: string, csrf: string): Promise<TicketAnswer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    });
    if (response.ok) {
      const answer = (await response.json()) as { data: CollaborationTicket };
      return { ok: true, ticket: answer.data };
    }
    // Signed out, refused, or the document is gone: no ticket will come by asking again.
    return { ok: false, gone: [401, 403, 404].includes(response.status) };
  } catch {
    return { ok: false, gone: false };
  }
}

const safeColour = (colour: unknown) => (typeof colour === 'string' && /^#[0-9a-f]{6}$/i.test(colour) ? colour : '#425563');

/** Another person's caret: their colour, their name on a label whose text contrasts with it (set through the CSSOM, which the CSP allows). */
function caret(user: Record<string, unknown>): HTMLElement {
  const colour = safeColour(user.color);
  const bar = document.createElement('span');
  bar.className = 'app-caret';
  // The names are said once, in the presence line; read inline they would break the text up.
  bar.setAttribute('aria-hidden', 'true');
  bar.style.borderLeftColor = colour;
  const label = document.createElement('span');
  label.className = 'app-caret__label';
  label.style.backgroundColor = colour;
  label.style.color = textColourOn(colour);
  label.textContent = typeof user.name === 'string' ? user.name : 'Someone';
  bar.append(label);
  return bar;
}

function selection(user: Record<string, unknown>) {
  return { nodeName: 'span', class: 'app-caret-selection', style: `background-color: ${safeColour(user.color)}40` };
}

function setUpToolbar(toolbar: HTMLElement): HTMLButtonElement[] {
  const buttons = [...toolbar.querySelectorAll<HTMLButtonElement>('button[data-command]')];
  // One tab stop for the whole toolbar; the arrow keys move within it (the ARIA toolbar pattern).
  let current = 0;
  const focusOn = (index: number) => {
    const enabled = buttons.filter((button) => !button.disabled);
    if (enabled.length === 0) return;
    const target = enabled[(index + enabled.length) % enabled.length];
    for (const button of buttons) button.tabIndex = -1;
    target.tabIndex = 0;
    current = enabled.indexOf(target);
    target.focus();
  };
  buttons[0].tabIndex = 0;
  toolbar.addEventListener('keydown', (event) => {
    const enabled = buttons.filter((button) => !button.disabled);
    const at = enabled.indexOf(document.activeElement as HTMLButtonElement);
    if (at === -1) return;
    current = at;
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: enabled.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    focusOn(moves[event.key]);
  });
  // A click keeps the text's selection: the editor is not blurred.
  toolbar.addEventListener('mousedown', (event) => {
    if ((event.target as HTMLElement).closest('button')) event.preventDefault();
  });
  return buttons;
}

function showFieldError(dialog: HTMLDialogElement, input: HTMLElement, message: string | null): void {
  const group = input.closest('[data-field-group]');
  const error = group?.querySelector<HTMLElement>('[data-field-error]');
  if (!group || !error) return;
  group.classList.toggle('nhsuk-form-group--error', message !== null);
  input.classList.toggle('nhsuk-input--error', message !== null && input instanceof HTMLInputElement);
  input.classList.toggle('nhsuk-textarea--error', message !== null && input instanceof HTMLTextAreaElement);
  error.hidden = message === null;
  error.replaceChildren();
  const describedBy = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
  if (message !== null) {
    const prefix = document.createElement('span');
    prefix.className = 'nhsuk-u-visually-hidden';
    prefix.textContent = 'Error: ';
    error.append(prefix, message);
    describedBy.add(error.id);
    input.focus();
  } else {
    describedBy.delete(error.id);
  }
  if (describedBy.size > 0) input.setAttribute('aria-describedby', [...describedBy].join(' '));
  else input.removeAttribute('aria-describedby');
  void dialog;
}

/** The submitter's value of a `method="dialog"` form (Save, Remove, Cancel). */
function submitted(event: SubmitEvent): string {
  return (event.submitter as HTMLButtonElement | null)?.value ?? 'save';
}

async function start(root: HTMLElement): Promise<void> {
  const data = root.dataset;
  const csrf = data.csrf ?? '';
  const status = root.querySelector<HTMLElement>('[data-editor-status]')!;
  const presence = root.querySelector<HTMLElement>('[data-editor-presence]')!;
  const gone = root.querySelector<HTMLElement>('[data-editor-gone]')!;
  const toolbar = root.querySelector<HTMLElement>('[data-editor-toolbar]')!;
  const html = root.querySelector<HTMLElement>('[data-document-html]')!;
  const mount = root.querySelector<HTMLElement>('[data-editor-mount]')!;
  const page = document.querySelector<HTMLElement>('.app-document-comments');
  const dialogs = {
    link: document.querySelector<HTMLDialogElement>('dialog[data-dialog="link"]'),
    image: document.querySelector<HTMLDialogElement>('dialog[data-dialog="image"]'),
    comment: document.querySelector<HTMLDialogElement>('dialog[data-dialog="comment"]'),
  };

  // COLLABORATION_CLOSE_FORBIDDEN, given by the page.
  const closeForbidden = Number(data.closeForbidden ?? 4403);
  // COLLABORATION_CLOSE_READ_ONLY: still a reader, no longer a writer; the reconnection brings a read-only ticket.
  const closeReadOnly = Number(data.closeReadOnly ?? 4402);
  let editor: Editor | null = null;
  let comments: Comments | null = null;
  if (page) {
    const embedded = document.getElementById('document-comments-data')?.textContent ?? '{}';
    const initial = JSON.parse(embedded) as { comments?: DocumentComment[]; canComment?: boolean };
    comments = setUpComments({
      root: page,
      url: data.commentsUrl ?? '',
      csrf,
      canComment: initial.canComment ?? false,
      comments: initial.comments ?? [],
      onSelect: (id) => highlight(id),
    });
  }

  function highlight(id: number | null): void {
    for (const span of mount.querySelectorAll('.app-document__comment--active')) span.classList.remove('app-document__comment--active');
    if (id === null) return;
    const spans = mount.querySelectorAll<HTMLElement>(`[data-comment-id="${id}"]`);
    for (const span of spans) span.classList.add('app-document__comment--active');
    spans[0]?.scrollIntoView({ block: 'nearest' });
  }

  status.hidden = false;
  status.textContent = 'Connecting…';

  const first = await fetchTicket(data.ticketUrl ?? '', csrf);
  if (!first.ok) {
    // The page's HTML stays: it is the document as it was when the page was made.
    status.textContent = first.gone ? 'You no longer have access to this document' : 'The live document could not be opened. Reload the page to try again';
    return;
  }
  let ticket: CollaborationTicket | null = first.ticket;
  let readOnly = first.ticket.readOnly || data.canEdit !== 'true';
  let lost = false;
  let connected = false;
  let synced = false;
  let unsynced = 0;
  // A connection that never comes (a proxy refusing WebSockets): the page's HTML stays, and says what it is.
  setTimeout(() => {
    if (!synced && !lost) status.textContent = 'The live document cannot be reached. This is the document as it was when the page was loaded: reload the page to try again';
  }, 20_000);

  const ydoc = new Y.Doc();
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  // The socket is made first and connected only once the provider is attached: left to connect by
  // itself it can open two sockets at once, and the server then drops this person's presence.
  const socket = new HocuspocusProviderWebsocket({
    url: `${scheme}://${location.host}${data.collaborationPath ?? '/collaboration'}`,
    autoConnect: false,
    onStatus: ({ status: state }) => {
      connected = state === WebSocketStatus.Connected;
      showStatus();
    },
    onDisconnect: ({ event }) => {
      if (event.code === closeForbidden) accessGone();
      else if (event.code === closeReadOnly) noLongerWriting();
    },
  });
  const provider: HocuspocusProvider = new HocuspocusProvider({
    websocketProvider: socket,
    name: first.ticket.documentName,
    document: ydoc,
    // The first connection uses the page's ticket; every reconnection asks for a fresh one (they last a minute).
    token: async () => {
      if (ticket && Date.parse(ticket.expiresAt) - Date.now() > 5_000) {
        const value = ticket.ticket;
        ticket = null;
        return value;
      }
      const fresh = await fetchTicket(data.ticketUrl ?? '', csrf);
      if (!fresh.ok) {
        if (fresh.gone) accessGone();
        return '';
      }
      setReadOnly(fresh.ticket.readOnly || data.canEdit !== 'true');
      return fresh.ticket.ticket;
    },
    onAuthenticated: () => {
      // After a reconnection the server has forgotten this person's presence and ignores it sent
      // again unchanged: sent anew (a newer clock), the others see them again.
      const state = provider.awareness?.getLocalState();
      if (state) provider.awareness?.setLocalState({ ...state });
    },
    onSynced: ({ state }) => {
      synced = state;
      if (state) reveal();
      showStatus();
    },
    onUnsyncedChanges: ({ number }) => {
      unsynced = number;
      showStatus();
    },
    onAuthenticationFailed: ({ reason }) => {
      // Refused at the door: access went (then the ticket is refused too), or a limit was reached
      // (the CMS says which, in words for the member).
      void fetchTicket(data.ticketUrl ?? '', csrf).then((answer) => {
        if (!answer.ok && answer.gone) accessGone();
        else if (!lost && reason && reason !== 'permission-denied') status.textContent = reason;
      });
    },
    onClose: ({ event }) => {
      if (event.code === closeForbidden || event.reason === data.revokedReason) accessGone();
      else if (event.code === closeReadOnly || event.reason === data.readOnlyReason) noLongerWriting();
    },
    onAwarenessChange: ({ states }) => {
      const own = ydoc.clientID;
      const names = [
        ...new Set(
          states
            .filter((state) => state.clientId !== own)
            .map((state) => (state.user as { name?: unknown } | undefined)?.name)
            .filter((name): name is string => typeof name === 'string' && name.trim() !== ''),
        ),
      ];
      presence.hidden = names.length === 0;
      presence.textContent = names.length === 0 ? '' : `Also here: ${names.join(', ')}`;
    },
  });

  let statusTimer: ReturnType<typeof setTimeout> | undefined;
  let shown = '';
  function showStatus(): void {
    if (lost) return;
    const text = !connected || !navigator.onLine
      ? synced || editor
        ? readOnly
          ? 'Offline: the document will update when the connection returns'
          : 'Offline: your changes will be sent when the connection returns'
        : 'Connecting…'
      : !synced
        ? 'Connecting…'
        : readOnly
          ? 'You can read this document but not change it'
          : unsynced > 0
            ? 'Saving…'
            : 'All changes saved';
    // Saving… and saved come and go with each key: the live region hears only the settled state.
    clearTimeout(statusTimer);
    if (text === shown) return;
    statusTimer = setTimeout(
      () => {
        shown = text;
        status.textContent = text;
      },
      text === 'Saving…' ? 1_000 : text === 'All changes saved' ? 400 : 0,
    );
  }

  function setReadOnly(value: boolean): void {
    readOnly = value;
    // Shown with the live editor only, never over the page's HTML.
    toolbar.hidden = value || !editor || mount.hidden;
    mount.dataset.readOnly = String(value);
    if (editor && editor.isEditable === value) editor.setEditable(!value);
    showStatus();
  }

  function noLongerWriting(): void {
    setReadOnly(true);
    comments?.readOnly();
    for (const dialog of Object.values(dialogs)) dialog?.close();
  }

  function accessGone(): void {
    if (lost) return;
    lost = true;
    clearTimeout(statusTimer);
    socket.disconnect();
    provider.destroy();
    socket.destroy();
    setReadOnly(true);
    comments?.readOnly();
    for (const dialog of Object.values(dialogs)) dialog?.close();
    gone.hidden = false;
    status.textContent = 'You no longer have access to this document';
    presence.hidden = true;
  }

  const buttons = setUpToolbar(toolbar);

  editor = new Editor({
    element: mount,
    editable: !readOnly,
    injectCSS: false,
    extensions: [
      // The browser's own TipTap modules: one copy of ProseMirror's classes on the page.
      ...documentExtensions({ Mark, mergeAttributes, getSchema, StarterKit, TableKit, Image }, { collaborative: true }),
      Collaboration.configure({ document: ydoc, field: DOCUMENT_FRAGMENT }),
      CollaborationCaret.configure({
        provider,
        user: { name: first.ticket.user.name, color: safeColour(first.ticket.user.colour) },
        render: caret,
        selectionRender: selection,
      }),
    ],
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': 'Document content',
        'aria-describedby': 'document-content-heading',
      },
    },
  });
  mount.dataset.readOnly = String(readOnly);
  // Connected once the editor (and its presence) is ready, so the first sync carries both.
  provider.attach();
  void socket.connect();

  function reveal(): void {
    if (!mount.hidden) return;
    html.hidden = true;
    mount.hidden = false;
    toolbar.hidden = readOnly;
  }

  const active: Record<string, () => boolean> = {
    bold: () => editor!.isActive('bold'),
    italic: () => editor!.isActive('italic'),
    underline: () => editor!.isActive('underline'),
    strike: () => editor!.isActive('strike'),
    paragraph: () => editor!.isActive('paragraph'),
    'heading-2': () => editor!.isActive('heading', { level: 2 }),
    'heading-3': () => editor!.isActive('heading', { level: 3 }),
    'heading-4': () => editor!.isActive('heading', { level: 4 }),
    'bullet-list': () => editor!.isActive('bulletList'),
    'ordered-list': () => editor!.isActive('orderedList'),
    blockquote: () => editor!.isActive('blockquote'),
    link: () => editor!.isActive('link'),
  };
  const inTable = () => editor!.isActive('table');
  const enabled: Record<string, () => boolean> = {
    'add-row': inTable,
    'delete-row': inTable,
    'add-column': inTable,
    'delete-column': inTable,
    table: () => !inTable(),
    comment: () => !editor!.state.selection.empty,
    undo: () => editor!.can().undo(),
    redo: () => editor!.can().redo(),
  };

  function refreshToolbar(): void {
    if (!editor) return;
    for (const button of buttons) {
      const command = button.dataset.command ?? '';
      if (command in active) button.setAttribute('aria-pressed', String(active[command]()));
      if (command in enabled) {
        const can = enabled[command]();
        button.disabled = !can;
        if (!can && button.tabIndex === 0) {
          button.tabIndex = -1;
          buttons.find((other) => !other.disabled)?.setAttribute('tabindex', '0');
        }
      }
    }
  }

  const knownComments = () => {
    const ids = new Set<number>();
    editor!.state.doc.descendants((node) => {
      for (const mark of node.marks) if (mark.type.name === 'comment' && mark.attrs.commentId) ids.add(Number(mark.attrs.commentId));
    });
    return ids;
  };
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  editor.on('transaction', refreshToolbar);
  editor.on('update', () => {
    // Another member commented: their thread is fetched once their mark arrives.
    if (!comments) return;
    const unknown = [...knownComments()].some((id) => !comments!.known(id));
    if (!unknown) return;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void comments!.refresh(), 500);
  });
  editor.on('selectionUpdate', () => {
    const mark = editor!.getAttributes('comment') as { commentId?: unknown };
    if (mark.commentId) comments?.show(Number(mark.commentId));
  });
  refreshToolbar();

  const run: Record<string, () => void> = {
    bold: () => editor!.chain().focus().toggleBold().run(),
    italic: () => editor!.chain().focus().toggleItalic().run(),
    underline: () => editor!.chain().focus().toggleUnderline().run(),
    strike: () => editor!.chain().focus().toggleStrike().run(),
    paragraph: () => editor!.chain().focus().setParagraph().run(),
    'heading-2': () => editor!.chain().focus().toggleHeading({ level: 2 }).run(),
    'heading-3': () => editor!.chain().focus().toggleHeading({ level: 3 }).run(),
    'heading-4': () => editor!.chain().focus().toggleHeading({ level: 4 }).run(),
    'bullet-list': () => editor!.chain().focus().toggleBulletList().run(),
    'ordered-list': () => editor!.chain().focus().toggleOrderedList().run(),
    blockquote: () => editor!.chain().focus().toggleBlockquote().run(),
    table: () => editor!.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    'add-row': () => editor!.chain().focus().addRowAfter().run(),
    'delete-row': () => editor!.chain().focus().deleteRow().run(),
    'add-column': () => editor!.chain().focus().addColumnAfter().run(),
    'delete-column': () => editor!.chain().focus().deleteColumn().run(),
    undo: () => editor!.chain().focus().undo().run(),
    redo: () => editor!.chain().focus().redo().run(),
    link: () => openLink(),
    image: () => void openImage(),
    comment: () => openComment(),
  };
  toolbar.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-command]');
    if (!button || button.disabled || readOnly) return;
    run[button.dataset.command ?? '']?.();
  });

  // Dialogs: native <dialog>, modal, Escape closes; the focus goes back to the editor.
  const returnFocus = () => editor?.commands.focus();
  for (const dialog of Object.values(dialogs)) dialog?.addEventListener('close', returnFocus);

  function openLink(): void {
    const dialog = dialogs.link;
    if (!dialog) return;
    const input = dialog.querySelector<HTMLInputElement>('#link-href')!;
    const current = editor!.getAttributes('link') as { href?: string };
    input.value = current.href ?? '';
    dialog.querySelector<HTMLElement>('[data-link-remove]')!.hidden = !current.href;
    showFieldError(dialog, input, null);
    dialog.showModal();
    input.focus();
  }
  dialogs.link?.querySelector('form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const dialog = dialogs.link!;
    const input = dialog.querySelector<HTMLInputElement>('#link-href')!;
    const action = submitted(event);
    if (action === 'cancel') return dialog.close();
    if (action === 'remove') {
      editor!.chain().focus().extendMarkRange('link').unsetLink().run();
      return dialog.close();
    }
    const href = input.value.trim();
    if (!href) return showFieldError(dialog, input, 'Enter the address of the link');
    if (!isAllowedDocumentLink(href)) return showFieldError(dialog, input, 'Enter an address starting https://, http:// or mailto:, or a page of this site starting /');
    const chain = editor!.chain().focus().extendMarkRange('link');
    if (editor!.state.selection.empty && !editor!.isActive('link')) {
      chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      chain.setLink({ href }).run();
    }
    dialog.close();
  });

  let imageFolder: number | null = null;
  async function loadImages(folder: number | null): Promise<void> {
    const dialog = dialogs.image!;
    const where = dialog.querySelector<HTMLElement>('[data-image-where]')!;
    const folders = dialog.querySelector<HTMLElement>('[data-image-folders]')!;
    const choices = dialog.querySelector<HTMLElement>('[data-image-choices]')!;
    const note = dialog.querySelector<HTMLElement>('[data-image-status]')!;
    imageFolder = folder;
    note.textContent = 'Loading the images…';
    const url = `${data.imagesUrl}${folder === null ? '' : `?folder=${folder}`}`;
    let answer: { data?: { folder: { id: number; name: string; parentId: number | null } | null; folders: { id: number; name: string }[]; images: { id: number; name: string; src: string }[] } };
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      answer = response.ok ? await response.json() : {};
    } catch {
      answer = {};
    }
    if (!answer.data) {
      note.textContent = 'The images could not be listed. Try again';
      return;
    }
    const view = answer.data;
    where.textContent = view.folder ? `In the folder ${view.folder.name}` : 'Files (the top level)';
    const items: HTMLElement[] = [];
    const folderButton = (label: string, target: number | null) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.addEventListener('click', () => void loadImages(target));
      li.append(button);
      return li;
    };
    if (view.folder) items.push(folderButton(view.folder.parentId === null ? 'Back to the top level' : 'Back to the folder above', view.folder.parentId));
    for (const child of view.folders) items.push(folderButton(`Open the folder ${child.name}`, child.id));
    folders.replaceChildren(...items);
    choices.replaceChildren(
      ...view.images.map((image, index) => {
        const item = document.createElement('div');
        item.className = 'nhsuk-radios__item';
        const input = document.createElement('input');
        input.className = 'nhsuk-radios__input';
        input.type = 'radio';
        input.name = 'image';
        input.id = `image-choice-${image.id}`;
        input.value = image.src;
        if (index === 0) input.setAttribute('aria-describedby', 'image-choice-error');
        const label = document.createElement('label');
        label.className = 'nhsuk-label nhsuk-radios__label';
        label.htmlFor = input.id;
        label.textContent = image.name;
        item.append(input, label);
        return item;
      }),
    );
    note.textContent = view.images.length === 0 ? 'There are no images in this folder.' : `${view.images.length} ${view.images.length === 1 ? 'image' : 'images'} in this folder.`;
  }
  async function openImage(): Promise<void> {
    const dialog = dialogs.image;
    if (!dialog) return;
    dialog.querySelector<HTMLInputElement>('#image-alt')!.value = '';
    const group = dialog.querySelector<HTMLElement>('[data-image-choice-group]')!;
    showFieldError(dialog, group.querySelector('fieldset')!, null);
    dialog.showModal();
    await loadImages(imageFolder);
  }
  dialogs.image?.querySelector('form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const dialog = dialogs.image!;
    if (submitted(event) === 'cancel') return dialog.close();
    const chosen = dialog.querySelector<HTMLInputElement>('input[name="image"]:checked');
    const fieldset = dialog.querySelector<HTMLElement>('fieldset')!;
    if (!chosen) {
      showFieldError(dialog, fieldset, 'Choose an image');
      dialog.querySelector<HTMLInputElement>('input[name="image"]')?.focus();
      return;
    }
    const alt = dialog.querySelector<HTMLInputElement>('#image-alt')!.value.trim();
    editor!.chain().focus().setImage({ src: chosen.value, alt }).run();
    dialog.close();
  });

  let commentRange: { from: number; to: number } | null = null;
  function openComment(): void {
    const dialog = dialogs.comment;
    if (!dialog || editor!.state.selection.empty) return;
    const { from, to } = editor!.state.selection;
    commentRange = { from, to };
    dialog.querySelector<HTMLElement>('[data-comment-quote]')!.textContent = editor!.state.doc.textBetween(from, to, ' ');
    const body = dialog.querySelector<HTMLTextAreaElement>('#comment-body')!;
    body.value = '';
    showFieldError(dialog, body, null);
    dialog.showModal();
    body.focus();
  }
  dialogs.comment?.querySelector('form')?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const dialog = dialogs.comment!;
    if (submitted(event) === 'cancel' || !commentRange) return dialog.close();
    const body = dialog.querySelector<HTMLTextAreaElement>('#comment-body')!;
    if (!body.value.trim()) return showFieldError(dialog, body, 'Enter a comment');
    const range = commentRange;
    const quote = editor!.state.doc.textBetween(range.from, range.to, ' ');
    const answer = await comments!.add(quote, body.value);
    if ('error' in answer) return showFieldError(dialog, body, answer.error);
    editor!.chain().focus().setTextSelection(range).setMark('comment', { commentId: String(answer.id) }).run();
    commentRange = null;
    dialog.close();
  });

  // The browser knows it is offline before the socket does: say so at once, and reconnect as soon as it is back.
  window.addEventListener('offline', showStatus);
  window.addEventListener('online', () => {
    showStatus();
    if (!lost && !connected) void socket.connect();
  });

  // Everything sent before the tab goes: Yjs has it, the provider flushes what is pending.
  window.addEventListener('pagehide', () => provider.flushPendingUpdates());
}
