import { Marked, type Token } from 'marked';
import type { Field } from './fields.ts';

/**
 * What each field kind does with a value, in one place: how it passes between the CMS's read form
 * (media as `{ id, url, ... }`, a case study as its fields with `documentId`) and its input form
 * (media as a file id, a case study as its documentId), what it refers to, and its plain words.
 * The field DSL (fields.ts) owns each kind's schema and Strapi attribute; the walker
 * (walk-fields.ts) applies these to every field of a block. A new kind is one entry here.
 */
export type FieldKindName = Field['kind'];
export type ReferenceKind = 'image' | 'case-study';
export interface Reference {
  kind: ReferenceKind;
  /** A file id for an image, a documentId for a case study. */
  ref: number | string;
}

/** An image as the site reads it: the file's id and what the renderer needs. */
export interface MediaRead {
  id: number;
  url: string;
  width: number | null;
  height: number | null;
  mime: string | null;
}

export interface FieldKind {
  /** Read form → input form. A value already in input form passes as it is. */
  toInput(value: unknown): unknown;
  /** Input form → read form, looking each reference up with `resolve` (null when it finds nothing). */
  toRead(value: unknown, resolve: (reference: Reference) => unknown): unknown;
  /** A read form trimmed to what the site reads (no component ids, media and case studies to their fields). */
  shape(value: unknown): unknown;
  /** The reference the value holds, in either form. */
  reference(value: unknown): Reference | null;
  /**
   * The input value made safe to store, or the reason it cannot be (then `value` is null): a
   * reference must have its key's type; text loses Unicode direction overrides.
   */
  clean(value: unknown): { value: unknown; issue?: string };
  /** Input form → Strapi's document service data (a relation is `{ set: [...] }`). */
  toDocument(value: unknown): unknown;
  /** The words a reader sees (for search): Markdown without its marks, '' for kinds without text. */
  plainText(value: unknown): string;
  /** The kind of reference the field holds, for those that hold one. */
  holds?: ReferenceKind;
  /** An empty value is stored as the field's default (what the block shows), so every copy agrees. */
  defaulted?: boolean;
  /** Holds items of fields of its own; the walker recurses into them. */
  container?: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Unicode direction overrides disguise text ("txt.exe" shown as "exe.txt"): never stored. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

const identity = (value: unknown) => value;

const scalar: FieldKind = {
  toInput: identity,
  toRead: identity,
  shape: (value) => value ?? null,
  reference: () => null,
  clean: (value) => ({ value }),
  toDocument: identity,
  plainText: () => '',
};

const plainWords = (value: unknown) => (typeof value === 'string' ? value.replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ').trim() : '');

const text: FieldKind = {
  ...scalar,
  clean: (value) => ({ value: typeof value === 'string' ? value.replace(BIDI_CONTROLS, '') : value }),
  plainText: plainWords,
};

const markdown: FieldKind = { ...text, plainText: (value) => (typeof value === 'string' ? markdownPlainText(value) : '') };

const defaulted: FieldKind = { ...scalar, defaulted: true };

/** A file id, from an id (number or digits) or a media object. */
function imageId(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,12}$/.test(value)) return Number(value);
  if (isObject(value) && 'id' in value) return imageId(value.id);
  return null;
}

function caseStudyId(value: unknown): string | null {
  if (typeof value === 'string' && value) return value;
  if (isObject(value) && 'documentId' in value) return caseStudyId(value.documentId);
  return null;
}

function shapeMedia(value: unknown): MediaRead | null {
  if (!isObject(value) || typeof value.url !== 'string') return null;
  return {
    id: value.id as number,
    url: value.url,
    width: (value.width as number | null | undefined) ?? null,
    height: (value.height as number | null | undefined) ?? null,
    mime: (value.mime as string | null | undefined) ?? null,
  };
}

function resolveWith(reference: (value: unknown) => Reference | null) {
  return (value: unknown, resolve: (reference: Reference) => unknown) => {
    const found = reference(value);
    return found ? (resolve(found) ?? null) : null;
  };
}

const imageReference = (value: unknown): Reference | null => {
  const id = imageId(value);
  return id === null ? null : { kind: 'image', ref: id };
};

const image: FieldKind = {
  ...scalar,
  holds: 'image',
  toInput: imageId,
  toRead: resolveWith(imageReference),
  shape: shapeMedia,
  reference: imageReference,
  clean(value) {
    const id = isObject(value) && Number.isSafeInteger(value.id) ? value.id : value;
    if (id === null || id === undefined || id === '') return { value: null };
    if (Number.isSafeInteger(id) && (id as number) > 0) return { value: id };
    return { value: null, issue: 'Upload the image again' };
  },
};

const caseStudyReference = (value: unknown): Reference | null => {
  const documentId = caseStudyId(value);
  return documentId === null ? null : { kind: 'case-study', ref: documentId };
};

const caseStudy: FieldKind = {
  ...scalar,
  holds: 'case-study',
  toInput: caseStudyId,
  toRead: resolveWith(caseStudyReference),
  shape(value) {
    if (!isObject(value) || typeof value.documentId !== 'string') return null;
    return {
      documentId: value.documentId,
      title: value.title ?? null,
      slug: value.slug ?? null,
      summary: value.summary ?? null,
      organisation: value.organisation ?? null,
      heroImage: shapeMedia(value.heroImage),
    };
  },
  reference: caseStudyReference,
  clean(value) {
    const documentId = isObject(value) && typeof value.documentId === 'string' ? value.documentId : value;
    if (documentId === null || documentId === undefined || documentId === '') return { value: null };
    if (typeof documentId === 'string' && /^[A-Za-z0-9]{1,64}$/.test(documentId)) return { value: documentId };
    return { value: null, issue: 'Choose a published case study' };
  },
  toDocument: (value) => (typeof value === 'string' ? { set: [{ documentId: value }] } : { set: [] }),
};

/** The walker maps a list's items; the list itself has no value of its own to convert. */
const list: FieldKind = { ...scalar, container: true };

export const fieldKinds: Record<FieldKindName, FieldKind> = {
  text,
  multiline: text,
  markdown,
  url: scalar,
  choice: defaulted,
  boolean: defaulted,
  integer: defaulted,
  image,
  'case-study': caseStudy,
  list,
};

export function fieldKind(field: Pick<Field, 'kind'>): FieldKind {
  const kind = fieldKinds[field.kind];
  if (!kind) throw new Error(`Unknown field kind "${field.kind}"`);
  return kind;
}

/** What an empty value of the field is stored and shown as: its default, or null. */
export function emptyValueOf(field: Pick<Field, 'schema'>): unknown {
  const parsed = field.schema.safeParse(null);
  return parsed.success ? (parsed.data ?? null) : null;
}

const lexer = new Marked({ gfm: true });

/** The words of Markdown without its marks: headings, emphasis, links (their text), lists and tables. */
export function markdownPlainText(source: string): string {
  const words: string[] = [];
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      const t = token as Token & { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][]; text?: string };
      if (t.type === 'table') {
        for (const cell of [...(t.header ?? []), ...(t.rows ?? []).flat()]) {
          visit(cell.tokens);
          words.push(' ');
        }
      } else if (t.type === 'list') visit(t.items ?? []);
      else if (t.tokens?.length) visit(t.tokens);
      else if (t.type === 'code' || t.type === 'codespan' || t.type === 'text' || t.type === 'escape' || t.type === 'html') words.push(t.text ?? '');
      // Blocks and line breaks part words; inline marks do not ("**N**HS" reads "NHS").
      if (t.type === 'paragraph' || t.type === 'heading' || t.type === 'list_item' || t.type === 'space' || t.type === 'br') words.push(' ');
    }
  };
  visit(lexer.lexer(source));
  return plainWords(words.join(''));
}
