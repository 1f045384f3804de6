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

/**
 * A kind that refers to a record by its key (a file id, a documentId): the key is its input form,
 * the record its read form. `sent` takes the key from a record sent back in read form, so a
 * client may return what it was given; a key of the wrong type is refused with `issue`.
 */
function referenceKind(options: {
  holds: ReferenceKind;
  keyOf(value: unknown): number | string | null;
  sent(value: Record<string, unknown>): unknown;
  valid(key: unknown): boolean;
  issue: string;
  shape(value: unknown): unknown;
  toDocument?: (value: unknown) => unknown;
}): FieldKind {
  const reference = (value: unknown): Reference | null => {
    const key = options.keyOf(value);
    return key === null ? null : { kind: options.holds, ref: key };
  };
  return {
    ...scalar,
    holds: options.holds,
    toInput: options.keyOf,
    toRead(value, resolve) {
      const found = reference(value);
      return found ? (resolve(found) ?? null) : null;
    },
    shape: options.shape,
    reference,
    clean(value) {
      const key = isObject(value) ? (options.sent(value) ?? value) : value;
      if (key === null || key === undefined || key === '') return { value: null };
      return options.valid(key) ? { value: key } : { value: null, issue: options.issue };
    },
    ...(options.toDocument ? { toDocument: options.toDocument } : {}),
  };
}

const image = referenceKind({
  holds: 'image',
  keyOf: imageId,
  sent: (value) => (Number.isSafeInteger(value.id) ? value.id : undefined),
  valid: (key) => Number.isSafeInteger(key) && (key as number) > 0,
  issue: 'Upload the image again',
  shape: shapeMedia,
});

const caseStudy = referenceKind({
  holds: 'case-study',
  keyOf: caseStudyId,
  sent: (value) => (typeof value.documentId === 'string' ? value.documentId : undefined),
  valid: (key) => typeof key === 'string' && /^[A-Za-z0-9]{1,64}$/.test(key),
  issue: 'Choose a published case study',
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
  // A relation is written through Strapi's document service as a set of documents.
  toDocument: (value) => (typeof value === 'string' ? { set: [{ documentId: value }] } : { set: [] }),
});

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
