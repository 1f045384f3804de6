/**
 * The address a request came from, for per-address rate limits. Behind a reverse proxy every
 * request comes from the proxy, so with TRUST_PROXY the last X-Forwarded-For entry (the one the
 * proxy itself added; earlier ones are whatever the client claimed) is used instead.
 */
export function clientAddress(request: Request, socketAddress: () => string, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  try {
    return socketAddress();
  } catch {
    return 'unknown';
  }
}
