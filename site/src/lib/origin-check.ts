/**
 * Cross-site request forgery guard (Astro's `security.checkOrigin`, reimplemented so that
 * endpoints authenticated by a bearer secret rather than cookies can be exempt): a state-changing
 * request that a browser form could send from another site must come from this site's origin.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** Called by servers, with `Authorization: Bearer <secret>`; no cookie is ever involved. */
export const BEARER_ONLY_PATHS = new Set(['/_internal/revalidate']);

export function isForbiddenCrossOrigin(request: Request, url: URL): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  if (BEARER_ONLY_PATHS.has(url.pathname)) return false;
  const sameOrigin = request.headers.get('origin') === url.origin;
  const contentType = request.headers.get('content-type');
  if (contentType !== null) {
    const formLike = FORM_CONTENT_TYPES.some((type) => contentType.toLowerCase().includes(type));
    return formLike && !sameOrigin;
  }
  return !sameOrigin;
}
