import { z } from 'zod';

/**
 * The field vocabulary of blocks. Each field is declared once and yields, together:
 * - the zod schema that validates what the CMS returns and what managers enter,
 * - the Strapi attribute written into the generated component JSON,
 * - what the CMS client must populate to fetch it (media, nested parts, relations).
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
  /** Guidance for editors, shown in the admin and the page builder. */
  description?: string;
  required: boolean;
}

interface Common {
  required?: boolean;
  description?: string;
}

function optionalUnless<S extends z.ZodType>(schema: S, required: boolean | undefined) {
  // Strapi returns null for empty fields, so optional means "null or absent".
  return (required ? schema : schema.nullish()) as S;
}

function withDescription(attribute: StrapiAttribute, description?: string): StrapiAttribute {
  return description ? { ...attribute, description } : attribute;
}

/** A single line of plain text. */
export function text(options: Common & { max: number; min?: number }) {
  const base = z.string().trim().max(options.max, `Must be ${options.max} characters or fewer`);
  const schema = options.required ? base.min(options.min ?? 1, 'Enter a value') : base;
  return {
    kind: 'text',
    schema: optionalUnless(schema, options.required),
    required: !!options.required,
    description: options.description,
    attribute: () =>
      withDescription(
        { type: options.max > 255 ? 'text' : 'string', maxLength: options.max, ...(options.required ? { required: true } : {}) },
        options.description,
      ),
  } satisfies Field;
}

/** Plain text over several lines (no formatting). */
export function multiline(options: Common & { max: number }) {
  const base = z.string().trim().max(options.max, `Must be ${options.max} characters or fewer`);
  const schema = options.required ? base.min(1, 'Enter a value') : base;
  return {
    kind: 'multiline',
    schema: optionalUnless(schema, options.required),
    required: !!options.required,
    description: options.description,
    attribute: () =>
      withDescription({ type: 'text', maxLength: options.max, ...(options.required ? { required: true } : {}) }, options.description),
  } satisfies Field;
}

/** Formatted text, stored as Markdown and rendered through the sanitizer (never raw HTML). */
export function markdown(options: Common & { max: number }) {
  const base = z.string().max(options.max, `Must be ${options.max} characters or fewer`);
  const schema = options.required ? base.refine((value) => value.trim().length > 0, 'Enter some text') : base;
  return {
    kind: 'markdown',
    schema: optionalUnless(schema, options.required),
    required: !!options.required,
    description: options.description,
    attribute: () =>
      withDescription({ type: 'richtext', maxLength: options.max, ...(options.required ? { required: true } : {}) }, options.description),
  } satisfies Field;
}

/** Links may be absolute http(s) or site-relative; anything else (javascript:, data:) is refused. */
export const SAFE_URL_PATTERN = '^(https?://[^\\s<>"]+|/[^\\s<>"]*|#[A-Za-z][\\w-]*)$';
const safeUrl = z
  .string()
  .trim()
  .max(2000, 'Must be 2000 characters or fewer')
  .regex(new RegExp(SAFE_URL_PATTERN), 'Enter a web address starting with https://, or a path starting with /');

export function url(options: Common = {}) {
  return {
    kind: 'url',
    schema: optionalUnless(safeUrl, options.required),
    required: !!options.required,
    description: options.description,
    attribute: () =>
      withDescription(
        { type: 'string', maxLength: 2000, regex: SAFE_URL_PATTERN, ...(options.required ? { required: true } : {}) },
        options.description,
      ),
  } satisfies Field;
}

export function choice<const T extends readonly [string, ...string[]]>(values: T, options: Common & { default: T[number] }) {
  return {
    kind: 'choice',
    values,
    // A missing choice falls back to its default rather than failing the block.
    schema: z.enum(values).nullish().transform((value) => value ?? options.default),
    required: true,
    description: options.description,
    attribute: () =>
      withDescription({ type: 'enumeration', enum: [...values], default: options.default, required: true }, options.description),
  } satisfies Field & { values: T };
}

export function boolean(options: Common & { default: boolean }) {
  return {
    kind: 'boolean',
    schema: z.boolean().nullish().transform((value) => value ?? options.default),
    required: false,
    description: options.description,
    attribute: () => withDescription({ type: 'boolean', default: options.default }, options.description),
  } satisfies Field;
}

export function integer(options: Common & { min: number; max: number }) {
  const schema = z.number().int().min(options.min).max(options.max);
  return {
    kind: 'integer',
    schema: optionalUnless(schema, options.required),
    required: !!options.required,
    description: options.description,
    attribute: () =>
      withDescription(
        { type: 'integer', min: options.min, max: options.max, ...(options.required ? { required: true } : {}) },
        options.description,
      ),
  } satisfies Field;
}

/** The image as the CMS returns it; alt text lives on the block, because it depends on the context. */
export const imageSchema = z.object({
  url: z.string().min(1),
  width: z.number().nullish(),
  height: z.number().nullish(),
  mime: z.string().nullish(),
});
export type Image = z.infer<typeof imageSchema>;
const IMAGE_FIELDS = ['url', 'width', 'height', 'mime'];

export function image(options: Common = {}) {
  return {
    kind: 'image',
    schema: optionalUnless(imageSchema, options.required),
    required: !!options.required,
    description: options.description,
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
  title: z.string(),
  slug: z.string(),
  summary: z.string(),
  organisation: z.string().nullish(),
  heroImage: imageSchema.nullish(),
});
export type CaseStudyReference = z.infer<typeof caseStudyReferenceSchema>;

export function caseStudy(options: Common = {}) {
  return {
    kind: 'case-study',
    schema: optionalUnless(caseStudyReferenceSchema, options.required),
    required: !!options.required,
    description: options.description,
    attribute: () =>
      withDescription({ type: 'relation', relation: 'oneToOne', target: 'api::case-study.case-study' }, options.description),
    populate: () => ({ fields: ['title', 'slug', 'summary', 'organisation'], populate: { heroImage: { fields: IMAGE_FIELDS } } }),
  } satisfies Field;
}

type Fields = Record<string, Field>;
export type ObjectShape<F extends Fields> = { [K in keyof F]: F[K]['schema'] };

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
  let itemSchema: z.ZodType = z.object(Object.fromEntries(Object.entries(item.fields).map(([k, f]) => [k, f.schema])) as ObjectShape<F>);
  if (item.refine) itemSchema = itemSchema.superRefine(item.refine as never);
  const schema = z
    .array(itemSchema as z.ZodType<z.infer<z.ZodObject<ObjectShape<F>>>>)
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
