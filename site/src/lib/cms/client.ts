import type { z } from 'zod';
import { CoalescingCache } from '../cache/coalescing-cache.ts';
import { sharedCache } from '../cache/registry.ts';
import { siteConfig } from '../config.ts';
import { CmsError, CmsUnavailableError } from './errors.ts';
import { callCms, isCmsRequestError } from './http.ts';
import { toQueryString, type Query } from './query-string.ts';

export { CmsError, CmsUnavailableError, isCmsError } from './errors.ts';

/**
 * The one HTTP client of the CMS. Every request carries the site's read-only API token; every
 * response is validated; published reads go through an in-process cache (coalesced, size-bounded,
 * cleared by /_internal/revalidate). Drafts are only read for a verified preview and never cached.
 */
export interface CmsClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  /** Published responses, already validated and shaped, by request URL. */
  cache?: CoalescingCache<unknown>;
  fetch?: typeof fetch;
}

export interface CmsRead<T> {
  path: `/api/${string}`;
  query: Query;
  /** Validates the raw JSON; `shape` may then derive what the page needs (e.g. parsed blocks). */
  schema: z.ZodType<T>;
  /** `draft` reads bypass the cache. */
  status?: 'published' | 'draft';
  /**
   * Never cached: an answer that changes without a content change's revalidation (search follows
   * its index a moment after the change, so a cached answer could miss it for the cache's lifetime).
   */
  uncached?: boolean;
}

export interface CmsClient {
  read<T, R = T>(request: CmsRead<T>, shape?: (data: T) => R): Promise<R>;
}

export function createCmsClient(options: CmsClientOptions): CmsClient {
  const http = { baseUrl: options.baseUrl, timeoutMs: options.timeoutMs, fetch: options.fetch };

  async function fetchJson(path: string, queryString: string): Promise<{ json: unknown; bytes: number }> {
    try {
      return await callCms(http, `${path}${queryString ? `?${queryString}` : ''}`, { token: options.token });
    } catch (error) {
      // 401/403: the site's token is missing or lacks a permission: as unusable as a CMS that is down.
      if (isCmsRequestError(error) && (error.status === 401 || error.status === 403)) {
        throw new CmsUnavailableError(error.message, path, error.status, { cause: error });
      }
      throw error;
    }
  }

  return {
    async read<T, R = T>(request: CmsRead<T>, shape?: (data: T) => R): Promise<R> {
      const draft = request.status === 'draft';
      const queryString = toQueryString(draft ? { ...request.query, status: 'draft' } : request.query);
      const load = async () => {
        const { json, bytes } = await fetchJson(request.path, queryString);
        const parsed = request.schema.safeParse(json);
        if (!parsed.success) {
          const problems = parsed.error.issues
            .slice(0, 5)
            .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
            .join('; ');
          throw new CmsError(`Unexpected CMS response for ${request.path}: ${problems}`, request.path);
        }
        const value = shape ? shape(parsed.data) : (parsed.data as unknown as R);
        return { value, bytes };
      };
      if (draft || request.uncached || !options.cache) return (await load()).value;
      const key = `${request.path}?${queryString}`;
      const { value } = await options.cache.getOrLoad(key, async () => {
        const { value, bytes } = await load();
        // Parsed objects take a few times their JSON size in memory.
        return { value, bytes: bytes * 3 + 256, cache: true };
      });
      return value as R;
    },
  };
}

let defaultClient: CmsClient | undefined;

/** The site's client, configured from the environment, with the shared response cache. */
export function cms(): CmsClient {
  if (!defaultClient) {
    const config = siteConfig();
    if (!config.CMS_API_TOKEN) console.warn('[cms] CMS_API_TOKEN is not set: the CMS will refuse every request');
    const cache = sharedCache(
      'cms-responses',
      () =>
        new CoalescingCache<unknown>('cms-responses', {
          maxEntries: 20_000,
          maxBytes: config.SITE_DATA_CACHE_MAX_MB * 1024 * 1024,
          ttlMs: config.SITE_CACHE_TTL_SECONDS * 1000,
        }),
    );
    defaultClient = createCmsClient({
      baseUrl: config.CMS_URL,
      token: config.CMS_API_TOKEN,
      timeoutMs: config.CMS_TIMEOUT_MS,
      cache,
    });
  }
  return defaultClient;
}
