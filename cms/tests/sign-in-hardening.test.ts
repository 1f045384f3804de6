import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitService, visitorSignature } from '../src/plugins/accounts/server/src/services/rate-limit.ts';
import { startMailbox, type Mailbox, type ReceivedMail } from './helpers/mailbox.ts';
import { createPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * Sign-in, registration and forgotten-password as an attacker tries them: timing that would
 * tell who has an account, one password tried against many addresses, and locking an owner out
 * by failing on purpose. Clients are told apart by X-Forwarded-For, which the CMS believes only
 * with TRUST_PROXY (on here, as behind the site).
 */
let cms: TestCms;
let mailbox: Mailbox;

const SITE = 'https://futurenhs.example';
const PASSWORD = 'Correct-horse-battery-1';
const WRONG = 'Not-the-right-password-1';
/** The flood across many addresses is run against a smaller per-client limit than production's. */
const CLIENT_FAILURES = 30;
const profile = { firstName: 'Sam', lastName: 'Prober', jobTitle: 'Analyst', organisation: 'NHS Test Trust' };

let clients = 0;
/** An address no other request of this file uses. */
const newClient = () => {
  clients += 1;
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
};
const unique = (name: string) => `${name}-${randomBytes(4).toString('hex')}@nhs.net`;

const from = (client: string) => ({ 'x-forwarded-for': client });
const signIn = (identifier: string, password: string, client: string) =>
  cms.http.post('/api/auth/local').set(from(client)).send({ identifier, password, deviceId: 'device-a' });
const register = (email: string, client: string) => cms.http.post('/api/auth/local/register').set(from(client)).send({ email, password: PASSWORD, ...profile });
const forgot = (email: string, client: string) => cms.http.post('/api/auth/forgot-password').set(from(client)).send({ email });
const queueIdle = () => cms.strapi.plugin('accounts').service('queue').idle();

/** A confirmed account with the test password. */
async function owner(name: string) {
  return createPerson(cms.strapi, name, { email: unique(name) });
}

async function timed<T>(request: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await request();
  return [performance.now() - start, result];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Medians of `tries` timings of each kind, taken in turn (known, unknown, known, ...) so that a
 * slow moment of the machine falls on both, each after the queue has emptied so that one try's
 * background work never lands in the next one's timing.
 */
async function compare(tries: number, known: (index: number) => Promise<unknown>, unknown: (index: number) => Promise<unknown>) {
  const timings = { known: [] as number[], unknown: [] as number[] };
  // One untimed round of each first: the first call of a path compiles and caches what it uses.
  await known(tries);
  await unknown(tries);
  await queueIdle();
  for (let index = 0; index < tries; index += 1) {
    timings.known.push((await timed(() => known(index)))[0]);
    await queueIdle();
    timings.unknown.push((await timed(() => unknown(index)))[0]);
    await queueIdle();
  }
  return { known: median(timings.known), unknown: median(timings.unknown) };
}

/**
 * Within 20 % of each other. Requests that take a few milliseconds either way vary by more than
 * 20 % from scheduling alone, so a difference under 10 ms also passes: what would tell an
 * attacker anything is a password hash (tens of milliseconds) done for one kind and not the other.
 */
function expectSameTime({ known, unknown }: { known: number; unknown: number }) {
  const difference = Math.abs(known - unknown);
  expect(difference, `known ${known.toFixed(1)} ms, unknown ${unknown.toFixed(1)} ms`).toBeLessThanOrEqual(Math.max(0.2 * Math.max(known, unknown), 10));
}

beforeAll(async () => {
  mailbox = await startMailbox();
  cms = await startTestCms({
    ...mailbox.env,
    SITE_URL: SITE,
    TRUST_PROXY: 'true',
    RATE_LIMIT_SIGN_IN_CLIENT: String(CLIENT_FAILURES),
  });
});

afterAll(async () => {
  await cms?.stop();
  await mailbox?.close();
});

describe('the same time and the same answer whether or not an address has an account', () => {
  it('sign-in: a wrong password for a known address and any password for an unknown one', async () => {
    const known = await owner('timing-known');
    const answers: unknown[] = [];
    const timings = await compare(
      7,
      async () => answers.push((await signIn(known.email, WRONG, newClient())).body),
      async () => answers.push((await signIn(unique('timing-nobody'), WRONG, newClient())).body),
    );
    expectSameTime(timings);
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
  });

  it('registration: an address with an account and a new one (whose account is still made)', async () => {
    const existing = await Promise.all(Array.from({ length: 8 }, (_, index) => owner(`timing-registered-${index}`)));
    const fresh = Array.from({ length: 8 }, () => unique('timing-new'));
    const answers: unknown[] = [];
    const since = mailbox.messages.length;
    const timings = await compare(
      7,
      async (index) => answers.push((await register(existing[index].email, newClient())).body),
      async (index) => answers.push((await register(fresh[index], newClient())).body),
    );
    expectSameTime(timings);
    expect(answers).toEqual(Array(16).fill({ ok: true }));
    // The work is done, from the queue: each new address has its account and confirmation
    // link, each existing owner their "you already have an account" mail.
    expect(await cms.strapi.db.query('plugin::users-permissions.user').count({ where: { email: { $in: fresh } } })).toBe(8);
    for (const email of fresh) await mailbox.next(email, { since, subject: /Confirm your email/ });
    for (const person of existing) await mailbox.next(person.email, { since, subject: /already have a FutureNHS account/ });
  });

  it('signing in at once after registering is told to confirm the address, not that the password is wrong', async () => {
    // Others register at the same moment, so this account is made after theirs, well after the answers.
    const email = unique('eager');
    const answers = await Promise.all([...Array.from({ length: 6 }, () => register(unique('crowd'), newClient())), register(email, newClient())]);
    expect(answers.map((answer) => answer.status)).toEqual(Array(7).fill(200));
    // The account is still being made by the queue: the sign-in waits for it.
    const response = await signIn(email, PASSWORD, newClient());
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/not confirmed/i);
  });

  it('forgotten password: an address with an account and one without', async () => {
    const existing = await Promise.all(Array.from({ length: 8 }, (_, index) => owner(`timing-forgetful-${index}`)));
    const since = mailbox.messages.length;
    const answers: unknown[] = [];
    const timings = await compare(
      7,
      async (index) => answers.push((await forgot(existing[index].email, newClient())).body),
      async () => answers.push((await forgot(unique('timing-nobody'), newClient())).body),
    );
    expectSameTime(timings);
    expect(answers).toEqual(Array(16).fill({ ok: true }));
    for (const person of existing) await mailbox.next(person.email, { since, subject: /Reset your FutureNHS password/ });
  });

  it('"send the link again": the same answer for an unknown, a confirmed and an unconfirmed address', async () => {
    const confirmed = await owner('resend-confirmed');
    const unconfirmed = unique('resend-unconfirmed');
    await register(unconfirmed, newClient());
    await queueIdle();
    const since = mailbox.messages.length;
    const send = async (email: string) => {
      const response = await cms.http.post('/api/auth/send-email-confirmation').set(from(newClient())).send({ email });
      return [response.status, response.body];
    };
    expect(await send(confirmed.email)).toEqual([200, { email: confirmed.email, sent: true }]);
    expect(await send(unconfirmed)).toEqual([200, { email: unconfirmed, sent: true }]);
    const nobody = unique('resend-nobody');
    expect(await send(nobody)).toEqual([200, { email: nobody, sent: true }]);
    await mailbox.next(unconfirmed, { since, subject: /Confirm your email/ });
    await queueIdle();
    expect(mailbox.messages.slice(since).map((mail) => mail.to)).toEqual([unconfirmed]);
  });
});

describe('bad input is still refused at once, with the reason', () => {
  it.each([
    ['/api/auth/forgot-password', { email: 'not-an-email' }, /correct format/],
    ['/api/auth/forgot-password', {}, /Enter your email address/],
    ['/api/auth/send-email-confirmation', { email: `${'a'.repeat(250)}@nhs.net` }, /254 characters/],
  ])('%s with %j', async (path, body, message) => {
    const since = mailbox.messages.length;
    const response = await cms.http.post(path).set(from(newClient())).send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0]).toEqual({ path: ['email'], message: expect.stringMatching(message) });
    await queueIdle();
    expect(mailbox.messages.length).toBe(since);
  });
});

describe('nobody can lock an owner out', () => {
  it('a password flood from one client does not stop the owner signing in from another, or from that client for another account', async () => {
    const target = await owner('flooded');
    const neighbour = await owner('neighbour');
    const attacker = newClient();
    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1) statuses.push((await signIn(target.email, WRONG, attacker)).status);
    // That pair is refused after ten failures (slowed before that)...
    expect(statuses).toEqual([...Array(10).fill(400), 429, 429]);
    const refused = await signIn(target.email, PASSWORD, attacker);
    expect([refused.status, refused.body.error.message]).toEqual([429, expect.stringMatching(/Too many attempts. Try again in 1[45] minutes/)]);
    // ...but the owner, from anywhere else, is let in with the right password.
    const [, fromHome] = await timed(() => signIn(target.email, PASSWORD, newClient()));
    expect(fromHome.status).toBe(200);
    // And someone at the attacker's address (a shared NAT) who has not been failing signs in too.
    expect((await signIn(neighbour.email, PASSWORD, attacker)).status).toBe(200);
  });

  it('a success forgets that pair’s failures', async () => {
    const person = await owner('forgetful-typist');
    const client = newClient();
    for (let index = 0; index < 9; index += 1) expect((await signIn(person.email, WRONG, client)).status).toBe(400);
    expect((await signIn(person.email, PASSWORD, client)).status).toBe(200);
    for (let index = 0; index < 9; index += 1) expect((await signIn(person.email, WRONG, client)).status).toBe(400);
    expect((await signIn(person.email, PASSWORD, client)).status).toBe(200);
  });

  it('failures from many clients slow the account down, warn its owner once, and never refuse them', async () => {
    const target = await owner('distributed-target');
    const since = mailbox.messages.length;
    // 30 guesses from 30 clients, all at once: past the flood mark of 20.
    const guesses = await Promise.all(Array.from({ length: 30 }, () => signIn(target.email, WRONG, newClient())));
    expect(guesses.map((guess) => guess.status)).toEqual(Array(30).fill(400));
    const [waited, owners] = await timed(() => signIn(target.email, PASSWORD, newClient()));
    expect(owners.status).toBe(200);
    // Slowed (30 failures is 20 past the point where waiting starts), within the cap.
    expect(waited).toBeGreaterThanOrEqual(1_000);
    expect(waited).toBeLessThan(10_000);
    // More failures in the same window: still one warning.
    await Promise.all(Array.from({ length: 5 }, () => signIn(target.email, WRONG, newClient())));
    await queueIdle();
    const warning = await mailbox.next(target.email, { since, subject: /Many failed attempts to sign in/ });
    expect(mailbox.messages.slice(since).filter((mail) => mail.to === target.email)).toHaveLength(1);
    expect(warning.links).toEqual([`${SITE}/forgot-password`]);
    expect(warning.text).toMatch(/not locked/);
  });

  it('warns the owner of a flood by username too', async () => {
    const target = await owner('username-target');
    const { username } = await cms.strapi.db.query('plugin::users-permissions.user').findOne({ select: ['username'], where: { id: target.id } });
    const since = mailbox.messages.length;
    await Promise.all(Array.from({ length: 20 }, () => signIn(username, WRONG, newClient())));
    await queueIdle();
    await mailbox.next(target.email, { since, subject: /Many failed attempts to sign in/ });
  });

  it('no warning for an address with no account, and the same answers for it', async () => {
    const since = mailbox.messages.length;
    const nobody = unique('flood-nobody');
    const guesses = await Promise.all(Array.from({ length: 22 }, () => signIn(nobody, WRONG, newClient())));
    expect(guesses.map((guess) => guess.status)).toEqual(Array(22).fill(400));
    await queueIdle();
    expect(mailbox.messages.slice(since)).toEqual([]);
  });
});

describe('one client trying one password against many addresses', () => {
  it('is slowed down more and more, then refused; other clients are not', async () => {
    const client = newClient();
    const durations: number[] = [];
    const statuses: number[] = [];
    for (let index = 0; index < CLIENT_FAILURES; index += 1) {
      const [duration, response] = await timed(() => signIn(unique('sprayed'), WRONG, client));
      durations.push(duration);
      statuses.push(response.status);
    }
    expect(statuses).toEqual(Array(CLIENT_FAILURES).fill(400));
    // The last three tries were held back at least 800, 900 and 1000 ms (ten failures past the
    // twenty at which slowing starts, 100 ms more each): longer than the first tries took.
    const last = durations.slice(-3);
    expect(last.map((duration, index) => duration >= 790 + 100 * index)).toEqual([true, true, true]);
    expect(median(durations.slice(0, 5))).toBeLessThan(Math.min(...last));
    const refused = await signIn(unique('sprayed'), WRONG, client);
    expect([refused.status, refused.body.error.message]).toEqual([429, expect.stringMatching(/Too many attempts/)]);
    // Even with the right password for a real account: this client has been failing.
    const person = await owner('behind-sprayer');
    expect((await signIn(person.email, PASSWORD, client)).status).toBe(429);
    expect((await signIn(person.email, PASSWORD, newClient())).status).toBe(200);
  });

  it('registration, forgotten password and reset are limited per client too, whatever the addresses', async () => {
    const client = newClient();
    const registrations: number[] = [];
    for (let index = 0; index < 21; index += 1) registrations.push((await register(unique('mass-register'), client)).status);
    expect(registrations).toEqual([...Array(20).fill(200), 429]);
    const resets: number[] = [];
    for (let index = 0; index < 21; index += 1) resets.push((await forgot(unique('mass-forgot'), client)).status);
    expect(resets).toEqual([...Array(20).fill(200), 429]);
    const codes: number[] = [];
    for (let index = 0; index < 31; index += 1) {
      codes.push(
        (await cms.http.post('/api/auth/reset-password').set(from(client)).send({ code: randomBytes(64).toString('hex'), password: PASSWORD, passwordConfirmation: PASSWORD }))
          .status,
      );
    }
    expect(codes).toEqual([...Array(30).fill(400), 429]);
    // Another client is not held up by this one.
    expect((await register(unique('other-client'), newClient())).status).toBe(200);
    await queueIdle();
  });

  it('counts an IPv6 client by its /64', async () => {
    const service = cms.strapi.plugin('accounts').service('rate-limit');
    expect(service.clientKey('2001:db8:1:2:aaaa::1')).toBe(service.clientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'));
    expect(service.clientKey('2001:db8:1:3::1')).not.toBe(service.clientKey('2001:db8:1:2::1'));
    expect(service.clientKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });
});

describe('behind the site, which signs the address of the visitor it calls for', () => {
  // Every request comes from the site's one address; the site names its visitor in a signed header.
  const site = newClient();
  const asVisitor = (visitor: string, signature = visitorSignature(visitor, cms.siteToken)) => ({
    ...from(site),
    'x-futurenhs-visitor': visitor,
    'x-futurenhs-visitor-signature': signature,
  });
  const signInAs = (identifier: string, password: string, headers: Record<string, string>) =>
    cms.http.post('/api/auth/local').set(headers).send({ identifier, password, deviceId: 'device-a' });

  it('counts each visitor the site vouches for, not the site', async () => {
    const target = await owner('vouched-target');
    const attacker = newClient();
    const statuses: number[] = [];
    for (let index = 0; index < 11; index += 1) statuses.push((await signInAs(target.email, WRONG, asVisitor(attacker))).status);
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
    expect((await signInAs(target.email, PASSWORD, asVisitor(newClient()))).status).toBe(200);
  });

  it('ignores a visitor whose signature is not the site’s, counting the request’s own address', async () => {
    const target = await owner('forged-target');
    const forger = newClient();
    const statuses: number[] = [];
    // A new claimed visitor each time would dodge every per-client count, were it believed.
    for (let index = 0; index < 11; index += 1) {
      const claimed = newClient();
      statuses.push((await signInAs(target.email, WRONG, { ...from(forger), ...asVisitor(claimed, visitorSignature(claimed, 'not-the-token')), 'x-forwarded-for': forger })).status);
    }
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
  });
});

describe('with REDIS_URL, CMS instances share the counts', () => {
  it('two instances refuse a pair together once its failures add up', async () => {
    const previous = process.env.REDIS_URL;
    process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const instances = [rateLimitService({ strapi: cms.strapi }), rateLimitService({ strapi: cms.strapi })];
    if (previous === undefined) delete process.env.REDIS_URL;
    else process.env.REDIS_URL = previous;
    try {
      await Promise.all(instances.map((instance) => instance.ready()));
      const account = unique('shared-count');
      const client = newClient();
      const guards = () => [['signIn', `${account} ${client}`], ['signInClient', client], ['signInAccount', account]] as [string, string][];
      const fail = (instance: (typeof instances)[number]) =>
        instance.limitFailures(guards() as any, async () => {
          throw new Error('wrong password');
        });
      for (let index = 0; index < 10; index += 1) await expect(fail(instances[index % 2])).rejects.toThrow('wrong password');
      await expect(fail(instances[0])).rejects.toThrow(/Too many attempts/);
      await expect(fail(instances[1])).rejects.toThrow(/Too many attempts/);
      // Memory alone would have let both instances try five more each.
    } finally {
      await Promise.all(instances.map((instance) => instance.destroy()));
    }
  });
});

describe('every mail has a real plain-text part', () => {
  it('confirmation, reset, already registered, invitation and flood warning: words and links, no markup', async () => {
    const since = mailbox.messages.length;
    const fresh = unique('plain-new');
    await register(fresh, newClient());
    const existing = await owner('plain-existing');
    await register(existing.email, newClient());
    await forgot(existing.email, newClient());
    const manager = await owner('plain-manager');
    await cms.strapi.plugin('membership').service('membership').createWorkspace(manager.id, { title: 'Plain & Simple', slug: 'plain-simple', summary: 'x', visibility: 'open' });
    expect((await cms.http.post('/api/membership/workspaces/plain-simple/invitations').set(manager.auth).send({ email: 'plain.guest@nhs.net' })).status).toBe(201);
    await Promise.all(Array.from({ length: 20 }, () => signIn(existing.email, WRONG, newClient())));
    await queueIdle();

    const mails: ReceivedMail[] = [
      await mailbox.next(fresh, { since, subject: /Confirm your email/ }),
      await mailbox.next(existing.email, { since, subject: /already have/ }),
      await mailbox.next(existing.email, { since, subject: /Reset your FutureNHS password/ }),
      await mailbox.next('plain.guest@nhs.net', { since, subject: /invited/ }),
      await mailbox.next(existing.email, { since, subject: /Many failed attempts/ }),
    ];
    for (const mail of mails) {
      expect(mail.text, mail.subject).not.toMatch(/<\/?[a-z][^>]*>|&(amp|lt|gt|quot|#\d+);/i);
      expect(mail.text.split(/\n\n/).length, mail.subject).toBeGreaterThanOrEqual(3);
      // Each link of the HTML part is written out in the text part.
      for (const href of [...mail.html.matchAll(/href="([^"]+)"/g)].map((match) => match[1].replace(/&amp;/g, '&'))) expect(mail.text, mail.subject).toContain(href);
    }
    expect(mails[0].text).toMatch(new RegExp(`Confirm your email address: ${SITE}/confirm-email\\?confirmation=\\w+`));
    expect(mails[3].text).toContain('"Plain & Simple"');
  });
});
