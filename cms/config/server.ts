export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Strapi 5 reads `proxy.koa` (a bare boolean here is ignored): with it, Koa believes the proxy's
  // X-Forwarded-Proto (ctx.secure, for HSTS) and X-Forwarded-For. ctx.ip is then the last
  // X-Forwarded-For entry, the one the proxy added (earlier ones are whatever the client sent),
  // as on the site.
  proxy: { koa: env.bool('TRUST_PROXY', false), maxIpsCount: 1 },
  app: {
    keys: env.array('APP_KEYS'),
  },
  // The update check calls out to the internet; releases are chosen deliberately here.
  logger: {
    updates: { enabled: false },
    startup: { enabled: env.bool('STRAPI_STARTUP_BANNER', true) },
  },
});
