import type { z } from 'zod';
import type { CmsRequestError } from './cms/http.ts';

/**
 * Plain HTML forms, validated on the server: read the fields, validate them with zod, and turn
 * failures (ours or the CMS's) into what the NHS error summary and error messages show. Field
 * names are the CMS's (`firstName`), and each input's id is its name, so an error's link is `#name`.
 */
export type FieldErrors = Partial<Record<string, string>>;

/** One line of the error summary (components/ErrorSummary.astro). */
export interface SummaryItem {
  text: string;
  href: string;
}

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** The submitted text fields, each a string ('' when absent or a file). */
export function formValues<const K extends string>(form: FormData, fields: readonly K[]): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const field of fields) {
    const value = form.get(field);
    values[field] = typeof value === 'string' ? value : '';
  }
  return values;
}

/** The first problem with each field, in the schema's order of checks. */
export function validate<S extends z.ZodType>(schema: S, values: unknown): Validated<z.output<S>> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Error summary lines in the order the fields appear on the page. */
export function summaryItems(errors: FieldErrors, order: readonly string[]): SummaryItem[] {
  const known = order.filter((field) => errors[field]).map((field) => ({ text: errors[field]!, href: `#${field}` }));
  const others = Object.keys(errors)
    .filter((field) => !order.includes(field) && errors[field])
    .map((field) => ({ text: errors[field]!, href: `#${order[0] ?? 'maincontent'}` }));
  return [...known, ...others];
}

/**
 * The CMS's refusal as field errors: its per-field messages on the fields this form has, and
 * its general message on `fallbackField` (so the summary still links somewhere useful).
 */
export function cmsFieldErrors(error: CmsRequestError, fields: readonly string[], fallbackField: string, fallbackMessage?: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, message } of error.fieldErrors) {
    const name = field.split('.')[0];
    if (fields.includes(name)) errors[name] ??= sentence(message);
  }
  if (Object.keys(errors).length === 0) errors[fallbackField] = fallbackMessage ?? (sentence(error.reason) || 'There was a problem. Try again');
  return errors;
}

/** CMS messages are sometimes lower-case fragments ("email must be a valid email"). */
export function sentence(message: string): string {
  const trimmed = message.trim().replace(/\.$/, '');
  return trimmed ? trimmed[0].toUpperCase() + trimmed.slice(1) : trimmed;
}

/** A name in code as words for a label: "imageAltText" → "Image alt text". */
export function sentenceCase(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
