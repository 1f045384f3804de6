import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface Limit {
  /** How many actions per `seconds`. */
  points: number;
  seconds: number;
}

/**
 * Per account or address, whoever calls: guessing one person's password, flooding one inbox,
 * or one member sending invitation mail to many. Per visitor address, the site adds its own.
 */
export const LIMITS = {
  signIn: { points: 10, seconds: 15 * 60 },
  registration: { points: 5, seconds: 60 * 60 },
  passwordResetMail: { points: 5, seconds: 60 * 60 },
  confirmationMail: { points: 5, seconds: 60 * 60 },
  passwordChange: { points: 10, seconds: 15 * 60 },
  invitations: { points: 50, seconds: 60 * 60 },
  /** Joining and asking to join: each request lands in managers' queues. */
  joining: { points: 30, seconds: 60 * 60 },
  /** Forum posts (discussions, comments, replies, edits) per member. */
  posting: { points: 60, seconds: 10 * 60 },
  /** Reports land in managers' moderation queues. */
  reporting: { points: 30, seconds: 60 * 60 },
  liking: { points: 600, seconds: 10 * 60 },
  /** Page-builder images per manager (each is decoded and re-encoded). */
  uploading: { points: 100, seconds: 60 * 60 },
} satisfies Record<string, Limit>;

/**
 * Counters in memory, or in Redis when REDIS_URL is set so every CMS instance shares them.
 * rate-limiter-flexible does the atomic counting for both.
 */
export const rateLimitService = ({ strapi }: { strapi: Core.Strapi }) => {
  let redis: Redis | null = null;
  const limiters = new Map<string, RateLimiterAbstract>();

  function limiterFor(name: keyof typeof LIMITS): RateLimiterAbstract {
    let limiter = limiters.get(name);
    if (!limiter) {
      const { seconds } = LIMITS[name];
      // RATE_LIMIT_<NAME>=points overrides a limit (the benchmark posts far faster than a person).
      const override = Number(process.env[`RATE_LIMIT_${name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`]);
      const points = Number.isSafeInteger(override) && override > 0 ? override : LIMITS[name].points;
      const options = { keyPrefix: `futurenhs:cms:${name}`, points, duration: seconds };
      if (process.env.REDIS_URL) {
        redis ??= new Redis(process.env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
        limiter = new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
      } else {
        limiter = new RateLimiterMemory(options);
      }
      limiters.set(name, limiter);
    }
    return limiter;
  }

  return {
    /** Counts one action; over the limit, answers 429 with when to try again. */
    async consume(name: keyof typeof LIMITS, key: string | number): Promise<void> {
      try {
        await limiterFor(name).consume(String(key).trim().toLowerCase());
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const minutes = Math.max(1, Math.ceil(rejection.msBeforeNext / 60_000));
        throw new errors.RateLimitError(`Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, {
          retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000),
        });
      }
    },

    /**
     * For guesses (sign-in): only failures count, so a member who signs in often is never
     * locked out, while someone guessing a password is, once the failures run out.
     */
    async limitFailures<T>(name: keyof typeof LIMITS, key: string | number, attempt: () => Promise<T>): Promise<T> {
      const normalised = String(key).trim().toLowerCase();
      const state = await limiterFor(name).get(normalised);
      if (state && state.remainingPoints <= 0) {
        const minutes = Math.max(1, Math.ceil(state.msBeforeNext / 60_000));
        throw new errors.RateLimitError(`Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, {
          retryAfterSeconds: Math.ceil(state.msBeforeNext / 1000),
        });
      }
      try {
        return await attempt();
      } catch (error) {
        await limiterFor(name)
          .penalty(normalised, 1)
          .catch(() => undefined);
        throw error;
      }
    },

    async destroy() {
      redis?.disconnect();
      redis = null;
      limiters.clear();
      strapi.log.debug('membership: rate limiter closed');
    },
  };
};

export type RateLimitService = ReturnType<typeof rateLimitService>;
