/**
 * The field vocabulary blocks declare their fields with (`text({ max: 120, required: true })`,
 * `list(...)`), and what each kind does with a value. Each field kind is one module of
 * field-kinds/ that owns all of it: the zod schema, the Strapi attribute and populate, conversion
 * between the CMS's read and input forms, its references and plain words, and its page-builder
 * form. walk-fields.ts and form-fields.ts apply the kinds to a block's fields.
 */
export * from './field-kinds/index.ts';
