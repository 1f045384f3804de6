import { accessSchema } from '@futurenhs/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUser } from '../seed/seed-demo.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * The access matrix of the membership plugin's routes: every actor × every visibility × every
 * route, through real HTTP against the real CMS. Adding a route without a row here fails.
 */
let cms: TestCms;

/**
 * platformAdmin: a Strapi admin-panel user. Their powers are in the admin panel (tested below);
 * their admin token opens nothing of the content API.
 */
type Actor = 'anonymous' | 'outsider' | 'pending' | 'invited' | 'member' | 'manager' | 'otherManager' | 'platformAdmin';
type Person = Exclude<Actor, 'anonymous' | 'platformAdmin'>;
type Visibility = 'open' | 'restricted' | 'hidden';
type Guard = 'public' | 'find' | 'manage';
type Outcome = 'allow' | 'forbidden' | 'not-found' | 'sign-in';

const ACTORS: Actor[] = ['anonymous', 'outsider', 'pending', 'invited', 'member', 'manager', 'otherManager', 'platformAdmin'];
const PEOPLE = ACTORS.filter((actor): actor is Person => actor !== 'anonymous' && actor !== 'platformAdmin');
const VISIBILITIES: Visibility[] = ['open', 'restricted', 'hidden'];
const HIDDEN_MESSAGE = 'This workspace does not exist';

interface Probe {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  guard: Guard;
  /** A request that passes the access check but changes nothing (or is reset after). */
  body?: Record<string, unknown>;
  changes?: boolean;
}

const workspaceRoutes: Probe[] = [
  { method: 'get', path: '/workspaces/:slug/managers', guard: 'public' },
  { method: 'get', path: '/workspaces/:slug/access', guard: 'public' },
  { method: 'get', path: '/workspaces/:slug/members', guard: 'find' },
  { method: 'post', path: '/workspaces/:slug/join', guard: 'find', changes: true },
  { method: 'post', path: '/workspaces/:slug/request', guard: 'find', body: { message: 'x'.repeat(501) } },
  { method: 'post', path: '/workspaces/:slug/leave', guard: 'find', changes: true },
  { method: 'post', path: '/workspaces/:slug/invitation/accept', guard: 'find', changes: true },
  { method: 'post', path: '/workspaces/:slug/invitation/decline', guard: 'find', changes: true },
  { method: 'patch', path: '/workspaces/:slug/visibility', guard: 'manage', body: { visibility: 'secret' } },
  { method: 'post', path: '/workspaces/:slug/members/:userId/approve', guard: 'manage' },
  { method: 'post', path: '/workspaces/:slug/members/:userId/reject', guard: 'manage' },
  { method: 'post', path: '/workspaces/:slug/members/:userId/remove', guard: 'manage' },
  { method: 'post', path: '/workspaces/:slug/members/:userId/promote', guard: 'manage' },
  { method: 'post', path: '/workspaces/:slug/members/:userId/demote', guard: 'manage' },
  { method: 'get', path: '/workspaces/:slug/invitations', guard: 'manage' },
  { method: 'post', path: '/workspaces/:slug/invitations', guard: 'manage', body: { email: 'not-an-email' } },
  { method: 'delete', path: '/workspaces/:slug/invitations/:invitationId', guard: 'manage' },
  { method: 'get', path: '/workspaces/:slug/audit', guard: 'manage' },
  { method: 'get', path: '/workspaces/:slug/audit.csv', guard: 'manage' },
];
/** The accounts plugin's routes (/api/accounts): the signed-in person's own account. */
const accountRoutes = ['GET /me', 'PUT /me', 'DELETE /me', 'PUT /me/photo', 'DELETE /me/photo'];
/** Routes not about one workspace: any signed-in member, nobody else (tested below). */
const personalRoutes = [
  ...accountRoutes,
  'POST /workspaces',
  'POST /invitations/:token/accept',
  'POST /invitations/:token/decline',
];
const apiOf = (route: string) => (accountRoutes.includes(route) ? '/api/accounts' : '/api/membership');
/** Routes not about one workspace that answer anyone (an invitation's link is its own secret). */
const publicRoutes = ['GET /invitations/:token'];

function expected(guard: Guard, visibility: Visibility, actor: Actor): Outcome {
  // An admin-panel token is no content-API credential: Strapi answers 401, even on public routes.
  if (actor === 'platformAdmin') return 'sign-in';
  // Strapi refuses anonymous callers (403) before any lookup, so it reveals nothing either.
  if (actor === 'anonymous') return guard === 'public' ? (visibility === 'hidden' ? 'not-found' : 'allow') : 'forbidden';
  const involved = ['pending', 'invited', 'member', 'manager'].includes(actor);
  if (visibility === 'hidden' && !involved) return 'not-found';
  if (guard === 'find' || guard === 'public') return 'allow';
  return actor === 'manager' ? 'allow' : 'forbidden';
}

function outcomeOf(response: { status: number; body: any }): Outcome | string {
  if (response.status === 401) return 'sign-in';
  if (response.status === 403) return 'forbidden';
  if (response.status === 404 && response.body?.error?.message === HIDDEN_MESSAGE) return 'not-found';
  if ([200, 201, 400, 404].includes(response.status)) return 'allow';
  return `unexpected ${response.status}: ${JSON.stringify(response.body)}`;
}

const people = {} as Record<Person, TestPerson>;
let adminAuth: { authorization: string };
const workspaces = {} as Record<Visibility, { id: number; slug: string }>;

/** Puts every actor back in their place in a workspace (probes may join or leave). */
async function resetMemberships(visibility: Visibility) {
  const { id } = workspaces[visibility];
  const memberships = cms.strapi.db.query('plugin::membership.membership');
  await memberships.deleteMany({ where: { workspace: { id } } });
  const rows: [Actor, string, string][] = [
    ['manager', 'manager', 'active'],
    ['member', 'member', 'active'],
    ['pending', 'member', 'pending'],
    ['invited', 'member', 'invited'],
  ];
  for (const [actor, role, state] of rows) {
    await memberships.create({ data: { workspace: id, user: people[actor as 'member'].id, role, state } });
  }
}

beforeAll(async () => {
  cms = await startTestCms();
  for (const actor of PEOPLE) people[actor] = await createPerson(cms.strapi, actor);
  Object.assign(process.env, { ADMIN_EMAIL: 'platform.admin@example.nhs.net', ADMIN_PASSWORD: 'Platform-admin-password-1' });
  await ensureAdminUser(cms.strapi, () => undefined);
  const login = await cms.http.post('/admin/login').send({ email: 'platform.admin@example.nhs.net', password: 'Platform-admin-password-1' });
  expect(login.status).toBe(200);
  adminAuth = { authorization: `Bearer ${login.body.data.token}` };
  const membership = cms.strapi.plugin('membership').service('membership');
  for (const visibility of VISIBILITIES) {
    const created = await membership.createWorkspace(people.manager.id, {
      title: `Matrix ${visibility}`,
      slug: `matrix-${visibility}`,
      summary: 'A workspace for the access matrix',
      visibility,
    });
    workspaces[visibility] = { id: created.id, slug: created.slug };
    await resetMemberships(visibility);
  }
  await membership.createWorkspace(people.otherManager.id, {
    title: 'Elsewhere',
    slug: 'matrix-elsewhere',
    summary: 'Another workspace',
    visibility: 'open',
  });
});

afterAll(async () => {
  await cms?.stop();
});

describe('the membership plugin', () => {
  it('is loaded, and its routes answer', async () => {
    expect(cms.strapi.plugin('membership')).toBeDefined();
    const response = await cms.http.get('/api/membership/workspaces/matrix-open/access').set(people.member.auth);
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ standing: 'member', canView: true, canPost: true, canManage: false });
  });

  it('has every one of its routes in this matrix', () => {
    const routes = cms.strapi.plugin('membership').routes['content-api'].routes.map(
      (route: { method: string; path: string }) => `${route.method} ${route.path}`,
    );
    const covered = [...workspaceRoutes.map((probe) => `${probe.method.toUpperCase()} ${probe.path}`), ...personalRoutes, ...publicRoutes];
    const accounts = cms.strapi.plugin('accounts').routes['content-api'].routes.map(
      (route: { method: string; path: string }) => `${route.method} ${route.path}`,
    );
    expect([...routes, ...accounts].sort()).toEqual([...covered].sort());
    expect([...accounts].sort()).toEqual([...accountRoutes].sort());
  });

  it('lets the authenticated role call its routes and the public role only the public ones', async () => {
    const permissions = await cms.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { action: { $startsWith: 'plugin::membership.' } }, populate: ['role'] });
    const publicActions = permissions.filter((permission: any) => permission.role.type === 'public').map((permission: any) => permission.action);
    expect(publicActions.sort()).toEqual([
      'plugin::membership.invitation.show',
      'plugin::membership.workspace.access',
      'plugin::membership.workspace.managers',
    ]);
    const authenticated = permissions.filter((permission: any) => permission.role.type === 'authenticated');
    expect(authenticated.length).toBe(cms.strapi.plugin('membership').routes['content-api'].routes.length);
    const accounts = await cms.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { action: { $startsWith: 'plugin::accounts.' } }, populate: ['role'] });
    expect(accounts.map((permission: any) => permission.role.type)).toEqual(accountRoutes.map(() => 'authenticated'));
  });
});

describe.each(VISIBILITIES)('a %s workspace', (visibility) => {
  describe.each(workspaceRoutes)('$method $path', (probe) => {
    it.each(ACTORS)('for %s', async (actor) => {
      const path = `/api/membership${probe.path}`
        .replace(':slug', workspaces[visibility].slug)
        .replace(':userId', '999999')
        .replace(':invitationId', '999999');
      let request = cms.http[probe.method](path);
      if (actor === 'platformAdmin') request = request.set(adminAuth);
      else if (actor !== 'anonymous') request = request.set(people[actor].auth);
      const response = await (probe.body ? request.send(probe.body) : request);
      if (probe.changes && response.status < 300) await resetMemberships(visibility);
      expect(outcomeOf(response)).toBe(expected(probe.guard, visibility, actor));
    });
  });
});

it('answers an unknown workspace exactly as a hidden one', async () => {
  for (const actor of ['outsider', 'otherManager'] as const) {
    const hidden = await cms.http.get('/api/membership/workspaces/matrix-hidden/members').set(people[actor].auth);
    const missing = await cms.http.get('/api/membership/workspaces/no-such-workspace/members').set(people[actor].auth);
    expect([hidden.status, hidden.body]).toEqual([missing.status, missing.body]);
  }
  const anonymousHidden = await cms.http.get('/api/membership/workspaces/matrix-hidden/members');
  const anonymousMissing = await cms.http.get('/api/membership/workspaces/no-such-workspace/members');
  expect([anonymousHidden.status, anonymousHidden.body]).toEqual([anonymousMissing.status, anonymousMissing.body]);
});

describe.each(['canView', 'canPost', 'canManage'] as const)('the named policy %s, as later plugins will use it', (policy) => {
  const allowed: Record<typeof policy, (visibility: Visibility, actor: Actor) => boolean> = {
    canView: (visibility, actor) => actor === 'member' || actor === 'manager' || (visibility === 'open' && actor !== 'anonymous'),
    canPost: (_, actor) => actor === 'member' || actor === 'manager',
    canManage: (_, actor) => actor === 'manager',
  };
  it.each(VISIBILITIES.flatMap((visibility) => ACTORS.map((actor) => [visibility, actor] as const)))('%s workspace, %s', async (visibility, actor) => {
    const registered = cms.strapi.policy(`plugin::membership.${policy}`) as any;
    const handler = { handler: typeof registered === 'function' ? registered : registered.handler };
    // A platform admin has no content-API user: to the policies they are nobody.
    const user = actor === 'anonymous' || actor === 'platformAdmin' ? null : { id: people[actor].id };
    const context = { state: user ? { user } : {}, params: { slug: workspaces[visibility].slug } };
    const outcome = await Promise.resolve()
      .then(() => handler.handler(context, {}, { strapi: cms.strapi }))
      .then(
      () => 'allow',
      (error: { name: string }) => error.name,
    );
    const involved = ['pending', 'invited', 'member', 'manager'].includes(actor);
    const expectedOutcome =
      actor === 'anonymous' || actor === 'platformAdmin'
        ? 'UnauthorizedError'
        : visibility === 'hidden' && !involved
          ? 'NotFoundError'
          : allowed[policy](visibility, actor)
            ? 'allow'
            : 'ForbiddenError';
    expect(outcome).toBe(expectedOutcome);
  });
});

describe('the access answer: what each actor may do (GET /workspaces/:slug/access, which the site shows)', () => {
  it.each(VISIBILITIES.flatMap((visibility) => ACTORS.map((actor) => [visibility, actor] as const)))('%s workspace, %s', async (visibility, actor) => {
    let request = cms.http.get(`/api/membership/workspaces/${workspaces[visibility].slug}/access`);
    if (actor === 'platformAdmin') request = request.set(adminAuth);
    else if (actor !== 'anonymous') request = request.set(people[actor].auth);
    const response = await request;
    const outcome = expected('public', visibility, actor);
    expect(outcomeOf(response)).toBe(outcome);
    if (outcome !== 'allow') return;
    const signedIn = actor !== 'anonymous';
    const standing = actor === 'pending' || actor === 'invited' || actor === 'member' || actor === 'manager' ? actor : 'none';
    const active = standing === 'member' || standing === 'manager';
    // The shape the site parses it with (@futurenhs/contract), so neither side can drift from it.
    expect(accessSchema.safeParse(response.body.data).error).toBeUndefined();
    expect(response.body.data).toMatchObject({
      standing,
      canFind: true,
      canView: signedIn && (active || visibility === 'open'),
      canPost: active,
      canManage: standing === 'manager',
      // Joining at once is for an open workspace; asking, for a restricted one that does not involve them yet.
      canJoin: signedIn && !active && visibility === 'open',
      canRequest: signedIn && standing === 'none' && visibility === 'restricted',
    });
  });

  it('is what joining and asking enforce', async () => {
    for (const visibility of VISIBILITIES) {
      for (const actor of ['outsider', 'member'] as const) {
        const slug = workspaces[visibility].slug;
        const access = (await cms.http.get(`/api/membership/workspaces/${slug}/access`).set(people[actor].auth)).body.data;
        const join = await cms.http.post(`/api/membership/workspaces/${slug}/join`).set(people[actor].auth);
        if (join.status < 300) await resetMemberships(visibility);
        const ask = await cms.http.post(`/api/membership/workspaces/${slug}/request`).set(people[actor].auth).send({ message: 'Please' });
        if (ask.status < 300) await resetMemberships(visibility);
        expect([join.status < 300, ask.status < 300], `${actor} in ${visibility}`).toEqual([access?.canJoin === true, access?.canRequest === true]);
      }
    }
  });
});

describe('what each actor is shown of the member list', () => {
  it.each(VISIBILITIES)('%s: members see everyone; managers also see who waits; restricted outsiders only managers', async (visibility) => {
    const list = async (actor: Person) =>
      (await cms.http.get(`/api/membership/workspaces/matrix-${visibility}/members`).set(people[actor].auth)).body.data;
    const manager = await list('manager');
    expect(manager.managers.map((person: any) => person.id)).toEqual([people.manager.id]);
    expect(manager.members.map((person: any) => person.id)).toEqual([people.member.id]);
    expect(manager.pending.map((person: any) => person.id)).toEqual([people.pending.id]);
    expect(manager.invited.map((person: any) => person.id)).toEqual([people.invited.id]);
    expect(manager.managers[0]).toEqual({ id: people.manager.id, firstName: 'manager', lastName: 'Tester', jobTitle: 'Nurse', organisation: 'NHS Test Trust' });

    const member = await list('member');
    expect(Object.keys(member).sort()).toEqual(['managers', 'members']);

    const pending = await list('pending');
    if (visibility === 'open') expect(Object.keys(pending).sort()).toEqual(['managers', 'members']);
    else expect(Object.keys(pending)).toEqual(['managers']);

    if (visibility !== 'hidden') {
      const outsider = await list('outsider');
      expect(Object.keys(outsider)).toEqual(visibility === 'open' ? ['managers', 'members'] : ['managers']);
    }
  });
});

describe('routes not about one workspace', () => {
  it.each(publicRoutes)('%s answers anyone, and says nothing of a token that is not an invitation', async (route) => {
    const [method, path] = route.split(' ');
    const response = await (cms.http as any)[method.toLowerCase()](`/api/membership${path.replace(':token', 'a'.repeat(43))}`);
    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe('This invitation link is not valid');
  });

  it.each(personalRoutes)('%s refuses anonymous callers', async (route) => {
    const [method, path] = route.split(' ');
    const response = await (cms.http as any)[method.toLowerCase()](`${apiOf(route)}${path.replace(':token', 'a'.repeat(43))}`).send({});
    expect([401, 403]).toContain(response.status);
  });

  it.each(personalRoutes)('%s lets a signed-in member through to validation', async (route) => {
    const [method, path] = route.split(' ');
    const response = await (cms.http as any)[method.toLowerCase()](`${apiOf(route)}${path.replace(':token', 'a'.repeat(43))}`)
      .set(people.outsider.auth)
      .send({});
    // Empty forms are invalid; an unknown token is not a valid invitation; GET /me answers.
    const expectedStatus = {
      '/workspaces': 400,
      '/me': { GET: 200, PUT: 400, DELETE: 400 }[method],
      '/me/photo': { PUT: 400, DELETE: 200 }[method],
    } as Record<string, number | undefined>;
    expect(response.status).toBe(expectedStatus[path] ?? 404);
  });
});

it('refuses the site API token every membership route', async () => {
  for (const probe of workspaceRoutes) {
    const path = `/api/membership${probe.path}`.replace(':slug', 'matrix-open').replace(':userId', '1').replace(':invitationId', '1');
    expect((await cms.http[probe.method](path).set({ authorization: `Bearer ${cms.siteToken}` })).status).toBe(403);
  }
});

describe('the Strapi content API stays locked to signed-in members', () => {
  it.each(['/api/workspaces', '/api/pages', '/api/case-studies', '/api/topics'])('%s', async (route) => {
    expect((await cms.http.get(route).set(people.member.auth)).status).toBe(403);
    expect((await cms.http.get(`${route}?populate=*`).set(people.manager.auth)).status).toBe(403);
  });

  it('and to the plugin content types', async () => {
    for (const route of ['/api/membership/memberships', '/api/accounts/audit-events', '/api/membership/invitations']) {
      expect([403, 404, 405]).toContain((await cms.http.get(route).set(people.manager.auth)).status);
    }
  });
});

describe("Strapi's own user and role routes are closed to the content API", () => {
  const routes = [
    '/api/users',
    '/api/users/me',
    '/api/users/count',
    '/api/users-permissions/roles',
    '/api/users-permissions/permissions',
    '/api/auth/sessions',
    // Uploaded files' records name their folders and pages; the files are reached through pages.
    '/api/upload/files',
    '/api/upload/files/1',
    '/api/i18n/locales',
  ];
  it.each(routes)('%s', async (route) => {
    const anonymous = await cms.http.get(route);
    const member = await cms.http.get(route).set(people.member.auth);
    const byId = await cms.http.get(`/api/users/${people.manager.id}`).set(people.member.auth);
    for (const response of [anonymous, member, byId]) expect([401, 403, 404]).toContain(response.status);
    expect(JSON.stringify(member.body)).not.toContain(people.manager.email);
  });

  it('refuses to let anyone change users through them', async () => {
    const update = await cms.http.put(`/api/users/${people.member.id}`).set(people.member.auth).send({ role: 1, confirmed: true });
    const remove = await cms.http.delete(`/api/users/${people.outsider.id}`).set(people.member.auth);
    expect([update.status, remove.status]).toEqual([403, 403]);
  });
});

describe('platform admins, in the admin panel', () => {
  const audit = '/content-manager/collection-types/plugin::accounts.audit-event';
  it('read every workspace’s audit log, and cannot change it', async () => {
    const list = await cms.http.get(`${audit}?pageSize=100`).set(adminAuth);
    expect(list.status).toBe(200);
    const workspaceIds = new Set(
      (await cms.strapi.db.query('plugin::accounts.audit-event').findMany({ populate: ['workspace'] })).map((event: any) => event.workspace?.id),
    );
    expect(workspaceIds.size).toBeGreaterThanOrEqual(4);
    expect(list.body.pagination.total).toBe(await cms.strapi.db.query('plugin::accounts.audit-event').count());
    const first = list.body.results[0];
    const removed = await cms.http.delete(`${audit}/${first.documentId}`).set(adminAuth);
    expect(removed.status).toBeGreaterThanOrEqual(400);
    expect(await cms.strapi.db.query('plugin::accounts.audit-event').findOne({ where: { id: first.id } })).not.toBeNull();
  });

  it('manage the allow-list of email domains', async () => {
    const domains = '/content-manager/collection-types/plugin::accounts.allowed-domain';
    const created = await cms.http.post(domains).set(adminAuth).send({ domain: '*.example-trust.nhs.uk', note: 'test' });
    expect(created.status).toBe(201);
    const invalid = await cms.http.post(domains).set(adminAuth).send({ domain: 'not a domain' });
    expect(invalid.status).toBe(400);
  });
});
