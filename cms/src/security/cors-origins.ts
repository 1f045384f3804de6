/**
 * The browser origins the CMS answers cross-origin requests from, with credentials. Anything else
 * (another site, a sandboxed frame or file page sending `Origin: null`) gets no CORS headers, so a
 * browser never lets that page read a response, admin tokens included.
 *
 * CORS_ORIGINS (comma-separated) replaces the default outright. The default is the site's origin
 * (SITE_URL) and the admin's (PUBLIC_URL, which the admin panel is served under); without a
 * PUBLIC_URL the CMS is running locally, so its own address on PORT, as localhost and 127.0.0.1.
 */
type Env = Record<string, string | undefined>;

const DEFAULT_SITE_URL = 'http://localhost:4321';
const DEFAULT_PORT = '1337';

export function corsOrigins(env: Env = process.env): string[] {
  const configured = env.CORS_ORIGINS?.trim();
  if (configured) {
    const origins = configured
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => originOf(entry, 'CORS_ORIGINS'));
    return [...new Set(origins)];
  }
  const site = originOf(env.SITE_URL?.trim() || DEFAULT_SITE_URL, 'SITE_URL');
  // A relative PUBLIC_URL (a path prefix) names no origin: the admin is then on the CMS's own address.
  const publicUrl = env.PUBLIC_URL?.trim();
  const port = env.PORT?.trim() || DEFAULT_PORT;
  const admin = publicUrl && /^https?:\/\//i.test(publicUrl)
    ? [originOf(publicUrl, 'PUBLIC_URL')]
    : [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  return [...new Set([site, ...admin])];
}

/**
 * Browsers send an origin as scheme://host[:port], lower-case, default port left out: the
 * configured value is brought to that form so it compares equal. A wildcard or `null` would
 * reopen the CMS to every page, so they are refused rather than quietly allowed.
 */
function originOf(value: string, variable: string): string {
  let url: URL;
  try {
    if (value.includes('*')) throw new Error('wildcard');
    url = new URL(value);
  } catch {
    throw new Error(`${variable}: "${value}" is not an origin such as https://futurenhs.example.nhs.uk (wildcards and "null" are not allowed)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${variable}: "${value}" must be an http or https origin`);
  }
  return url.origin;
}
