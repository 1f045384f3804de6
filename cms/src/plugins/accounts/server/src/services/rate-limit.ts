import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface Limit {
  /** How many actions (or, for guesses, failures) per `seconds`. */
  points: number;
  seconds: number;
  /** Guesses only: past this many failures, each further attempt waits longer before it is tried. */
  slowAfter?: number;
  /** Guesses only: false for a count that may slow people down but must never refuse them. */
  refuses?: boolean;
}

/**
 * Every limit of the CMS, by name. "Client" is whose request it is: the visitor the site
 * vouches for, or the request's own address (see the service's `clientOf`); "account" the
 * address typed, whether or not it has an account.
 *
 * Sign-in follows OWASP's advice against both guessing and lock-out: failures are counted per
 * (account, client) pair and per client, and refuse only that pair or that client; per account
 * they only slow every attempt down (never refuse, so nobody can lock an owner out) and warn
 * the owner once per window.
 */
export const LIMITS = {
  /** Wrong passwords for one account from one client. */
  signIn: { points: 10, seconds: 15 * 60, slowAfter: 3 },
  /** Wrong passwords from one client, whatever the accounts (one password tried against many addresses). */
  signInClient: { points: 100, seconds: 15 * 60, slowAfter: 20 },
  /** Wrong passwords for one account from every client (distributed guessing): slows, never refuses. */
  signInAccount: { points: 20, seconds: 15 * 60, slowAfter: 10, refuses: false },
  /** The owner is told of a flood of wrong passwords at most once per window. */
  floodWarning: { points: 1, seconds: 15 * 60 },
  registration: { points: 5, seconds: 60 * 60 },
  registrationClient: { points: 20, seconds: 60 * 60 },
  passwordResetMail: { points: 5, seconds: 60 * 60 },
  passwordResetMailClient: { points: 20, seconds: 60 * 60 },
  /** Reset links tried, per client (a code is 64 random bytes: this stops floods, not guessing). */
  passwordResetClient: { points: 30, seconds: 60 * 60 },
  confirmationMail: { points: 5, seconds: 60 * 60 },
  confirmationMailClient: { points: 20, seconds: 60 * 60 },
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
  /** Document exports per member (each is rendered as DOCX or PDF, with its pictures). */
  exporting: { points: 60, seconds: 10 * 60 },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** Each failure past `slowAfter` adds this much wait, up to the cap: a guesser slows to a crawl, a person barely notices. */
export const SLOW_DOWN_STEP_MS = 100;
export const SLOW_DOWN_MAX_MS = 2_000;

/** RATE_LIMIT_<NAME>=points overrides a limit's points (the benchmark posts far faster than a person). */
export const overrideVariable = (name: string) => `RATE_LIMIT_${name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;

/**
 * A client address as the limits count it (see `clientOf` for whose address): an IPv6 client
 * holds a whole /64, so it counts as one; an IPv4 address mapped into IPv6 counts as itself.
 */
export function clientKey(ip: unknown): string {
  const address = typeof ip === 'string' ? ip.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '') : '';
  if (isIP(address) !== 6) return address || 'unknown';
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * The site calls the auth routes for its visitors, so every request reaches the CMS from the
 * site's address. The site says whose request it is in these headers, signed with an HMAC keyed
 * by the API token both share (CMS_API_TOKEN), so no one else can claim an address this way,
 * whether or not TRUST_PROXY is set.
 */
export const VISITOR_HEADER = 'x-futurenhs-visitor';
export const VISITOR_SIGNATURE_HEADER = 'x-futurenhs-visitor-signature';
export const visitorSignature = (address: string, secret: string) => createHmac('sha256', secret).update(`futurenhs-visitor:${address}`).digest('base64url');

/** The visitor the site vouches for, or null when the headers are missing, malformed or not the site's. */
export function vouchedVisitor(headers: Record<string, unknown>, secret = process.env.CMS_API_TOKEN): string | null {
  const address = headers[VISITOR_HEADER];
  const signature = headers[VISITOR_SIGNATURE_HEADER];
  if (!secret || typeof address !== 'string' || typeof signature !== 'string' || isIP(address) === 0) return null;
  const expected = Buffer.from(visitorSignature(address, secret));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? address : null;
}

/** Keys are hashed: no email or IP address is written to Redis. */
const hashed = (key: string | number) => createHash('sha256').update(String(key).trim().toLowerCase()).digest('base64url').slice(0, 32);

const tooMany = (msBeforeNext: number) => {
  const minutes = Math.max(1, Math.ceil(msBeforeNext / 60_000));
  return new errors.RateLimitError(`Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, {
    retryAfterSeconds: Math.ceil(msBeforeNext / 1000),
  });
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One counter of a guess: which limit, and whose. */
export type Guard = [name: LimitName, key: string | number];

/**
 * Counters in memory, or in Redis when REDIS_URL is set so every CMS instance shares them
 * (with memory as the fallback, so a Redis outage weakens the limits instead of refusing
 * everyone). rate-limiter-flexible does the atomic counting for both.
 */
export const rateLimitService = ({ strapi }: { strapi: Core.Strapi }) => {
  const redisUrl = process.env.REDIS_URL;
  // Connected at start, so the first requests are counted in Redis rather than only in memory.
  let redis: Redis | null = redisUrl ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  let outage = false;
  redis?.on('error', (error) => {
    if (!outage) strapi.log.warn(`accounts: Redis unreachable, rate limits count in this instance's memory until it is back: ${error.message}`);
    outage = true;
  });
  redis?.on('ready', () => {
    outage = false;
  });
  const limiters = new Map<LimitName, RateLimiterAbstract>();

  function pointsOf(name: LimitName): number {
    const override = Number(process.env[overrideVariable(name)]);
    return Number.isSafeInteger(override) && override > 0 ? override : LIMITS[name].points;
  }

  function limiterFor(name: LimitName): RateLimiterAbstract {
    let limiter = limiters.get(name);
    if (!limiter) {
      const options = { keyPrefix: `futurenhs:cms:${name}`, points: pointsOf(name), duration: LIMITS[name].seconds };
      if (redis) {
        limiter = new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
      } else {
        limiter = new RateLimiterMemory(options);
      }
      limiters.set(name, limiter);
    }
    return limiter;
  }

  /** How long an attempt waits, given the failures already counted against it. */
  function slowDown(name: LimitName, failuresBefore: number): number {
    const { slowAfter } = LIMITS[name] as Limit;
    if (slowAfter === undefined) return 0;
    return Math.min(SLOW_DOWN_MAX_MS, Math.max(0, failuresBefore - Math.min(slowAfter, pointsOf(name) - 1) + 1) * SLOW_DOWN_STEP_MS);
  }

  return {
    clientKey,

    /**
     * Who a request counts against: the visitor the site vouches for, else Koa's
     * `ctx.request.ip` (the socket's address, or with TRUST_PROXY the last X-Forwarded-For
     * entry: config/server.ts).
     */
    clientOf(ctx: { request: { ip?: string; headers: Record<string, unknown> } }): string {
      return clientKey(vouchedVisitor(ctx.request.headers) ?? ctx.request.ip);
    },

    /** Counts one action; over the limit, answers 429 with when to try again. */
    async consume(name: LimitName, key: string | number): Promise<void> {
      await this.consumeAll([[name, key]]);
    },

    /** Counts one action against every (limit, key); over any of them, answers 429. */
    async consumeAll(checks: Guard[]): Promise<void> {
      const results = await Promise.allSettled(checks.map(([name, key]) => limiterFor(name).consume(hashed(key))));
      let wait = 0;
      for (const result of results) {
        if (result.status === 'fulfilled') continue;
        if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
        wait = Math.max(wait, result.reason.msBeforeNext);
      }
      if (wait > 0) throw tooMany(wait);
    },

    /** Gives back one action counted by `consume` (a route's refused form: middlewares/rate-limit.ts). */
    async giveBack(name: LimitName, key: string | number): Promise<void> {
      await limiterFor(name)
        .reward(hashed(key), 1)
        .catch(() => undefined);
    },

    /**
     * For guesses (sign-in): only failures count. Each attempt is counted before it is tried (so
     * a burst of parallel guesses is counted, not let through) and given back when it succeeds;
     * the first guard, the (account, client) pair, is forgotten on success. A guard over its
     * limit refuses with 429 unless it `refuses: false`; past `slowAfter` an attempt first waits.
     * `onLimitReached` is called for each failure that finds a never-refusing guard at or past its points.
     */
    async limitFailures<T>(guards: Guard[], attempt: () => Promise<T>, onLimitReached?: (name: LimitName, key: string | number) => void): Promise<T> {
      const counted = await Promise.allSettled(
        guards.map(([name, key]) => {
          const limiter = limiterFor(name);
          return (LIMITS[name] as Limit).refuses === false ? limiter.penalty(hashed(key), 1) : limiter.consume(hashed(key));
        }),
      );
      const giveBack = () =>
        Promise.all(
          guards.map(([name, key], index) =>
            counted[index].status === 'fulfilled' ? limiterFor(name).reward(hashed(key), 1).catch(() => undefined) : undefined,
          ),
        );
      let refusedFor = 0;
      let wait = 0;
      counted.forEach((result, index) => {
        if (result.status === 'rejected') {
          if (result.reason instanceof RateLimiterRes) refusedFor = Math.max(refusedFor, result.reason.msBeforeNext);
          return;
        }
        wait = Math.max(wait, slowDown(guards[index][0], result.value.consumedPoints - 1));
      });
      if (refusedFor > 0) {
        // A refused attempt is not tried, so it is no failure of its own.
        await giveBack();
        throw tooMany(refusedFor);
      }
      if (wait > 0) await sleep(wait);
      let result: T;
      try {
        result = await attempt();
      } catch (error) {
        counted.forEach((outcome, index) => {
          const [name, key] = guards[index];
          if (outcome.status === 'fulfilled' && (LIMITS[name] as Limit).refuses === false && outcome.value.consumedPoints >= pointsOf(name)) {
            onLimitReached?.(name, key);
          }
        });
        throw error;
      }
      await giveBack();
      const [pairName, pairKey] = guards[0];
      await limiterFor(pairName)
        .delete(hashed(pairKey))
        .catch(() => undefined);
      return result;
    },

    /** Resolves once counts go to Redis (at once without REDIS_URL). */
    async ready(): Promise<void> {
      if (!redis || redis.status === 'ready') return;
      await new Promise((resolve) => redis!.once('ready', resolve));
    },

    async destroy() {
      redis?.disconnect();
      redis = null;
      limiters.clear();
      strapi.log.debug('accounts: rate limiter closed');
    },
  };
};

export type RateLimitService = ReturnType<typeof rateLimitService>;
