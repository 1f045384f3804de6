import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { waitForMail } from './mail.ts';
import { Cms, PASSWORD, SiteClient, type Actor } from './membership-helpers.ts';

/**
 * Through the site, as a visitor sees it: whether an address has an account does not show in how
 * long sign-in, registration or forgotten-password take, and a flood of wrong passwords from
 * one visitor does not keep the owner out. Each client arrives from an address of its own
 * (X-Forwarded-For: the stack's site trusts the proxy in front); the site vouches for the
 * visitor's address to the CMS in a signed header, so the CMS's per-client limits count each
 * visitor, not the site (the stack's CMS does not trust X-Forwarded-For).
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');
const mailDir = inject('mailDir');

const WRONG = 'Not-the-right-password-1';
const TRIES = 7;
const profile = { firstName: 'Sam', lastName: 'Prober', jobTitle: 'Analyst', organisation: 'NHS Test Trust' };
const unique = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.nhs.net`;

/** A new visitor whose form (and its CSRF token) is loaded first, so only the POST is timed. */
class Visitor extends SiteClient {
  async timedPost(path: string, fields: Record<string, string>): Promise<[number, Response]> {
    const page = await this.get(path);
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    if (!token) throw new Error(`No CSRF field on ${path} (HTTP ${page.status})`);
    const start = performance.now();
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { ...this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', origin: this.url },
      body: new URLSearchParams({ _csrf: token, ...fields }),
      redirect: 'manual',
    });
    await response.arrayBuffer();
    const elapsed = performance.now() - start;
    this.remember(response);
    return [elapsed, response];
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Medians of TRIES timings of each kind, taken in turn, each from a new visitor, with a pause
 * after each so that the CMS's queued work (mail, a new account) is not inside the next timing.
 */
async function compare(post: (kind: 'known' | 'unknown', index: number) => Promise<[number, Response]>) {
  const timings = { known: [] as number[], unknown: [] as number[] };
  const statuses = new Set<number>();
  await post('known', TRIES);
  await post('unknown', TRIES);
  for (let index = 0; index < TRIES; index += 1) {
    for (const kind of ['known', 'unknown'] as const) {
      await pause(300);
      const [elapsed, response] = await post(kind, index);
      timings[kind].push(elapsed);
      statuses.add(response.status);
    }
  }
  return { known: median(timings.known), unknown: median(timings.unknown), statuses: [...statuses] };
}

/**
 * Within 20 % of each other, or 15 ms: a request through two processes varies by more than 20 %
 * of a few milliseconds on its own; what would tell anyone anything is a password hash (tens
 * of milliseconds) made for one kind of address and not the other.
 */
function expectSameTime({ known, unknown }: { known: number; unknown: number }) {
  expect(Math.abs(known - unknown), `known ${known.toFixed(1)} ms, unknown ${unknown.toFixed(1)} ms`).toBeLessThanOrEqual(Math.max(0.2 * Math.max(known, unknown), 15));
}

let cms: Cms;
let people: Actor[];
beforeAll(async () => {
  cms = await Cms.connect(cmsUrl, env);
  people = [];
  for (let index = 0; index <= TRIES; index += 1) people.push(await cms.person(`timing-${index}`));
});

describe('through the site, the same time whether or not an address has an account', () => {
  it('sign-in: a wrong password for a known address and for an unknown one', async () => {
    const result = await compare((kind) => new Visitor(siteUrl).timedPost('/sign-in', { email: kind === 'known' ? people[0].email : unique('nobody'), password: WRONG }));
    expect(result.statuses).toEqual([400]);
    expectSameTime(result);
  });

  it('registration: an address with an account and a new one', async () => {
    const since = Date.now();
    const fresh = Array.from({ length: TRIES + 1 }, () => unique('new-member'));
    const result = await compare((kind, index) =>
      new Visitor(siteUrl).timedPost('/register', {
        email: kind === 'known' ? people[index].email : fresh[index],
        password: PASSWORD,
        passwordConfirmation: PASSWORD,
        ...profile,
      }),
    );
    expect(result.statuses).toEqual([303]);
    expectSameTime(result);
    await waitForMail(mailDir, fresh[0], { since, subject: /Confirm your email/ });
    await waitForMail(mailDir, people[0].email, { since, subject: /already have a FutureNHS account/ });
  });

  it('forgotten password: an address with an account and one without', async () => {
    const since = Date.now();
    const result = await compare((kind, index) => new Visitor(siteUrl).timedPost('/forgot-password', { email: kind === 'known' ? people[index].email : unique('nobody') }));
    expect(result.statuses).toEqual([303]);
    expectSameTime(result);
    await waitForMail(mailDir, people[0].email, { since, subject: /Reset your FutureNHS password/ });
  });
});

describe('through the site, nobody can lock an owner out', () => {
  it('a flood of wrong passwords from one visitor is refused for that visitor; the owner signs in from elsewhere', async () => {
    const owner = await cms.person('flooded-owner');
    const attacker = new SiteClient(siteUrl);
    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1) statuses.push((await attacker.post('/sign-in', { email: owner.email, password: WRONG })).status);
    expect(statuses).toEqual([...Array(10).fill(400), 429, 429]);
    expect((await attacker.post('/sign-in', { email: owner.email, password: PASSWORD })).status).toBe(429);
    // Had the site not vouched for each visitor's address, the CMS would have counted all ten
    // failures against the site's own address and refused the owner too.
    const home = new SiteClient(siteUrl);
    const signedIn = await home.post('/sign-in', { email: owner.email, password: PASSWORD });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).not.toMatch(/sign-in/);
  });
});
