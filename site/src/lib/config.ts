import { z } from 'zod';

/**
 * Everything the site reads from its environment, validated once. Read at request time (not
 * build time): one build runs anywhere, configured by its environment.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const schema = z.object({
  CMS_URL: z.url().default('http://127.0.0.1:1337'),
  CMS_PUBLIC_URL: z.url().default('http://localhost:1337'),
  /** The origin of the Strapi admin, allowed to frame the site for preview. Defaults to CMS_PUBLIC_URL's origin. */
  CMS_ADMIN_ORIGIN: z.url().optional(),
  CMS_API_TOKEN: z.string().default(''),
  /** The site's own public URL: decides whether cookies are marked Secure (all but plain-http localhost). */
  SITE_URL: z.url().default('http://localhost:4321'),
  /**
   * Keys the CSRF tokens (HMAC). Required: without it every form would be forgeable or refused.
   * At least 32 characters of randomness (scripts/prepare-env.mjs generates one).
   */
  SESSION_SECRET: z.string({ error: 'required (a random value of at least 32 characters)' }).min(32),
  /** Rate limits shared by every site instance live here when set; in memory otherwise. */
  REDIS_URL: z.url().optional(),
  /** Behind a reverse proxy: take the client's address from the last X-Forwarded-For entry. */
  TRUST_PROXY: booleanFromEnv.default(false),
  CMS_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  PREVIEW_SECRET: z.string().default(''),
  REVALIDATE_SECRET: z.string().default(''),
  SITE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(300),
  /** Rendered-page cache and CMS-response cache budgets, in megabytes. */
  SITE_PAGE_CACHE_MAX_MB: z.coerce.number().positive().default(64),
  SITE_DATA_CACHE_MAX_MB: z.coerce.number().positive().default(64),
  /** The rendered-page cache; on by default in production, off under `astro dev` so edits show. */
  SITE_PAGE_CACHE: booleanFromEnv.optional(),
});

export type SiteConfig = Omit<z.output<typeof schema>, 'SITE_PAGE_CACHE' | 'CMS_ADMIN_ORIGIN'> & {
  CMS_ADMIN_ORIGIN: string;
  SITE_PAGE_CACHE: boolean;
};

export function parseConfig(env: Record<string, string | undefined>, dev = false): SiteConfig {
  // Empty variables count as unset, so `FOO=` in a .env file means "the default".
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(defined);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid site configuration: ${problems}`);
  }
  const config = result.data;
  return {
    ...config,
    CMS_URL: config.CMS_URL.replace(/\/+$/, ''),
    CMS_PUBLIC_URL: config.CMS_PUBLIC_URL.replace(/\/+$/, ''),
    SITE_URL: config.SITE_URL.replace(/\/+$/, ''),
    CMS_ADMIN_ORIGIN: new URL(config.CMS_ADMIN_ORIGIN ?? config.CMS_PUBLIC_URL).origin,
    SITE_PAGE_CACHE: config.SITE_PAGE_CACHE ?? !dev,
  };
}

let current: SiteConfig | undefined;

export function siteConfig(): SiteConfig {
  current ??= parseConfig(process.env, import.meta.env?.DEV ?? false);
  return current;
}
