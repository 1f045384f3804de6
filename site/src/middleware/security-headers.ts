import { defineMiddleware } from 'astro:middleware';
import { siteConfig } from '../lib/config.ts';
import { securityHeaders, servedOverHttps, STRICT_TRANSPORT_SECURITY } from '../lib/security-headers.ts';
import { isPersonal } from './personal.ts';

let headers: [string, string][] | undefined;

function siteSecurityHeaders(): [string, string][] {
  if (!headers) {
    const config = siteConfig();
    headers = securityHeaders({
      cmsPublicOrigin: new URL(config.CMS_PUBLIC_URL).origin,
      cmsAdminOrigin: config.CMS_ADMIN_ORIGIN,
      dev: import.meta.env.DEV,
    });
  }
  return headers;
}

/** Some responses (e.g. Response.redirect) have immutable headers: copy those before changing them. */
function mutable(response: Response): Response {
  try {
    response.headers.set('x-content-type-options', 'nosniff');
    return response;
  } catch {
    return new Response(response.body, response);
  }
}

/**
 * Outermost middleware: every response, cached or rendered, error pages included, gets the
 * security headers, and HSTS when it goes out over HTTPS. A request carrying a preview token is
 * never stored by anyone or indexed; a response for one browser is never stored by anyone else.
 */
export const securityHeadersMiddleware = defineMiddleware(async (context, next) => {
  const response = mutable(await next());
  for (const [name, value] of siteSecurityHeaders()) {
    // A route serving someone's file sets a sandboxing policy of its own, stricter than the
    // site's (lib/files/bytes.ts): that one stays.
    if (name === 'content-security-policy' && /(^|;)\s*sandbox\b/.test(response.headers.get(name) ?? '')) continue;
    response.headers.set(name, value);
  }
  // Over plain http HSTS means nothing, and a forged X-Forwarded-Proto must not switch it on; this
  // middleware alone decides it, whatever a route or cached page may carry.
  if (servedOverHttps(context.request, siteConfig().TRUST_PROXY)) response.headers.set('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  else response.headers.delete('strict-transport-security');
  if (context.url.searchParams.has('preview')) {
    response.headers.set('cache-control', 'no-store');
    response.headers.set('x-robots-tag', 'noindex');
  } else if (isPersonal(context)) {
    // For this browser only (a signed-in page, a form with its CSRF token, a cookie being set):
    // no shared cache or proxy may keep it, and the browser need not either.
    response.headers.set('cache-control', 'private, no-store');
  } else if (!response.headers.has('cache-control') && (response.headers.get('content-type') ?? '').startsWith('text/html')) {
    // Browsers and proxies may keep pages but must revalidate (cheap: cached pages carry an ETag),
    // so a publish shows at once.
    response.headers.set('cache-control', 'no-cache');
  }
  return response;
});
