import type { AstroCookies } from 'astro';
import { clientAddress } from '../client-address.ts';
import { siteConfig } from '../config.ts';
import type { CmsRequestError } from '../cms/http.ts';
import { cmsFieldErrors, type FieldErrors } from '../forms.ts';
import { rateLimiter, rateLimitMessage, type RateLimitName } from '../rate-limit.ts';

/**
 * What the account pages share. Each page is a plain HTML form that posts to its own URL: a
 * valid POST redirects (303, Post/Redirect/Get); an invalid one re-renders the form with the
 * values typed (never passwords) and an error summary, and nothing has changed.
 */
export interface PageContext {
  request: Request;
  url: URL;
  cookies: AstroCookies;
  locals: App.Locals;
  readonly clientAddress: string;
}

/** The form to render: the values to show, the errors to report, the status to answer with. */
export interface FormPage<V> {
  status: number;
  values: V;
  errors: FieldErrors;
}

/** Errors that belong to no single field: the summary links them to the form's first field. */
export const FORM_ERROR = 'form';

export { seeOther } from '../next-url.ts';

export function isPost(context: PageContext): boolean {
  return context.request.method === 'POST';
}

export async function readForm(context: PageContext): Promise<FormData> {
  try {
    return await context.request.formData();
  } catch {
    return new FormData();
  }
}

/** Passwords are never sent back to the browser, even on error. */
export function withoutPasswords<V extends Record<string, string>>(values: V): V {
  const copy: Record<string, string> = { ...values };
  for (const field of ['password', 'passwordConfirmation', 'currentPassword']) if (field in copy) copy[field] = '';
  return copy as V;
}

export function requestAddress(context: PageContext): string {
  return clientAddress(context.request, () => context.clientAddress, siteConfig().TRUST_PROXY);
}

/** Counts the attempt; when over a limit, the errors to re-render the form with (status 429). */
export async function overLimit(attempts: [RateLimitName, string][]): Promise<FieldErrors | null> {
  const outcome = await rateLimiter().consume(attempts);
  return outcome.allowed ? null : { [FORM_ERROR]: rateLimitMessage(outcome.retryAfterSeconds) };
}

/**
 * How a form shows the CMS's refusal: its own rate limit (429, "Too many attempts…") as the
 * form's error, anything else as its per-field messages (or its message on `fallbackField`).
 */
export function refusal(error: CmsRequestError, fields: readonly string[], fallbackField: string): { status: number; errors: FieldErrors } {
  if (error.status === 429) return { status: 429, errors: { [FORM_ERROR]: error.reason || 'Too many attempts. Try again later' } };
  return { status: 400, errors: cmsFieldErrors(error, fields, fallbackField) };
}
