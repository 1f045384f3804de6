import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * The access matrix of the membership plugin's routes: every actor × every visibility × every
 * route, through real HTTP against the real CMS. Adding a route without a row here fails.
 */
let cms: TestCms;

type Actor = 'anonymous' | 'outsider' | 'pending' | 'invited' | 'member' | 'manager' | 'otherManager';
type Visibility = 'open' | 'restricted' | 'hidden';
type Guard = 'find' | 'manage';
type Outcome = 'allow' | 'forbidden' | 'not-found' | 'sign-in';

const ACTORS: Actor[] = ['anonymous', 'outsider', 'pending', 'invited', 'member', 'manager', 'otherManager'];
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
  { method: 'get', path: '/workspaces/:slug/access', guard: 'find' },
  { method: 'get', path: '/workspaces/:slug/members', guard: 'find' },
  { method: 'post', path: '/workspaces/:slug/join', guard: 'find', changes: true },
  { method: 'post', path: '/workspaces/:slug/request', guard: 'find', body: { message: 'x'.repeat(501) } },
  { method: 'post', path: '/workspaces/:slug/leave', guard: 'find', changes: true },
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
/** Routes not about one workspace: any signed-in member, nobody else (tested below). */
const personalRoutes = ['POST /workspaces', 'POST /invitations/:token/accept', 'POST /invitations/:token/decline'];

function expected(guard: Guard, visibility: Visibility, actor: Actor): Outcome {
  // Strapi refuses anonymous callers (403) before any lookup, so it reveals nothing either.
  if (actor === 'anonymous') return 'forbidden';
  const involved = ['pending', 'invited', 'member', 'manager'].includes(actor);
  if (visibility === 'hidden' && !involved) return 'not-found';
  if (guard === 'find') return 'allow';
  return actor === 'manager' ? 'allow' : 'forbidden';
}

function outcomeOf(response: { status: number; body: any }): Outcome | string {
  if (response.status === 401) return 'sign-in';
  if (response.status === 403) return 'forbidden';
  if (response.status === 404 && response.body?.error?.message === HIDDEN_MESSAGE) return 'not-found';
  if ([200, 201, 400, 404].includes(response.status)) return 'allow';
  return `unexpected ${response.status}: ${JSON.stringify(response.body)}`;
}

const people = {} as Record<Exclude<Actor, 'anonymous'>, TestPerson>;
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
  for (const actor of ACTORS.filter((actor) => actor !== 'anonymous') as Exclude<Actor, 'anonymous'>[]) {
    people[actor] = await createPerson(cms.strapi, actor);
  }
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
    const covered = [...workspaceRoutes.map((probe) => `${probe.method.toUpperCase()} ${probe.path}`), ...personalRoutes];
    expect([...routes].sort()).toEqual([...covered].sort());
  });

  it('lets the authenticated role call its routes and the public role none', async () => {
    const permissions = await cms.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { action: { $startsWith: 'plugin::membership.' } }, populate: ['role'] });
    expect(permissions.length).toBeGreaterThan(0);
    expect(new Set(permissions.map((permission: any) => permission.role.type))).toEqual(new Set(['authenticated']));
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
      if (actor !== 'anonymous') request = request.set(people[actor].auth);
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
    const context = { state: actor === 'anonymous' ? {} : { user: { id: people[actor].id } }, params: { slug: workspaces[visibility].slug } };
    const outcome = await Promise.resolve()
      .then(() => handler.handler(context, {}, { strapi: cms.strapi }))
      .then(
      () => 'allow',
      (error: { name: string }) => error.name,
    );
    const involved = ['pending', 'invited', 'member', 'manager'].includes(actor);
    const expectedOutcome =
      actor === 'anonymous'
        ? 'UnauthorizedError'
        : visibility === 'hidden' && !involved
          ? 'NotFoundError'
          : allowed[policy](visibility, actor)
            ? 'allow'
            : 'ForbiddenError';
    expect(outcome).toBe(expectedOutcome);
  });
});

describe('what each actor is shown of the member list', () => {
  it.each(VISIBILITIES)('%s: members see everyone; managers also see who waits; restricted outsiders only managers', async (visibility) => {
    const list = async (actor: Exclude<Actor, 'anonymous'>) =>
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
  it.each(personalRoutes)('%s refuses anonymous callers', async (route) => {
    const [method, path] = route.split(' ');
    const response = await (cms.http as any)[method.toLowerCase()](`/api/membership${path.replace(':token', 'a'.repeat(43))}`).send({});
    expect([401, 403]).toContain(response.status);
  });

  it.each(personalRoutes)('%s lets a signed-in member through to validation', async (route) => {
    const [method, path] = route.split(' ');
    const response = await (cms.http as any)[method.toLowerCase()](`/api/membership${path.replace(':token', 'a'.repeat(43))}`)
      .set(people.outsider.auth)
      .send({});
    // An empty workspace form is invalid; an unknown token is not a valid invitation.
    expect(response.status).toBe(path === '/workspaces' ? 400 : 404);
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
    for (const route of ['/api/membership/memberships', '/api/membership/audit-events', '/api/membership/invitations']) {
      expect([403, 404, 405]).toContain((await cms.http.get(route).set(people.manager.auth)).status);
    }
  });
});
