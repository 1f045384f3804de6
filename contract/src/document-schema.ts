import type * as TiptapCore from '@tiptap/core';
import type { Extensions } from '@tiptap/core';
import type ImageExtension from '@tiptap/extension-image';
import type { TableKit as TableKitExtension } from '@tiptap/extension-table';
import type { Schema } from '@tiptap/pm/model';
import type StarterKitExtension from '@tiptap/starter-kit';

/**
 * TipTap's modules, handed in by whoever builds the schema rather than imported here: the browser
 * gives its ES modules, the CMS its CommonJS ones, so that on each side ProseMirror's classes come
 * from one copy (two copies of prosemirror-model refuse each other's nodes).
 */
export interface TiptapModules {
  Mark: typeof TiptapCore.Mark;
  mergeAttributes: typeof TiptapCore.mergeAttributes;
  getSchema: typeof TiptapCore.getSchema;
  StarterKit: typeof StarterKitExtension;
  TableKit: typeof TableKitExtension;
  Image: typeof ImageExtension;
}

/**
 * What a document written together may hold: the one TipTap schema the site's editor, the CMS's
 * collaboration server, its HTML, text, DOCX and PDF renderers and its version restore all use
 * (docs/documents.md#what-a-document-holds). A node or mark missing here is dropped by the editor
 * and by the server alike, so a client cannot store what the others cannot show.
 */

/** The Yjs XML fragment the editor is bound to (TipTap's Collaboration default). */
export const DOCUMENT_FRAGMENT = 'default';

/** Headings start at level 2: the document's name is the page's only level 1 heading. */
export const DOCUMENT_HEADING_LEVELS = [2, 3, 4] as const;

const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'];

/** Links go to the web or to an email address, or stay on the site (a path): never `javascript:` or `data:`. */
export function isAllowedDocumentLink(href: string): boolean {
  // Browsers drop tabs and line breaks inside an address and read `/\` as `//`: a path must stay one after both.
  const value = String(href ?? '').replace(/[\t\n\r]/g, '').trim();
  if (value.startsWith('/')) return !/^\/[\\/]/.test(value);
  try {
    return LINK_PROTOCOLS.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** An image in a document is a picture from the workspace's files, shown through the site's preview route. */
export const DOCUMENT_IMAGE_SOURCE = /^\/workspaces\/([a-z0-9-]{1,200})\/files\/items\/(\d{1,12})\/preview$/;

export function isAllowedDocumentImage(src: string): boolean {
  return DOCUMENT_IMAGE_SOURCE.test(String(src ?? ''));
}

/**
 * A comment's place in the text: the mark carries only the comment's id; what it says, who wrote
 * it and whether it is resolved live in the CMS, so a writer cannot put words in another's name.
 */
function commentMark({ Mark, mergeAttributes }: TiptapModules) {
  return Mark.create({
    name: 'comment',
    inclusive: false,
    excludes: '',
    addAttributes() {
      return {
        commentId: {
          default: null,
          parseHTML: (element: { getAttribute(name: string): string | null }) => element.getAttribute('data-comment-id'),
          renderHTML: (attributes: Record<string, unknown>) => ({ 'data-comment-id': attributes.commentId }),
        },
      };
    },
    parseHTML() {
      return [{ tag: 'span[data-comment-id]' }];
    },
    renderHTML({ HTMLAttributes }) {
      return ['span', mergeAttributes(HTMLAttributes, { class: 'app-document__comment' }), 0];
    },
  });
}

export interface DocumentExtensionOptions {
  /** Bound to Yjs: Yjs keeps the history, so TipTap's own undo is left out. */
  collaborative?: boolean;
}

export function documentExtensions(modules: TiptapModules, { collaborative = false }: DocumentExtensionOptions = {}): Extensions {
  const { StarterKit, TableKit, Image } = modules;
  return [
    StarterKit.configure({
      ...(collaborative ? { undoRedo: false as const } : {}),
      heading: { levels: [...DOCUMENT_HEADING_LEVELS] },
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ['mailto'],
        isAllowedUri: (url) => isAllowedDocumentLink(url),
        HTMLAttributes: { rel: 'nofollow ugc noopener', target: null },
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    Image.configure({ inline: false, allowBase64: false }),
    commentMark(modules),
  ];
}

/** The ProseMirror schema of a document, for servers that read and write documents without an editor. */
export function documentSchema(modules: TiptapModules): Schema {
  return modules.getSchema(documentExtensions(modules));
}

/** ProseMirror's JSON of a document, as TipTap and the CMS store it. */
export interface DocumentJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocumentJson[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}
