import type { Core } from '@strapi/strapi';

export interface StrictTransportSecurityConfig {
  /** Seconds browsers keep to HTTPS after seeing the header. */
  maxAge?: number;
  includeSubDomains?: boolean;
}

/**
 * HSTS only on responses that really travelled over HTTPS: TLS to this process, or a proxy's
 * `X-Forwarded-Proto: https` when TRUST_PROXY lets Koa believe it (ctx.secure covers both). Over
 * plain http the header means nothing to browsers, and a client could forge the forwarded
 * protocol where no proxy sets it. Helmet's own HSTS, which is sent whatever the protocol, is off
 * in config/middlewares.ts.
 *
 * Set before the rest of the chain runs, so error responses carry it too.
 */
export default (config: StrictTransportSecurityConfig = {}, _context?: { strapi: Core.Strapi }) => {
  const { maxAge = 31_536_000, includeSubDomains = true } = config;
  const value = `max-age=${maxAge}${includeSubDomains ? '; includeSubDomains' : ''}`;
  return async (ctx: { secure: boolean; set(name: string, value: string): void }, next: () => Promise<unknown>) => {
    if (ctx.secure) ctx.set('Strict-Transport-Security', value);
    await next();
  };
};
