import { CmsError, CmsUnavailableError } from './errors.ts';

/**
 * JSON over HTTP to the CMS, for everything that is not a cached public read: the auth routes
 * and the per-viewer client. One place decides what a failure means: no answer or a 5xx is
 * "the service is down" (the error page); a 4xx is a refusal the page explains to the member,
 * with the CMS's own message and field errors.
 */
export interface CmsHttp {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  /**
   * On the public auth routes: the visitor the site calls for, and the site's signature of that
   * address, so the CMS's per-client limits count each visitor rather than the site itself.
   */
  visitor?: { address: string; signature: string };
}

export interface CmsCall {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A Bearer token: the viewer's access token. Without one the CMS's public role answers. */
  token?: string;
  /** 'manual': a redirect is the answer (its status is returned), not followed. */
  redirect?: 'manual';
}

export interface CmsFieldError {
  /** The field's path joined with dots, e.g. `email`. */
  field: string;
  message: string;
}

/** The CMS refused a request (4xx). `reason` is its own message; `fieldErrors` its per-field ones. */
export class CmsRequestError extends CmsError {
  constructor(
    message: string,
    path: string,
    status: number,
    readonly reason: string,
    readonly fieldErrors: CmsFieldError[],
  ) {
    super(message, path, status);
    this.name = 'CmsRequestError';
  }
}

export function isCmsRequestError(error: unknown, status?: number): error is CmsRequestError {
  return error instanceof CmsRequestError && (status === undefined || error.status === status);
}

/**
 * Why the CMS refused, in words a page can show. Our plugins' 403s carry their reason; Strapi's
 * own (a route the caller's role may not use) say only "Forbidden", so the page's `whenBare`
 * stands in for those.
 */
export function refusalReason(error: CmsRequestError, whenBare: string): string {
  return error.status === 403 && (!error.reason || error.reason === 'Forbidden') ? whenBare : error.reason;
}

/** Strapi's error body: `{ error: { status, name, message, details: { errors: [{ path, message }] } } }`. */
export function parseCmsErrorBody(text: string): { reason: string; fieldErrors: CmsFieldError[] } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { reason: '', fieldErrors: [] };
  }
  const error = (body as { error?: { message?: unknown; details?: { errors?: unknown } } } | null)?.error;
  const reason = typeof error?.message === 'string' ? error.message : '';
  const rawErrors = Array.isArray(error?.details?.errors) ? (error.details.errors as unknown[]) : [];
  const fieldErrors: CmsFieldError[] = [];
  for (const raw of rawErrors) {
    const { path, message } = (raw ?? {}) as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const field = Array.isArray(path) ? path.map(String).join('.') : typeof path === 'string' ? path : '';
    fieldErrors.push({ field, message });
  }
  return { reason, fieldErrors };
}

export async function callCms(http: CmsHttp, path: string, call: CmsCall = {}): Promise<{ json: unknown; bytes: number; status: number }> {
  const method = call.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (http.visitor) {
    headers['x-futurenhs-visitor'] = http.visitor.address;
    headers['x-futurenhs-visitor-signature'] = http.visitor.signature;
  }
  // A FormData body (a file upload) sets its own multipart content type.
  const multipart = call.body instanceof FormData;
  if (call.body !== undefined && !multipart) headers['content-type'] = 'application/json';
  // Messages name the path, never its query string: that carries what someone searched for or
  // filtered by, and these messages reach the logs (docs/search.md#operators).
  const where = `${method} ${path.split('?')[0]}`;
  let response: Response;
  try {
    response = await (http.fetch ?? fetch)(`${http.baseUrl}${path}`, {
      method,
      headers,
      body: call.body === undefined ? undefined : multipart ? (call.body as FormData) : JSON.stringify(call.body),
      redirect: call.redirect ?? 'follow',
      signal: AbortSignal.timeout(http.timeoutMs),
    });
  } catch (error) {
    throw new CmsUnavailableError(`CMS not reachable for ${where}: ${(error as Error).message}`, path, undefined, { cause: error });
  }
  const text = await response.text().catch((error: unknown) => {
    throw new CmsUnavailableError(`CMS response for ${where} was cut off: ${(error as Error).message}`, path, response.status, {
      cause: error,
    });
  });
  if (response.status >= 500) {
    throw new CmsUnavailableError(`CMS answered ${response.status} for ${where}: ${text.slice(0, 300)}`, path, response.status);
  }
  if (call.redirect === 'manual' && response.status >= 300 && response.status < 400) return { json: undefined, bytes: 0, status: response.status };
  if (!response.ok) {
    const { reason, fieldErrors } = parseCmsErrorBody(text);
    throw new CmsRequestError(
      `CMS refused ${where} (${response.status}): ${reason || text.slice(0, 300)}`,
      path,
      response.status,
      reason,
      fieldErrors,
    );
  }
  if (text === '') return { json: undefined, bytes: 0, status: response.status };
  try {
    return { json: JSON.parse(text), bytes: text.length, status: response.status };
  } catch (error) {
    throw new CmsError(`CMS sent invalid JSON for ${where}`, path, response.status, { cause: error });
  }
}
