import { createConnection } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedis, createRateLimiter, limitInvitations, RATE_LIMITS, rateLimitMessage, type RateLimitName } from './rate-limit.ts';

const limits = Object.fromEntries(
  (Object.keys(RATE_LIMITS) as RateLimitName[]).map((name) => [
    name,
    { points: 3, duration: 60 },
  ]),
) as Record<RateLimitName, { points: number; duration: number }>;

async function attempts(limiter: ReturnType<typeof createRateLimiter>, count: number, pairs: [RateLimitName, string][]) {
  const outcomes = [];
  for (let i = 0; i < count; i++) outcomes.push(await limiter.consume(pairs));
  return outcomes;
}

describe('rate limits in memory', () => {
  it('allows up to the limit, then refuses with the time to wait', async () => {
    const limiter = createRateLimiter({ limits });
    const outcomes = await attempts(limiter, 4, [['sign-in-email-ip', 'a@nhs.net']]);
    expect(outcomes.slice(0, 3).every((outcome) => outcome.allowed)).toBe(true);
    expect(outcomes[3]).toMatchObject({ allowed: false });
    const refused = outcomes[3] as { retryAfterSeconds: number };
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('counts each key and each limit apart, email case-insensitively', async () => {
    const limiter = createRateLimiter({ limits });
    await attempts(limiter, 3, [['sign-in-email-ip', 'A@nhs.net']]);
    expect(await limiter.consume([['sign-in-email-ip', 'a@NHS.net']])).toMatchObject({ allowed: false });
    expect(await limiter.consume([['sign-in-email-ip', 'b@nhs.net']])).toEqual({ allowed: true });
    expect(await limiter.consume([['forgot-password-email', 'a@nhs.net']])).toEqual({ allowed: true });
  });

  it('refuses when any of several limits is over', async () => {
    const limiter = createRateLimiter({ limits });
    await attempts(limiter, 3, [['sign-in-ip', '10.0.0.1']]);
    expect(await limiter.consume([['sign-in-ip', '10.0.0.1'], ['sign-in-email-ip', 'fresh@nhs.net']])).toMatchObject({ allowed: false });
  });

  it('forgets a key on reset (a successful sign-in clears that email’s failures)', async () => {
    const limiter = createRateLimiter({ limits });
    await attempts(limiter, 3, [['sign-in-email-ip', 'a@nhs.net']]);
    await limiter.reset('sign-in-email-ip', 'a@nhs.net');
    expect(await limiter.consume([['sign-in-email-ip', 'a@nhs.net']])).toEqual({ allowed: true });
  });

  it('limits invitations per viewer', async () => {
    const limiter = createRateLimiter({ limits });
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await limitInvitations('42', limiter));
    expect(outcomes.map((outcome) => outcome.allowed)).toEqual([true, true, true, false]);
    expect(await limitInvitations('43', limiter)).toEqual({ allowed: true });
  });

  it('tells the member how long to wait, in whole minutes', () => {
    expect(rateLimitMessage(1)).toBe('Too many attempts. Try again in 1 minute');
    expect(rateLimitMessage(60)).toBe('Too many attempts. Try again in 1 minute');
    expect(rateLimitMessage(61)).toBe('Too many attempts. Try again in 2 minutes');
    expect(rateLimitMessage(15 * 60)).toBe('Too many attempts. Try again in 15 minutes');
  });
});

// Redis at REDIS_URL (default: the local one at 127.0.0.1:6379), which every machine of this
// project runs (.ci/run starts it): the shared store is tested, never skipped.
const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisAnswers = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(redisUrl);
  const socket = createConnection({ host: hostname, port: Number(port || 6379) });
  socket.setTimeout(1000);
  socket.once('connect', () => (socket.end(), resolve(true)));
  socket.once('error', () => resolve(false));
  socket.once('timeout', () => (socket.destroy(), resolve(false)));
});

describe('rate limits in Redis, shared by several site instances', () => {
  it('has a Redis to test against', () => {
    expect(redisAnswers, `no Redis answers at ${redisUrl}: start one (redis-server) or set TEST_REDIS_URL`).toBe(true);
  });
  const prefix = `fnhs:test:rl:${process.pid}:${Date.now()}`;
  const clients = [connectRedis(redisUrl), connectRedis(redisUrl)];
  const waitReady = () => Promise.all(clients.map((client) => (client.status === 'ready' ? undefined : new Promise((resolve) => client.once('ready', resolve)))));

  afterAll(async () => {
    const keys = await clients[0].keys(`${prefix}*`);
    if (keys.length) await clients[0].del(...keys);
    await Promise.all(clients.map((client) => client.quit()));
  });

  it('counts attempts made on two instances together', async () => {
    await waitReady();
    const [first, second] = clients.map((redis) => createRateLimiter({ redis, prefix, limits }));
    expect(await first.consume([['register-ip', '10.1.1.1']])).toEqual({ allowed: true });
    expect(await second.consume([['register-ip', '10.1.1.1']])).toEqual({ allowed: true });
    expect(await first.consume([['register-ip', '10.1.1.1']])).toEqual({ allowed: true });
    expect(await second.consume([['register-ip', '10.1.1.1']])).toMatchObject({ allowed: false });
    await second.reset('register-ip', '10.1.1.1');
    expect(await first.consume([['register-ip', '10.1.1.1']])).toEqual({ allowed: true });
  });

  it('stores hashed keys with an expiry, never the email address', async () => {
    await waitReady();
    const limiter = createRateLimiter({ redis: clients[0], prefix, limits });
    await limiter.consume([['forgot-password-email', 'someone@nhs.net']]);
    const keys = await clients[0].keys(`${prefix}:forgot-password-email:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('someone');
    expect(await clients[0].ttl(keys[0])).toBeGreaterThan(0);
  });
});

describe('when Redis is down', () => {
  it('falls back to counting in memory', async () => {
    const redis = connectRedis('redis://127.0.0.1:1');
    const limiter = createRateLimiter({ redis, prefix: 'fnhs:test:down', limits });
    const outcomes = await attempts(limiter, 4, [['sign-in-email-ip', 'a@nhs.net']]);
    expect(outcomes.map((outcome) => outcome.allowed)).toEqual([true, true, true, false]);
    redis.disconnect();
  });
});
