import type { z } from 'zod';
import { CoalescingCache } from '../cache/coalescing-cache.ts';
import { sharedCache } from '../cache/registry.ts';
import { siteConfig } from '../config.ts';
import { toQueryString, type Query } from './query-string.ts';

/**
 * The one HTTP client of the CMS. Every request carries the site's read-only API token; every
 * response is validated; published reads go through an in-process cache (coalesced, size-bounded,
 * cleared by /_internal/revalidate). Drafts are only read for a verified preview and never cached.
 */
export class CmsError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CmsError';
  }
}

/** The CMS could not be reached or answered with a server error: the service is down, not the page. */
export class CmsUnavailableError extends CmsError {
  constructor(message: string, path: string, status?: number, options?: ErrorOptions) {
    super(message, path, status, options);
    this.name = 'CmsUnavailableError';
  }
}

export function isCmsError(error: unknown): error is CmsError {
  return error instanceof CmsError || (error instanceof Error && (error.name === 'CmsError' || error.name === 'CmsUnavailableError'));
}

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
}

export interface CmsClient {
  read<T, R = T>(request: CmsRead<T>, shape?: (data: T) => R): Promise<R>;
}

export function createCmsClient(options: CmsClientOptions): CmsClient {
  const doFetch = options.fetch ?? fetch;

  async function fetchJson(path: string, queryString: string): Promise<{ json: unknown; bytes: number }> {
    const url = `${options.baseUrl}${path}${queryString ? `?${queryString}` : ''}`;
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new CmsUnavailableError(`CMS not reachable for ${path}: ${(error as Error).message}`, path, undefined, { cause: error });
    }
    const text = await response.text().catch((error: unknown) => {
      throw new CmsUnavailableError(`CMS response for ${path} was cut off: ${(error as Error).message}`, path, response.status, {
        cause: error,
      });
    });
    if (!response.ok) {
      const detail = text.slice(0, 300);
      // 401/403: the site's token is missing or lacks a permission: as unusable as a CMS that is down.
      if (response.status >= 500 || response.status === 401 || response.status === 403) {
        throw new CmsUnavailableError(`CMS answered ${response.status} for ${path}: ${detail}`, path, response.status);
      }
      throw new CmsError(`CMS refused the request for ${path} (${response.status}): ${detail}`, path, response.status);
    }
    try {
      return { json: JSON.parse(text), bytes: text.length };
    } catch (error) {
      throw new CmsError(`CMS sent invalid JSON for ${path}`, path, response.status, { cause: error });
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
      if (draft || !options.cache) return (await load()).value;
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
