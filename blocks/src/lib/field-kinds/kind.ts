import type { z } from 'zod';
import { BIDI_CONTROLS, cleanText } from '@futurenhs/contract';

/**
 * What every field kind is: the field a block declares (its zod schema, Strapi attribute and
 * populate), and what the kind does with a value (FieldKind): conversion between the CMS's read
 * form and input form, the references it holds, its plain words, and its page-builder form.
 * Each kind is one module of this folder; index.ts names them all.
 */
export type FieldKindName = 'text' | 'multiline' | 'markdown' | 'url' | 'choice' | 'boolean' | 'integer' | 'image' | 'list' | 'case-study';

export type StrapiAttribute = Record<string, unknown>;

/** A Strapi REST populate fragment: `true` for nested parts with only scalars, or an object. */
export type PopulateSpec = true | { fields?: string[]; populate?: Record<string, PopulateSpec> };

export interface PartDefinition {
  /** e.g. `block-parts.card-group-card` */
  uid: string;
  displayName: string;
  attributes: Record<string, StrapiAttribute>;
}

export interface Field<S extends z.ZodType = z.ZodType> {
  kind: FieldKindName;
  schema: S;
  /** Builds the Strapi attribute; lists also register the nested part they need. */
  attribute(context: { blockName: string; fieldName: string; parts: PartDefinition[] }): StrapiAttribute;
  populate?: (context: { blockName: string; fieldName: string }) => PopulateSpec;
  /** A list's item: the fields each of its items has. */
  item?: { displayName: string; fields: Record<string, Field> };
  /** A choice's values. */
  values?: readonly string[];
  /** A list's bounds. */
  min?: number;
  max?: number;
  /**
   * Guidance for editors, shown by the page builder. Not written into the Strapi JSON: Strapi's
   * content-type builder knows no per-attribute description and would strip or refuse it.
   */
  description?: string;
  /** The page builder's label for the field, where one made from its name would read badly. */
  label?: string;
  required: boolean;
}

/** `R` carries `required: true` into the types, so an optional field's type includes null. */
export interface Common<R extends boolean = boolean> {
  required?: R;
  description?: string;
  label?: string;
}

/** Strapi returns null for empty fields, so optional means "null or absent". */
export type OptionalUnless<S extends z.ZodType, R extends boolean> = R extends true ? S : z.ZodOptional<z.ZodNullable<S>>;

export function optionalUnless<S extends z.ZodType, R extends boolean>(schema: S, required: R | undefined): OptionalUnless<S, R> {
  return (required ? schema : schema.nullish()) as OptionalUnless<S, R>;
}

/** The parts of a field every kind shares: whether it is required, its guidance and label. */
export function common(options: Common) {
  return { required: !!options.required, description: options.description, label: options.label };
}

/** Strapi's `required` flag, written only when it is set. */
export const requiredFlag = (required: boolean | undefined) => (required ? { required: true } : {});

/**
 * Plain text is escaped by the renderer, but Unicode direction overrides survive escaping and can
 * disguise what a reader sees, so they are removed when the text is parsed.
 */
export function plainText(schema: z.ZodString) {
  return schema.transform((value) => cleanText(value));
}

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

// -------------------------------------------------------------------------------------------
// The page builder's form (site/src/lib/page-builder/block-form.ts draws and reads it)

/** What every input shows besides its value: its name (the field path, `cards.0.title`), label, hint and error. */
export interface InputCommon {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

/** One input of a block's form: the form's state for one field. */
export type FormInput =
  | (InputCommon & { kind: 'text' | 'url' | 'multiline' | 'markdown' | 'integer'; required: boolean; max?: number; value: string })
  | (InputCommon & { kind: 'boolean'; checked: boolean })
  | (InputCommon & { kind: 'choice'; options: { value: string; label: string }[]; value: string })
  | (InputCommon & { kind: 'image'; required: boolean; current: { id: number; url: string } | null })
  | (InputCommon & { kind: 'case-study'; required: boolean; options: { value: string; label: string }[]; value: string })
  | (InputCommon & { kind: 'list'; min: number; max: number; items: FormInput[][]; itemLabel: string });

/** A posted form, as a form kind reads it (the site wraps FormData). */
export interface PostedForm {
  /** The text posted under `name` (line breaks as `\n`), or null when nothing was. */
  text(name: string): string | null;
  /** The file posted under `name`, when one was chosen. */
  file(name: string): Blob | null;
  /** The names posted. */
  names(): Iterable<string>;
}

/** What reading a form collects besides values: files to upload, and image addresses the form carried. */
export interface FormReading {
  uploads: { name: string; file: Blob }[];
  images: Record<number, string>;
}

/** What drawing a form needs from the site: the published case studies, addresses of images known by id, and labels. */
export interface FormContext {
  caseStudies: { documentId: string; title: string }[];
  images: Record<number, string>;
  optionLabel(value: string): string;
}

export interface KindForm {
  /** The value of a new, untouched input (lists are the walker's: form-fields.ts). */
  initial(field: Field): unknown;
  /** The value posted for the input `name`. */
  read(posted: PostedForm, name: string, field: Field, reading: FormReading): unknown;
  /**
   * The input's state: `raw` is the value held (read or input form), `current` the same with the
   * schema's default standing in for an empty one.
   */
  input(field: Field, common: InputCommon, raw: unknown, current: unknown, context: FormContext): FormInput;
  /** Said in place of zod's type message when the value is empty or unreadable. */
  emptyMessage(label: string): string;
  /** A rule the schema cannot check on the form's value (it cannot tell an unchosen relation from an unchanged one). */
  check?(field: Field, value: unknown): string | undefined;
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
  /**
   * What the block's schema is given in place of an input value when input is validated: a
   * reference in input form (a file id) stands for a record the schema would want whole.
   */
  standIn(value: unknown): unknown;
  /** The words a reader sees (for search): Markdown without its marks, '' for kinds without text. */
  plainText(value: unknown): string;
  form: KindForm;
  /** The kind of reference the field holds, for those that hold one. */
  holds?: ReferenceKind;
  /** An empty value is stored as the field's default (what the block shows), so every copy agrees. */
  defaulted?: boolean;
  /** Holds items of fields of its own; the walker recurses into them. */
  container?: boolean;
}

export const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

export { BIDI_CONTROLS };

export const plainWords = (value: unknown) => (typeof value === 'string' ? value.replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ').trim() : '');

const identity = (value: unknown) => value;

/** A value kept as it is everywhere: the base every kind starts from. */
export const scalar: Omit<FieldKind, 'form'> = {
  toInput: identity,
  toRead: identity,
  shape: (value) => value ?? null,
  reference: () => null,
  clean: (value) => ({ value }),
  toDocument: identity,
  standIn: identity,
  plainText: () => '',
};

/** What an empty value of the field is stored and shown as: its default, or null. */
export function emptyValueOf(field: Pick<Field, 'schema'>): unknown {
  const parsed = field.schema.safeParse(null);
  return parsed.success ? (parsed.data ?? null) : null;
}

/** The default the field's schema gives an empty value (choices, booleans, defaulted text and numbers), if it has one. */
export function schemaDefault(field: Pick<Field, 'schema'>): unknown {
  return emptyValueOf(field) ?? undefined;
}

/** A list field's item fields. */
export function itemFields(field: Field): Record<string, Field> {
  if (!field.item) throw new Error('A list field must declare its item fields');
  return field.item.fields;
}

/** A value as a text input shows it. */
export function textValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}
