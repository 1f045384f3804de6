import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { siteConfig } from './config.ts';

/**
 * Rate limits on what attackers repeat: guessing passwords, creating accounts, sending mail
 * (reset and confirmation links, invitations).
 * Counted in this process's memory by default, or in Redis when REDIS_URL is set so that every
 * site instance shares the counts (with memory as the fallback should Redis go away, so an outage
 * of Redis weakens the limits instead of taking sign-in down). The CMS keeps limits of its own
 * behind these.
 *
 * Per-address limits are generous: a whole NHS trust can sit behind one address.
 */
export const RATE_LIMITS = {
  'sign-in-ip': { points: 100, duration: 15 * 60 },
  /** Per (email, visitor address) pair: someone failing on purpose elsewhere never keeps the owner out. */
  'sign-in-email-ip': { points: 10, duration: 15 * 60 },
  'register-ip': { points: 20, duration: 60 * 60 },
  'forgot-password-ip': { points: 20, duration: 60 * 60 },
  'forgot-password-email': { points: 5, duration: 60 * 60 },
  'confirmation-ip': { points: 20, duration: 60 * 60 },
  'confirmation-email': { points: 5, duration: 60 * 60 },
  'invitation-viewer': { points: 100, duration: 60 * 60 },
} as const satisfies Record<string, { points: number; duration: number }>;

export type RateLimitName = keyof typeof RATE_LIMITS;
export type RateLimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts one attempt against each (limit, key); refused when any of them is over its limit. */
  consume(attempts: [RateLimitName, string][]): Promise<RateLimitOutcome>;
  /** Forgets a key's attempts, e.g. a successful sign-in clears that email's failed ones. */
  reset(name: RateLimitName, key: string): Promise<void>;
  close(): Promise<void>;
}

export interface RateLimiterOptions {
  /** Shared counts; memory only when absent. */
  redis?: Redis;
  /** Namespaces the keys in Redis (tests use their own). */
  prefix?: string;
  limits?: Record<RateLimitName, { points: number; duration: number }>;
}

/** Keys are hashed: no email address or IP address is written to Redis. */
function hashed(key: string): string {
  return createHash('sha256').update(key.trim().toLowerCase()).digest('base64url').slice(0, 32);
}

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const prefix = options.prefix ?? 'fnhs:site:rl';
  const limits = options.limits ?? RATE_LIMITS;
  const limiters = new Map<RateLimitName, RateLimiterAbstract>();
  for (const [name, { points, duration }] of Object.entries(limits) as [RateLimitName, { points: number; duration: number }][]) {
    const keyPrefix = `${prefix}:${name}`;
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    limiters.set(
      name,
      options.redis ? new RateLimiterRedis({ storeClient: options.redis, keyPrefix, points, duration, insuranceLimiter: memory }) : memory,
    );
  }
  const limiter = (name: RateLimitName) => limiters.get(name)!;

  return {
    async consume(attempts) {
      const results = await Promise.allSettled(attempts.map(([name, key]) => limiter(name).consume(hashed(key))));
      let retryAfterMs = 0;
      for (const result of results) {
        if (result.status === 'fulfilled') continue;
        if (result.reason instanceof RateLimiterRes) retryAfterMs = Math.max(retryAfterMs, result.reason.msBeforeNext);
        // Both stores failed: let the attempt through rather than lock everyone out; the CMS still limits.
        else console.warn(`[rate-limit] could not count an attempt: ${(result.reason as Error)?.message}`);
      }
      return retryAfterMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : { allowed: true };
    },
    async reset(name, key) {
      await limiter(name)
        .delete(hashed(key))
        .catch((error: Error) => console.warn(`[rate-limit] could not reset ${name}: ${error.message}`));
    },
    async close() {
      await options.redis?.quit().catch(() => undefined);
    },
  };
}

/** The Redis client of the limits, when REDIS_URL is set. Offline commands fail at once (memory takes over). */
export function connectRedis(url: string): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  redis.on('error', (error) => console.warn(`[rate-limit] Redis: ${error.message}`));
  return redis;
}

const SHARED = Symbol.for('futurenhs.site.rate-limiter');
const globalHolder = globalThis as typeof globalThis & { [SHARED]?: RateLimiter };

/** The site's limiter, configured from the environment. */
export function rateLimiter(): RateLimiter {
  if (!globalHolder[SHARED]) {
    const url = siteConfig().REDIS_URL;
    globalHolder[SHARED] = createRateLimiter(url ? { redis: connectRedis(url) } : {});
  }
  return globalHolder[SHARED];
}

/** What the member reads when refused: whole minutes, rounded up. */
export function rateLimitMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** For the membership pages: one invitation sent by this viewer. */
export function limitInvitations(viewerId: string, limiter: RateLimiter = rateLimiter()): Promise<RateLimitOutcome> {
  return limiter.consume([['invitation-viewer', viewerId]]);
}
