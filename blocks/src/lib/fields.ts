import { z } from 'zod';
import { cleanText } from './markdown.ts';

/**
 * The field vocabulary of blocks. Each field is declared once and yields, together:
 * - the zod schema that validates what the CMS returns and what managers enter,
 * - the Strapi attribute written into the generated component JSON,
 * - what the CMS client must populate to fetch it (media, nested parts, relations).
 * What each kind does with a value (conversion between the CMS's forms, references, plain text)
 * is in field-kinds.ts, applied to a block's fields by walk-fields.ts.
 */
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
  kind: 'text' | 'multiline' | 'markdown' | 'url' | 'choice' | 'boolean' | 'integer' | 'image' | 'list' | 'case-study';
  schema: S;
  /** Builds the Strapi attribute; lists also register the nested part they need. */
  attribute(context: { blockName: string; fieldName: string; parts: PartDefinition[] }): StrapiAttribute;
  populate?: (context: { blockName: string; fieldName: string }) => PopulateSpec;
  /** A list's item: the fields each of its items has. */
  item?: { displayName: string; fields: Record<string, Field> };
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
interface Common<R extends boolean = boolean> {
  required?: R;
  description?: string;
  label?: string;
}

/** Strapi returns null for empty fields, so optional means "null or absent". */
export type OptionalUnless<S extends z.ZodType, R extends boolean> = R extends true ? S : z.ZodOptional<z.ZodNullable<S>>;

function optionalUnless<S extends z.ZodType, R extends boolean>(schema: S, required: R | undefined): OptionalUnless<S, R> {
  return (required ? schema : schema.nullish()) as OptionalUnless<S, R>;
}

/**
 * Only constraints go into the Strapi JSON. The field's description stays in the DSL
 * (Field.description) for the page builder: Strapi's content-type builder has no per-attribute
 * description and refuses unknown attribute keys when an admin saves the component.
 */
function withDescription(attribute: StrapiAttribute, _description?: string): StrapiAttribute {
  return attribute;
}

/**
 * Plain text is escaped by the renderer, but Unicode direction overrides survive escaping and can
 * disguise what a reader sees, so they are removed when the text is parsed.
 */
function plainText(schema: z.ZodString) {
  return schema.transform((value) => cleanText(value));
}

/** A single line of plain text. */
export function text<R extends boolean = false>(options: Common<R> & { max: number; min?: number }) {
  const base = z.string().trim().max(options.max, `Must be ${options.max} characters or fewer`);
  const schema: z.ZodString = options.required ? base.min(options.min ?? 1, 'Enter a value') : base;
  return {
    kind: 'text',
    schema: optionalUnless(plainText(schema), options.required),
    required: !!options.required,
    description: options.description,
    label: options.label,
    attribute: () =>
      withDescription(
        { type: options.max > 255 ? 'text' : 'string', maxLength: options.max, ...(options.required ? { required: true } : {}) },
        options.description,
      ),
  } satisfies Field;
}

/**
 * A single line of plain text with a default: Strapi pre-fills it for the editor, and an empty or
 * missing value (a block saved before the field existed, or cleared) renders as the default, so
 * the renderer always has text.
 */
export function textWithDefault(options: { max: number; default: string; description?: string; label?: string }) {
  const base = z.string().trim().max(options.max, `Must be ${options.max} characters or fewer`);
  return {
    kind: 'text',
    schema: plainText(base)
      .nullish()
      .transform((value) => value || options.default),
    required: false,
    description: options.description,
    label: options.label,
    attribute: () =>
      withDescription({ type: options.max > 255 ? 'text' : 'string', maxLength: options.max, default: options.default }, options.description),
  } satisfies Field;
}

/** Plain text over several lines (no formatting). */
export function multiline<R extends boolean = false>(options: Common<R> & { max: number }) {
  const base = z.string().trim().max(options.max, `Must be ${options.max} characters or fewer`);
  const schema: z.ZodString = options.required ? base.min(1, 'Enter a value') : base;
  return {
    kind: 'multiline',
    schema: optionalUnless(plainText(schema), options.required),
    required: !!options.required,
    description: options.description,
    label: options.label,
    attribute: () =>
      withDescription({ type: 'text', maxLength: options.max, ...(options.required ? { required: true } : {}) }, options.description),
  } satisfies Field;
}

/** Formatted text, stored as Markdown and rendered through the sanitizer (never raw HTML). */
export function markdown<R extends boolean = false>(options: Common<R> & { max: number }) {
  const base = z.string().max(options.max, `Must be ${options.max} characters or fewer`);
  const schema: z.ZodString = options.required ? base.refine((value) => value.trim().length > 0, 'Enter some text') : base;
  return {
    kind: 'markdown',
    schema: optionalUnless(schema, options.required),
    required: !!options.required,
    description: options.description,
    label: options.label,
    attribute: () =>
      withDescription({ type: 'richtext', maxLength: options.max, ...(options.required ? { required: true } : {}) }, options.description),
  } satisfies Field;
}

/**
 * Links may be absolute http(s), site-relative paths, in-page fragments, mailto: or tel:. Anything
 * else (javascript:, data:, vbscript:) is refused. A path may not start with "//" or "/\\", which
 * browsers treat as a link to another host. Whitespace, control characters, quotes, angle brackets
 * and Unicode direction overrides are refused anywhere. The same pattern is Strapi's `regex`, so the
 * admin refuses what the site would refuse.
 */
const URL_CHAR = '[^\\s<>"\\u0000-\\u001F\\u007F\\u202A-\\u202E\\u2066-\\u2069]';
export const SAFE_URL_PATTERN =
  `^(https?://${URL_CHAR}+|/(?![/\\\\])${URL_CHAR}*|#[A-Za-z][\\w-]*|mailto:[^\\s<>"@:/]+@[A-Za-z0-9.-]+|tel:\\+?[0-9 ()-]{3,20})$`;
const SAFE_URL_MESSAGE = 'Enter a web address starting with https://, or a path on this site starting with /';

function safeUrl(pattern: string, message: string) {
  return z.string().trim().max(2000, 'Must be 2000 characters or fewer').regex(new RegExp(pattern), message);
}

/**
 * A link. `pattern` narrows what is accepted (e.g. only YouTube and Vimeo addresses); it must be
 * no looser than SAFE_URL_PATTERN, and it is written to Strapi as the attribute's regex too.
 */
export function url<R extends boolean = false>(options: Common<R> & { pattern?: string; patternMessage?: string } = {}) {
  const pattern = options.pattern ?? SAFE_URL_PATTERN;
  let schema: z.ZodType<string, string> = safeUrl(pattern, options.patternMessage ?? SAFE_URL_MESSAGE);
  // A narrower pattern still has to pass the general one: it guards against a careless pattern.
  if (options.pattern) schema = schema.pipe(safeUrl(SAFE_URL_PATTERN, SAFE_URL_MESSAGE));
  return {
    kind: 'url',
    schema: optionalUnless(schema, options.required),
    required: !!options.required,
    description: options.description,
    label: options.label,
    attribute: () =>
      withDescription(
        // 'text', not 'string': Strapi's string column is varchar(255), too short for real-world links.
        { type: 'text', maxLength: 2000, regex: pattern, ...(options.required ? { required: true } : {}) },
        options.description,
      ),
  } satisfies Field;
}

/** Strapi refuses enumeration values that start with a digit (they are not valid GraphQL names). */
const STRAPI_ENUM_VALUE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function choice<const T extends readonly [string, ...string[]]>(values: T, options: Common & { default: T[number] }) {
  for (const value of values) {
    if (!STRAPI_ENUM_VALUE.test(value)) throw new Error(`Choice value "${value}" must start with a letter for Strapi`);
  }
  return {
    kind: 'choice',
    values,
    // A missing choice falls back to its default rather than failing the block.
    schema: z.enum(values).nullish().transform((value) => value ?? options.default),
    required: true,
    description: options.description,
    label: options.label,
    attribute: () =>
      withDescription({ type: 'enumeration', enum: [...values], default: options.default, required: true }, options.description),
  } satisfies Field & { values: T };
}

/**
 * The level of a block's heading. Pages own their h1, so blocks offer h2–h4 only; the editor picks
 * the level that fits the page outline rather than the size they like.
 */
export const HEADING_LEVELS = ['h2', 'h3', 'h4'] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

export function headingLevel(options: { default: HeadingLevel; description?: string }) {
  return choice(HEADING_LEVELS, {
    default: options.default,
    description: options.description ?? 'The heading level that fits the page outline: h2 for a main section, h3 or h4 inside one',
  });
}

/** The heading one level below `level`, kept within h2–h4 (used for the titles of cards under a group heading). */
export function headingBelow(level: HeadingLevel): HeadingLevel {
  return level === 'h2' ? 'h3' : 'h4';
}

export function boolean(options: Common & { default: boolean }) {
  return {
    kind: 'boolean',
    schema: z.boolean().nullish().transform((value) => value ?? options.default),
    required: false,
    description: options.description,
    label: options.label,
    attribute: () => withDescription({ type: 'boolean', default: options.default }, options.description),
  } satisfies Field;
}

/** A whole number within bounds that falls back to its default when missing (as Strapi pre-fills it). */
export function integerWithDefault(options: { min: number; max: number; default: number; description?: string; label?: string }) {
  return {
    kind: 'integer',
    schema: z
      .number()
      .int()
      .min(options.min, `Must be ${options.min} or more`)
      .max(options.max, `Must be ${options.max} or fewer`)
      .nullish()
      .transform((value) => value ?? options.default),
    required: false,
    description: options.description,
    label: options.label,
    attribute: () =>
      withDescription({ type: 'integer', min: options.min, max: options.max, default: options.default }, options.description),
  } satisfies Field;
}

export function integer<R extends boolean = false>(options: Common<R> & { min: number; max: number }) {
  const schema = z.number().int().min(options.min).max(options.max);
  return {
    kind: 'integer',
    schema: optionalUnless(schema, options.required),
    required: !!options.required,
    description: options.description,
    label: options.label,
    attribute: () =>
      withDescription(
        { type: 'integer', min: options.min, max: options.max, ...(options.required ? { required: true } : {}) },
        options.description,
      ),
  } satisfies Field;
}

/** Media URLs come from the CMS: absolute http(s) (an upload provider) or a path (the local provider). */
const MEDIA_URL_PATTERN = /^(https?:\/\/[^\s<>"]+|\/(?![/\\])[^\s<>"]+)$/;

/** The image as the CMS returns it; alt text lives on the block, because it depends on the context. */
export const imageSchema = z.object({
  id: z.number().optional(),
  documentId: z.string().optional(),
  url: z.string().regex(MEDIA_URL_PATTERN),
  width: z.number().nullish(),
  height: z.number().nullish(),
  mime: z.string().nullish(),
});
export type Image = z.infer<typeof imageSchema>;
const IMAGE_FIELDS = ['url', 'width', 'height', 'mime'];

export function image<R extends boolean = false>(options: Common<R> = {}) {
  return {
    kind: 'image',
    schema: optionalUnless(imageSchema, options.required),
    required: !!options.required,
    description: options.description,
    label: options.label,
    attribute: () =>
      withDescription(
        { type: 'media', multiple: false, allowedTypes: ['images'], ...(options.required ? { required: true } : {}) },
        options.description,
      ),
    populate: () => ({ fields: IMAGE_FIELDS }),
  } satisfies Field;
}

/** A case study chosen by the editor, fetched live so its title and summary stay current. */
export const caseStudyReferenceSchema = z.object({
  id: z.number().optional(),
  documentId: z.string().optional(),
  title: z.string().min(1).transform((value) => cleanText(value)),
  // Strapi's uid alphabet; the slug goes into a URL path, so nothing else is accepted, nor "." or "..".
  slug: z.string().regex(/^(?!\.+$)[A-Za-z0-9._~-]+$/),
  summary: z.string().transform((value) => cleanText(value)),
  organisation: z.string().transform((value) => cleanText(value)).nullish(),
  heroImage: imageSchema.nullish(),
});
export type CaseStudyReference = z.infer<typeof caseStudyReferenceSchema>;

export function caseStudy<R extends boolean = false>(options: Common<R> = {}) {
  return {
    kind: 'case-study',
    schema: optionalUnless(caseStudyReferenceSchema, options.required),
    required: !!options.required,
    description: options.description,
    label: options.label,
    attribute: () =>
      withDescription({ type: 'relation', relation: 'oneToOne', target: 'api::case-study.case-study' }, options.description),
    populate: () => ({ fields: ['title', 'slug', 'summary', 'organisation'], populate: { heroImage: { fields: IMAGE_FIELDS } } }),
  } satisfies Field;
}

type Fields = Record<string, Field>;
export type ObjectShape<F extends Fields> = { [K in keyof F]: F[K]['schema'] };
type ListItemShape<F extends Fields> = z.ZodObject<{ id: z.ZodOptional<z.ZodNumber> } & ObjectShape<F>>;
export type ListItemOutput<F extends Fields> = z.output<ListItemShape<F>>;
export type ListItemInput<F extends Fields> = z.input<ListItemShape<F>>;

export function partUid(blockName: string, fieldName: string): string {
  return `block-parts.${blockName}-${fieldName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export function populateFor(fields: Fields, blockName: string): Record<string, PopulateSpec> {
  const populate: Record<string, PopulateSpec> = {};
  for (const [fieldName, field] of Object.entries(fields)) {
    if (field.populate) populate[fieldName] = field.populate({ blockName, fieldName });
  }
  return populate;
}

/** A repeatable list of items, each with its own fields (cards, links, rows...), stored as a nested Strapi component. */
export function list<F extends Fields>(
  item: { displayName: string; fields: F; refine?: (value: z.infer<z.ZodObject<ObjectShape<F>>>, ctx: z.RefinementCtx) => void },
  options: Common & { min?: number; max: number },
) {
  const min = options.min ?? (options.required ? 1 : 0);
  // Strapi returns each item with its own `id`; it is kept as a stable key for rendering.
  let itemSchema: z.ZodType = z.object({
    id: z.number().optional(),
    ...(Object.fromEntries(Object.entries(item.fields).map(([k, f]) => [k, f.schema])) as ObjectShape<F>),
  });
  if (item.refine) itemSchema = itemSchema.superRefine(item.refine as never);
  const schema = z
    .array(itemSchema as z.ZodType<ListItemOutput<F>, ListItemInput<F>>)
    .min(min, min === 1 ? 'Add at least one item' : `Add at least ${min} items`)
    .max(options.max, `Add no more than ${options.max} items`);
  return {
    kind: 'list',
    item,
    min,
    max: options.max,
    schema,
    required: min > 0,
    description: options.description,
    label: options.label,
    attribute: ({ blockName, fieldName, parts }) => {
      const uid = partUid(blockName, fieldName);
      parts.push({
        uid,
        displayName: item.displayName,
        attributes: Object.fromEntries(
          Object.entries(item.fields).map(([name, field]) => [name, field.attribute({ blockName: `${blockName}-${fieldName}`, fieldName: name, parts })]),
        ),
      });
      return withDescription({ type: 'component', repeatable: true, component: uid, ...(min > 0 ? { min } : {}), max: options.max }, options.description);
    },
    populate: ({ blockName, fieldName }) => {
      const nested = populateFor(item.fields, `${blockName}-${fieldName}`);
      return Object.keys(nested).length ? { populate: nested } : true;
    },
  } satisfies Field & { item: typeof item; min: number; max: number };
}
