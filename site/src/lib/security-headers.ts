/**
 * The site's security headers. The CSP allows no inline script or style: every script and
 * stylesheet is a file from the site itself. Images may come from the CMS (uploads); frames only
 * from the privacy-enhanced video players; the site may be framed only by itself and the CMS admin
 * (its preview pane).
 */
export interface SecurityHeaderOptions {
  /** Origin serving uploaded images, e.g. http://localhost:1337 */
  cmsPublicOrigin: string;
  /** Origin of the Strapi admin, which shows previews in an iframe. */
  cmsAdminOrigin: string;
  /** `astro dev` injects styles inline and talks to Vite over a websocket. */
  dev?: boolean;
}

export const VIDEO_FRAME_SOURCES = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'];

/** NHS.UK's Frutiger web font is served from its assets domain. */
export const FONT_SOURCES = ['https://assets.nhs.uk'];

export function contentSecurityPolicy({ cmsPublicOrigin, cmsAdminOrigin, dev = false }: SecurityHeaderOptions): string {
  const frameAncestors = [...new Set(["'self'", cmsAdminOrigin])];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': [...new Set(["'self'", cmsPublicOrigin, 'data:'])],
    'font-src': ["'self'", ...FONT_SOURCES],
    'connect-src': dev ? ["'self'", 'ws:', 'wss:'] : ["'self'"],
    'frame-src': VIDEO_FRAME_SOURCES,
    'frame-ancestors': frameAncestors,
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export function securityHeaders(options: SecurityHeaderOptions): [string, string][] {
  return [
    ['content-security-policy', contentSecurityPolicy(options)],
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'strict-origin-when-cross-origin'],
    ['permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
    ['cross-origin-opener-policy', 'same-origin'],
  ];
}

/** Browsers keep to HTTPS for a year, on every subdomain too, once they have seen this over HTTPS. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * Whether the browser reached the site over HTTPS: TLS to this process itself, or, with
 * TRUST_PROXY, the reverse proxy's X-Forwarded-Proto. The last entry is the one the proxy in
 * front added (earlier ones are whatever the client sent), as for X-Forwarded-For. Without
 * TRUST_PROXY the header is anybody's word and is ignored.
 */
export function servedOverHttps(request: Request, trustProxy: boolean): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  if (!trustProxy) return false;
  return request.headers.get('x-forwarded-proto')?.split(',').at(-1)?.trim().toLowerCase() === 'https';
}
