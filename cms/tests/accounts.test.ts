import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carryAdminPermissions } from '../src/plugins/accounts/server/src/bootstrap.ts';
import { startMailbox, type Mailbox } from './helpers/mailbox.ts';
import { createPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * Accounts over real HTTP with real SMTP: registration (allow-list, invitation, confirmation),
 * sessions that end when they should, password reset and change, profile, deleting an account.
 */
let cms: TestCms;
let mailbox: Mailbox;

const USER_UID = 'plugin::users-permissions.user';
const PASSWORD = 'A-long-enough-password-1';
const profile = { firstName: 'Amara', lastName: 'Okafor', jobTitle: 'Ward Sister', organisation: 'Leeds Teaching Hospitals' };

const register = (body: Record<string, unknown>) => cms.http.post('/api/auth/local/register').send(body);
const signIn = (email: string, password = PASSWORD, deviceId = 'device-a') =>
  cms.http.post('/api/auth/local').send({ identifier: email, password, deviceId });
const me = (jwt: string) => cms.http.get('/api/accounts/me').set({ authorization: `Bearer ${jwt}` });
const users = () => cms.strapi.db.query(USER_UID);
/** Registration makes accounts from the accounts plugin's queue, after it has answered. */
const queueIdle = () => cms.strapi.plugin('accounts').service('queue').idle();

/** Registers, confirms through the mailed link, and signs in. */
async function registeredMember(email: string) {
  const since = mailbox.messages.length;
  expect((await register({ email, password: PASSWORD, ...profile })).status).toBe(200);
  const mail = await mailbox.next(email, { since, subject: /Confirm your email/ });
  const code = new URL(mail.links.find((link) => link.includes('/confirm-email'))!).searchParams.get('confirmation');
  expect((await cms.http.get(`/api/auth/email-confirmation?confirmation=${code}`)).status).toBe(302);
  const session = await signIn(email);
  expect(session.status).toBe(200);
  return session.body as { jwt: string; refreshToken: string; user: { id: number } };
}

beforeAll(async () => {
  mailbox = await startMailbox();
  // Every request here comes from one client: its per-client limits are sign-in-hardening.test.ts's subject.
  cms = await startTestCms({ ...mailbox.env, SITE_URL: 'https://futurenhs.example', RATE_LIMIT_REGISTRATION_CLIENT: '1000' });
});

afterAll(async () => {
  await cms?.stop();
  await mailbox?.close();
});

describe('registration', () => {
  it('with an allow-listed domain: a confirmation mail links to the site, which confirms and signs in', async () => {
    const email = 'amara.okafor@leedsth.nhs.uk';
    const response = await register({ email, password: PASSWORD, ...profile });
    expect([response.status, response.body]).toEqual([200, { ok: true }]);
    // The account is made from the queue, after the answer; its confirmation mail follows.
    const mail = await mailbox.next(email, { subject: /Confirm your email/ });
    const created = await users().findOne({ where: { email } });
    expect(created).toMatchObject({ confirmed: false, username: email, ...profile });
    const link = mail.links.find((href) => href.startsWith('https://futurenhs.example/confirm-email?confirmation='));
    expect(link).toBeDefined();
    expect((await signIn(email)).body.error.message).toMatch(/not confirmed/);

    const confirmed = await cms.http.get(`/api/auth/email-confirmation?confirmation=${new URL(link!).searchParams.get('confirmation')}`);
    expect([confirmed.status, confirmed.headers.location]).toEqual([302, 'https://futurenhs.example/sign-in?confirmed=1']);
    const session = await signIn(email);
    expect(session.status).toBe(200);
    expect(session.body.refreshToken).toEqual(expect.any(String));
    const viewer = await me(session.body.jwt);
    expect(viewer.body.data).toMatchObject({ email, ...profile, profileComplete: true, memberships: [] });
    // The used link does not work twice.
    expect((await cms.http.get(`/api/auth/email-confirmation?confirmation=${new URL(link!).searchParams.get('confirmation')}`)).status).toBe(400);
  });

  it('refuses a domain off the allow-list, creating nothing and sending nothing', async () => {
    const before = mailbox.messages.length;
    const response = await register({ email: 'someone@example.com', password: PASSWORD, ...profile });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0]).toMatchObject({ path: ['email'], message: expect.stringMatching(/NHS or partner organisation/) });
    expect(await users().findOne({ where: { email: 'someone@example.com' } })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mailbox.messages.length).toBe(before);
  });

  it('matches wildcards to subdomains only, and follows the allow-list platform admins edit', async () => {
    const accounts = cms.strapi.plugin('accounts').service('accounts');
    expect(await accounts.isDomainAllowed('a@england.nhs.uk')).toBe(true);
    expect(await accounts.isDomainAllowed('a@nhs.uk')).toBe(false);
    expect(await accounts.isDomainAllowed('a@evilnhs.uk')).toBe(false);
    expect(await accounts.isDomainAllowed('a@nhs.net')).toBe(true);
    expect(await accounts.isDomainAllowed('a@nhs.net.evil.com')).toBe(false);
    await cms.strapi.db.query('plugin::accounts.allowed-domain').create({ data: { domain: 'carehome.org.uk' } });
    expect(await accounts.isDomainAllowed('a@carehome.org.uk')).toBe(true);
  });

  it('answers the same for an address that already has an account, and mails its owner instead', async () => {
    const email = 'existing.person@nhs.net';
    await registeredMember(email);
    const since = mailbox.messages.length;
    const again = await register({ email: 'Existing.Person@nhs.net', password: PASSWORD, ...profile });
    expect([again.status, again.body]).toEqual([200, { ok: true }]);
    expect(await users().count({ where: { email: { $eqi: email } } })).toBe(1);
    const mail = await mailbox.next(email, { since });
    expect(mail.subject).toBe('You already have a FutureNHS account');
    expect(mail.links).toContain('https://futurenhs.example/forgot-password');
  });

  it('makes one account of a form submitted twice at once', async () => {
    const email = 'double.click@nhs.net';
    const answers = await Promise.all([1, 2, 3, 4].map(() => register({ email, password: PASSWORD, ...profile })));
    expect(answers.map((answer) => [answer.status, answer.body])).toEqual(Array(4).fill([200, { ok: true }]));
    await queueIdle();
    expect(await users().count({ where: { email } })).toBe(1);
    // The database holds the rule too, whatever the case of the address.
    const role = await cms.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    await expect(
      cms.strapi.db.query('plugin::users-permissions.user').create({ data: { username: 'another-name', email: 'Double.Click@nhs.net', provider: 'local', role: role.id } }),
    ).rejects.toThrow();
  });

  it('lets an invitation open registration whatever the domain, for the invited address only', async () => {
    const manager = await createPerson(cms.strapi, 'inviting-manager');
    await cms.strapi.plugin('membership').service('membership').createWorkspace(manager.id, {
      title: 'Hidden Registry',
      slug: 'hidden-registry',
      summary: 'Invitation only',
      visibility: 'hidden',
    });
    const since = mailbox.messages.length;
    expect((await cms.http.post('/api/membership/workspaces/hidden-registry/invitations').set(manager.auth).send({ email: 'partner@charity.org' })).status).toBe(201);
    const token = (await mailbox.next('partner@charity.org', { since })).links[0].split('/invitations/')[1];

    const shown = await cms.http.get(`/api/membership/invitations/${token}`);
    expect(shown.body.data).toMatchObject({ email: 'partner@charity.org', state: 'pending', workspace: { slug: 'hidden-registry', title: 'Hidden Registry' } });

    const otherAddress = await register({ email: 'other@charity.org', password: PASSWORD, ...profile, invitation: token });
    expect(otherAddress.status).toBe(400);
    expect(otherAddress.body.error.message).toMatch(/invitation was sent to/);
    const forged = await register({ email: 'partner@charity.org', password: PASSWORD, ...profile, invitation: 'x'.repeat(43) });
    expect(forged.status).toBe(400);

    expect((await register({ email: 'partner@charity.org', password: PASSWORD, ...profile, invitation: token })).status).toBe(200);
    await queueIdle();
    expect(await users().findOne({ where: { email: 'partner@charity.org' } })).toMatchObject({ confirmed: false });
  });

  it.each([
    ['a short password', { password: 'short-1' }, 'password', /at least 12/],
    ['a password beyond 72 bytes', { password: 'é'.repeat(40) }, 'password', /72 characters or fewer/],
    ['a malformed email', { email: 'not-an-email' }, 'email', /correct format/],
    ['an overlong email', { email: `${'a'.repeat(250)}@nhs.net` }, 'email', /254 characters/],
    ['a missing first name', { firstName: '' }, 'firstName', /Enter your first name/],
    ['an overlong organisation', { organisation: 'x'.repeat(201) }, 'organisation', /200 characters or fewer/],
  ])('refuses %s with a message for that field', async (_, change, field, message) => {
    const body = { email: `bad.input.${field}@nhs.net`, password: PASSWORD, ...profile, ...change };
    const response = await register(body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors).toContainEqual({ path: [field], message: expect.stringMatching(message) });
    expect(await users().count({ where: { email: { $startsWith: 'bad.input.' } } })).toBe(0);
  });

  it('ignores attempts to register as confirmed, blocked or another role', async () => {
    const email = 'sneaky@nhs.net';
    const adminRole = await cms.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const response = await register({ email, password: PASSWORD, ...profile, confirmed: true, role: adminRole.id, blocked: false, provider: 'x' });
    expect(response.status).toBe(200);
    await queueIdle();
    const user = await users().findOne({ where: { email }, populate: ['role'] });
    expect(user).toMatchObject({ confirmed: false, provider: 'local', role: { type: 'authenticated' } });
  });
});

describe('signing in', () => {
  it('says the same for an unknown address and a wrong password', async () => {
    await registeredMember('careful.person@nhs.net');
    const unknown = await signIn('nobody.here@nhs.net');
    const wrong = await signIn('careful.person@nhs.net', 'Not-the-password-1');
    expect([unknown.status, wrong.status]).toEqual([400, 400]);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });
});

describe('sign-in limits', () => {
  it('count failures only: eleven good sign-ins pass; after ten failures from this client, even its right password waits', async () => {
    const email = 'frequent.visitor@nhs.net';
    await registeredMember(email);
    for (let index = 0; index < 11; index += 1) expect((await signIn(email)).status).toBe(200);
    for (let index = 0; index < 10; index += 1) expect((await signIn(email, 'Wrong-password-123')).status).toBe(400);
    const refused = await signIn(email);
    expect([refused.status, refused.body.error.message]).toEqual([429, expect.stringMatching(/Too many attempts. Try again in 1[45] minutes/)]);
  });
});

describe('sessions', () => {
  it('refresh with rotation; signing out ends that browser’s session at once, not others', async () => {
    const email = 'two.browsers@nhs.net';
    const first = await registeredMember(email);
    const second = (await signIn(email, PASSWORD, 'device-b')).body;
    const refreshed = await cms.http.post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await me(refreshed.body.jwt)).status).toBe(200);
    expect((await cms.http.post('/api/auth/refresh').send({ refreshToken: first.refreshToken })).status).toBe(401);

    const out = await cms.http.post('/api/auth/logout').set({ authorization: `Bearer ${refreshed.body.jwt}` }).send({ refreshToken: refreshed.body.refreshToken });
    expect(out.status).toBe(200);
    expect((await me(refreshed.body.jwt)).status).toBe(401);
    expect((await me(first.jwt)).status).toBe(401);
    expect((await cms.http.post('/api/auth/refresh').send({ refreshToken: refreshed.body.refreshToken })).status).toBe(401);
    expect((await me(second.jwt)).status).toBe(200);
  });

  it('all end when the password changes, except the one that changed it', async () => {
    const email = 'changes.password@nhs.net';
    const here = await registeredMember(email);
    const elsewhere = (await signIn(email, PASSWORD, 'device-b')).body;
    const change = (body: Record<string, unknown>) =>
      cms.http.post('/api/auth/change-password').set({ authorization: `Bearer ${here.jwt}` }).send({ deviceId: 'device-a', ...body });

    expect((await change({ currentPassword: 'wrong-password-123', password: 'A-new-password-123', passwordConfirmation: 'A-new-password-123' })).status).toBe(400);
    const weak = await change({ currentPassword: PASSWORD, password: 'short', passwordConfirmation: 'short' });
    expect(weak.body.error.message).toMatch(/at least 12/);
    expect((await me(elsewhere.jwt)).status).toBe(200);

    const changed = await change({ currentPassword: PASSWORD, password: 'A-new-password-123', passwordConfirmation: 'A-new-password-123' });
    expect([changed.status, changed.body.error]).toEqual([200, undefined]);
    expect((await me(elsewhere.jwt)).status).toBe(401);
    expect((await cms.http.post('/api/auth/refresh').send({ refreshToken: elsewhere.refreshToken })).status).toBe(401);
    expect((await me(here.jwt)).status).toBe(401);
    expect((await me(changed.body.jwt)).status).toBe(200);
    expect((await signIn(email, 'A-new-password-123')).status).toBe(200);
    // The session the change made can itself be ended.
    await cms.http.post('/api/auth/logout').set({ authorization: `Bearer ${changed.body.jwt}` }).send({ refreshToken: changed.body.refreshToken });
    expect((await me(changed.body.jwt)).status).toBe(401);
  });
});

describe('forgotten password', () => {
  it('answers the same for any address; the mailed link resets once and ends every session', async () => {
    const email = 'forgetful@nhs.net';
    const session = await registeredMember(email);
    const unknown = await cms.http.post('/api/auth/forgot-password').send({ email: 'unknown.person@nhs.net' });
    const since = mailbox.messages.length;
    const known = await cms.http.post('/api/auth/forgot-password').send({ email });
    expect([unknown.status, unknown.body, known.status, known.body]).toEqual([200, { ok: true }, 200, { ok: true }]);

    const mail = await mailbox.next(email, { since, subject: /Reset your FutureNHS password/ });
    const link = new URL(mail.links.find((href) => href.startsWith('https://futurenhs.example/reset-password?code='))!);
    const code = link.searchParams.get('code');
    const reset = (password: string) =>
      cms.http.post('/api/auth/reset-password').send({ code, password, passwordConfirmation: password, deviceId: 'device-c' });

    expect((await reset('short')).status).toBe(400);
    const done = await reset('A-brand-new-password-1');
    expect([done.status, done.body.error]).toEqual([200, undefined]);
    expect((await me(session.jwt)).status).toBe(401);
    expect((await me(done.body.jwt)).status).toBe(200);
    expect((await reset('Another-new-password-1')).status).toBe(400);
    expect((await signIn(email, 'A-brand-new-password-1')).status).toBe(200);
  });

  it('links expire after an hour', async () => {
    const email = 'slow.reader@nhs.net';
    await registeredMember(email);
    const since = mailbox.messages.length;
    await cms.http.post('/api/auth/forgot-password').send({ email });
    const mail = await mailbox.next(email, { since, subject: /Reset/ });
    const code = new URL(mail.links.find((href) => href.includes('/reset-password'))!).searchParams.get('code');
    await users().update({ where: { email }, data: { resetPasswordRequestedAt: new Date(Date.now() - 61 * 60 * 1000) } });
    const late = await cms.http.post('/api/auth/reset-password').send({ code, password: 'A-brand-new-password-1', passwordConfirmation: 'A-brand-new-password-1' });
    expect(late.status).toBe(400);
    expect(late.body.error.message).toMatch(/expired/);
    expect((await signIn(email)).status).toBe(200);
  });
});

describe('profile', () => {
  it('is updated with validation; nothing changes on bad input', async () => {
    const session = await registeredMember('profile.owner@nhs.net');
    const put = (body: Record<string, unknown>) => cms.http.put('/api/accounts/me').set({ authorization: `Bearer ${session.jwt}` }).send(body);
    const bad = await put({ ...profile, jobTitle: 'x'.repeat(151), bio: 'y'.repeat(2001) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((error: { path: string[] }) => error.path[0]).sort()).toEqual(['bio', 'jobTitle']);
    expect((await me(session.jwt)).body.data.jobTitle).toBe(profile.jobTitle);

    const good = await put({ ...profile, jobTitle: 'Matron', bio: 'Twenty years in acute care.', email: 'hijack@nhs.net', confirmed: false });
    expect(good.status).toBe(200);
    expect(good.body.data).toMatchObject({ jobTitle: 'Matron', bio: 'Twenty years in acute care.', email: 'profile.owner@nhs.net' });
    expect(await users().findOne({ where: { email: 'profile.owner@nhs.net' } })).toMatchObject({ confirmed: true });
  });
});

describe('deleting an account', () => {
  it('needs the password, refuses the last manager of a workspace, then removes the person and their sessions', async () => {
    const email = 'leaving.soon@nhs.net';
    const session = await registeredMember(email);
    const auth = { authorization: `Bearer ${session.jwt}` };
    const created = await cms.http.post('/api/membership/workspaces').set(auth).send({ title: 'Sole Managed', summary: 'x', visibility: 'open' });
    expect(created.status).toBe(201);

    expect((await cms.http.delete('/api/accounts/me').set(auth).send({ password: 'wrong-password-1' })).body.error.details.errors[0].path).toEqual(['password']);
    const sole = await cms.http.delete('/api/accounts/me').set(auth).send({ password: PASSWORD });
    expect(sole.status).toBe(400);
    expect(sole.body.error.message).toMatch(/only manager of Sole Managed/);

    const deputy = await createPerson(cms.strapi, 'deputy');
    await cms.http.post('/api/membership/workspaces/sole-managed/join').set(deputy.auth);
    await cms.http.post(`/api/membership/workspaces/sole-managed/members/${deputy.id}/promote`).set(auth);
    const gone = await cms.http.delete('/api/accounts/me').set(auth).send({ password: PASSWORD });
    expect(gone.status).toBe(204);
    expect(await users().findOne({ where: { email } })).toBeNull();
    expect((await me(session.jwt)).status).toBe(401);
    expect((await cms.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(401);

    // Their part in the audit log stays, attributed to nobody: "former member" on the site.
    const log = await cms.http.get('/api/membership/workspaces/sole-managed/audit').set(deputy.auth);
    const created_ = log.body.data.find((event: { action: string }) => event.action === 'workspace.created');
    expect(created_.actor).toBeNull();
    expect(log.body.data.find((event: any) => event.action === 'member.left').details).toMatchObject({ reason: 'account deleted' });
  });
});

describe('invitation mail', () => {
  it('is rate-limited per manager', async () => {
    const manager = await createPerson(cms.strapi, 'prolific');
    await cms.strapi.plugin('membership').service('membership').createWorkspace(manager.id, {
      title: 'Busy', slug: 'busy-invites', summary: 'x', visibility: 'restricted',
    });
    const statuses: number[] = [];
    for (let index = 0; index < 51; index += 1) {
      statuses.push((await cms.http.post('/api/membership/workspaces/busy-invites/invitations').set(manager.auth).send({ email: `guest${index}@nhs.net` })).status);
    }
    expect(statuses.slice(0, 50).every((status) => status === 201)).toBe(true);
    const refused = await cms.http.post('/api/membership/workspaces/busy-invites/invitations').set(manager.auth).send({ email: 'one.more@nhs.net' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/Too many attempts. Try again in \d+ minutes?/);
    expect(await cms.strapi.db.query('plugin::membership.invitation').count({ where: { email: 'one.more@nhs.net' } })).toBe(0);
  });
});

describe('profile photo', () => {
  it('is checked by content, cropped to a square WebP without metadata, replaced and removed', async () => {
    const sharp = (await import('sharp')).default;
    const session = await registeredMember('photo.owner@nhs.net');
    const auth = { authorization: `Bearer ${session.jwt}` };
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#005eb8' } }).png().toBuffer();

    const uploaded = await cms.http.put('/api/accounts/me/photo').set(auth).attach('photo', png, 'me.png');
    expect(uploaded.status).toBe(200);
    const firstUrl = uploaded.body.data.photoUrl as string;
    expect(firstUrl).toMatch(/\.webp$/);
    const stored = await cms.strapi.db.query('plugin::upload.file').findOne({ where: { url: firstUrl } });
    expect(stored).toMatchObject({ width: 400, height: 400, mime: 'image/webp' });

    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');
    const refusedSvg = await cms.http.put('/api/accounts/me/photo').set(auth).attach('photo', svg, 'me.png');
    expect([refusedSvg.status, refusedSvg.body.error.message]).toEqual([400, 'The photo must be a JPG, PNG, WebP or GIF image']);
    const text = await cms.http.put('/api/accounts/me/photo').set(auth).attach('photo', Buffer.from('just text'), 'me.jpg');
    expect(text.status).toBe(400);
    expect((await cms.http.put('/api/accounts/me/photo').set(auth)).body.error.message).toBe('Choose a photo to upload');
    expect((await me(session.jwt)).body.data.photoUrl).toBe(firstUrl);

    const replaced = await cms.http.put('/api/accounts/me/photo').set(auth).attach('photo', png, 'again.png');
    expect(replaced.body.data.photoUrl).not.toBe(firstUrl);
    expect(await cms.strapi.db.query('plugin::upload.file').findOne({ where: { url: firstUrl } })).toBeNull();
    const removed = await cms.http.delete('/api/accounts/me/photo').set(auth);
    expect(removed.body.data.photoUrl).toBeNull();
  });
});

describe('joining and asking to join', () => {
  it('are rate-limited per member, so nobody floods managers with requests', async () => {
    const member = await createPerson(cms.strapi, 'eager');
    const manager = await createPerson(cms.strapi, 'busy-manager');
    await cms.strapi.plugin('membership').service('membership').createWorkspace(manager.id, {
      title: 'Popular', slug: 'popular-requests', summary: 'x', visibility: 'restricted',
    });
    const statuses: number[] = [];
    for (let index = 0; index < 30; index += 1) {
      statuses.push((await cms.http.post('/api/membership/workspaces/popular-requests/request').set(member.auth).send({})).status);
    }
    // The first asks; the rest are told they already asked; all count.
    expect(statuses[0]).toBe(200);
    expect(statuses.slice(1).every((status) => status === 400)).toBe(true);
    const refused = await cms.http.post('/api/membership/workspaces/popular-requests/join').set(member.auth);
    expect([refused.status, refused.body.error.message]).toEqual([429, expect.stringMatching(/Too many attempts/)]);
  });
});

describe('rate limits declared on routes', () => {
  /** Each limited route's handler and its limit, as the plugins' routes files declare them. */
  const declared = () =>
    ['membership', 'forum', 'page-builder', 'files', 'documents'].flatMap((plugin) =>
      (cms.strapi.plugin(plugin).routes['content-api'].routes as { handler: string; config?: { middlewares?: { name: string; config: { limit: string } }[] } }[])
        .flatMap((route) => (route.config?.middlewares ?? []).map((middleware) => [`${plugin}.${route.handler}`, middleware.name, middleware.config.limit].join(' '))),
    );

  it('are the accounts plugin’s middleware on every route that lands in someone’s queue or costs the CMS work', () => {
    expect([...new Set(declared())].sort()).toEqual(
      [
        'membership.workspace.join joining',
        'membership.workspace.request joining',
        'membership.workspace.invite invitations',
        'forum.discussion.create posting',
        'forum.comment.create posting',
        'forum.comment.update posting',
        'forum.comment.like liking',
        'forum.comment.unlike liking',
        'forum.comment.report reporting',
        'page-builder.image.upload uploading',
        'files.folder.create posting',
        'files.folder.update posting',
        'files.item.upload uploading',
        'files.item.update posting',
        'files.item.addVersion uploading',
        'documents.documents.create posting',
        'documents.documents.nameVersion posting',
        'documents.documents.comment posting',
        'documents.documents.reply posting',
        'documents.documents.export exporting',
        'documents.documents.restoreVersion posting',
        'documents.documents.resolve posting',
      ]
        .map((entry) => entry.replace(' ', ' plugin::accounts.rate-limit '))
        .sort(),
    );
  });

  it('charge nothing for a refused form', async () => {
    const member = await createPerson(cms.strapi, 'wordy');
    const manager = await createPerson(cms.strapi, 'patient-manager');
    await cms.strapi.plugin('membership').service('membership').createWorkspace(manager.id, {
      title: 'Wordy', slug: 'wordy-requests', summary: 'x', visibility: 'restricted',
    });
    const ask = (message: string) => cms.http.post('/api/membership/workspaces/wordy-requests/request').set(member.auth).send({ message });
    // More refused forms than the joining limit (30) allows requests: none of them counts.
    for (let index = 0; index < 35; index += 1) expect((await ask('x'.repeat(501))).status).toBe(400);
    expect((await ask('Please let me in')).status).toBe(200);
  });
});

describe('content types that moved from the membership plugin', () => {
  it('keep the admin rights roles had on them under their old names', async () => {
    const role = await cms.strapi.db.query('admin::role').create({ data: { name: `Auditors ${Date.now()}`, code: `auditors-${Date.now()}`, description: 'Reads the audit log' } });
    const permission = await cms.strapi.db
      .query('admin::permission')
      .create({ data: { action: 'plugin::content-manager.explorer.read', subject: 'plugin::membership.audit-event', role: role.id, properties: {}, conditions: [] } });
    await carryAdminPermissions(cms.strapi);
    const carried = await cms.strapi.db.query('admin::permission').findOne({ where: { id: permission.id } });
    expect(carried.subject).toBe('plugin::accounts.audit-event');
  });
});
