import { mineSchema } from '@futurenhs/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forumApi, startDiscussion, workspaceWithMembers } from './helpers/forum.ts';
import { createPerson, signInPlatformAdmin, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * The access matrix of the forum plugin's routes: every actor × every visibility × every route,
 * through real HTTP against the real CMS, as membership-access.test.ts does for the membership
 * plugin. Adding a route without a row here fails. Requests are valid, so an allowed one is a
 * real success (each state-changing probe acts on a fresh object or on state it sets up first),
 * and no response to someone who may not read a workspace carries any of its content.
 */
let cms: TestCms;

/**
 * platformAdmin: a Strapi admin-panel user. Their power over the forum is in the admin panel
 * (case-study comments, tested below); their admin token opens nothing of the content API.
 */
type Actor = 'anonymous' | 'outsider' | 'pending' | 'invited' | 'member' | 'manager' | 'otherManager' | 'platformAdmin';
type Person = Exclude<Actor, 'anonymous' | 'platformAdmin'>;
type Visibility = 'open' | 'restricted' | 'hidden';
/**
 * view/post/manage: the route's membership policy (canView/canPost/canManage).
 * author: canPost, then only the comment's author (the comments service).
 * authorOrManager: canView, then the comment's author or a manager of the workspace.
 * signedIn: case studies: any signed-in member.
 */
type Guard = 'view' | 'post' | 'manage' | 'author' | 'authorOrManager' | 'signedIn';
/** gone: a case study that is not published, "This case study does not exist". */
type Outcome = 'allow' | 'forbidden' | 'not-found' | 'sign-in' | 'gone';
type ThreadKind = 'discussion' | 'page' | 'case-study';

const ACTORS: Actor[] = ['anonymous', 'outsider', 'pending', 'invited', 'member', 'manager', 'otherManager', 'platformAdmin'];
const PEOPLE = ACTORS.filter((actor): actor is Person => actor !== 'anonymous' && actor !== 'platformAdmin');
const VISIBILITIES: Visibility[] = ['open', 'restricted', 'hidden'];
const HIDDEN_MESSAGE = 'This workspace does not exist';
const COMMENTS_OFF = 'Comments are not turned on for this page';
const NO_CASE_STUDY = 'This case study does not exist';
const COMMENT_UID = 'plugin::forum.comment';

interface Probe {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The route exactly as the plugin declares it. */
  route: string;
  guard: Guard;
  /** What a caller who is let through gets: a real success. */
  status: number;
  body?: Record<string, unknown>;
  /** fresh: a new comment per probe (by the member; on a case study by the caller), as it is edited or removed. */
  comment?: 'fresh';
  /** Puts the moderated comment in the state the probe needs (not hidden to hide, hidden to restore). */
  moderatedHidden?: boolean;
}

/** The comment machinery, the same on every kind of thread. */
function commentProbes(thread: string, kind: ThreadKind): Probe[] {
  const caseStudy = kind === 'case-study';
  const read: Guard = caseStudy ? 'signedIn' : 'view';
  const write: Guard = caseStudy ? 'signedIn' : 'post';
  return [
    { method: 'get', route: `${thread}/comments`, guard: read, status: 200 },
    { method: 'post', route: `${thread}/comments`, guard: write, status: 201, body: { body: 'A comment from the access matrix' } },
    { method: 'get', route: `${thread}/comments/mine`, guard: read, status: 200 },
    { method: 'get', route: `${thread}/comments/:commentId/replies`, guard: read, status: 200 },
    { method: 'put', route: `${thread}/comments/:commentId`, guard: caseStudy ? 'signedIn' : 'author', status: 200, body: { body: 'Edited by its author' }, comment: 'fresh' },
    { method: 'delete', route: `${thread}/comments/:commentId`, guard: caseStudy ? 'signedIn' : 'authorOrManager', status: 200, comment: 'fresh' },
    { method: 'post', route: `${thread}/comments/:commentId/like`, guard: write, status: 200 },
    { method: 'delete', route: `${thread}/comments/:commentId/like`, guard: write, status: 200 },
    { method: 'get', route: `${thread}/comments/:commentId/likes`, guard: read, status: 200 },
    { method: 'post', route: `${thread}/comments/:commentId/report`, guard: write, status: 201, body: { reason: 'Reported by the access matrix' } },
  ];
}

const workspaceProbes: Probe[] = [
  { method: 'get', route: '/workspaces/:slug/discussions', guard: 'view', status: 200 },
  { method: 'post', route: '/workspaces/:slug/discussions', guard: 'post', status: 201, body: { title: 'Started by the matrix', body: 'An opening post' } },
  { method: 'get', route: '/workspaces/:slug/discussions/:id', guard: 'view', status: 200 },
  // Not pinned already: a manager's request succeeds ("Nothing changed") and changes nothing.
  { method: 'patch', route: '/workspaces/:slug/discussions/:id', guard: 'manage', status: 200, body: { pinned: false } },
  ...commentProbes('/workspaces/:slug/discussions/:id', 'discussion'),
  { method: 'get', route: '/workspaces/:slug/pages/:page/settings', guard: 'view', status: 200 },
  // Already on: succeeds ("Comments are already on") and changes nothing.
  { method: 'put', route: '/workspaces/:slug/pages/:page/settings', guard: 'manage', status: 200, body: { commentsEnabled: true } },
  ...commentProbes('/workspaces/:slug/pages/:page', 'page'),
  { method: 'get', route: '/workspaces/:slug/moderation', guard: 'manage', status: 200 },
  { method: 'post', route: '/workspaces/:slug/moderation/:commentId/hide', guard: 'manage', status: 200, body: { reason: 'Hidden by the matrix' }, moderatedHidden: false },
  { method: 'post', route: '/workspaces/:slug/moderation/:commentId/restore', guard: 'manage', status: 200, moderatedHidden: true },
  { method: 'post', route: '/workspaces/:slug/moderation/:commentId/dismiss', guard: 'manage', status: 200 },
];
const caseStudyProbes: Probe[] = commentProbes('/case-studies/:caseStudy', 'case-study');

function canView(visibility: Visibility, actor: Actor) {
  return actor === 'member' || actor === 'manager' || (visibility === 'open' && actor !== 'anonymous' && actor !== 'platformAdmin');
}

function expected(guard: Guard, visibility: Visibility, actor: Actor): Outcome {
  // An admin-panel token is no content-API credential: Strapi answers 401.
  if (actor === 'platformAdmin') return 'sign-in';
  // Nothing in the forum is public: Strapi refuses anonymous callers (403) before any lookup.
  if (actor === 'anonymous') return 'forbidden';
  const involved = ['pending', 'invited', 'member', 'manager'].includes(actor);
  if (visibility === 'hidden' && !involved) return 'not-found';
  const canPost = actor === 'member' || actor === 'manager';
  const allowed = {
    view: canView(visibility, actor),
    post: canPost,
    manage: actor === 'manager',
    // The fresh comment is the member's: only they edit it; they and the manager remove it.
    author: actor === 'member',
    authorOrManager: canPost,
    signedIn: true,
  }[guard];
  return allowed ? 'allow' : 'forbidden';
}

function expectedOnCaseStudy(published: boolean, actor: Actor): Outcome {
  if (actor === 'platformAdmin') return 'sign-in';
  if (actor === 'anonymous') return 'forbidden';
  return published ? 'allow' : 'gone';
}

function outcomeOf(response: { status: number; body: any }, probe: Probe): Outcome | string {
  if (response.status === 401) return 'sign-in';
  if (response.status === 403) return 'forbidden';
  if (response.status === 404 && response.body?.error?.message === HIDDEN_MESSAGE) return 'not-found';
  if (response.status === 404 && response.body?.error?.message === NO_CASE_STUDY) return 'gone';
  if (response.status === probe.status) return 'allow';
  return `unexpected ${response.status}: ${JSON.stringify(response.body)}`;
}

interface WorkspaceFixture {
  ref: { id: number; slug: string; title: string; visibility: Visibility };
  slug: string;
  discussionId: number;
  commentId: number;
  moderatedId: number;
  pageCommentId: number;
  /** Text that only those who may read the workspace may ever see. */
  secrets: string[];
}

const people = {} as Record<Person, TestPerson>;
/** Writes the seeded discussions and comments: a member of every workspace, so every actor may like and report them. */
let author: TestPerson;
let adminAuth: { authorization: string };
const fixtures = {} as Record<Visibility, WorkspaceFixture>;
const caseStudies = {
  published: { slug: 'matrix-published-study', commentId: 0 },
  draft: { slug: 'matrix-draft-study', commentId: 0 },
};
/** The draft case study's title and a comment on it: nobody may see them through the forum. */
const draftSecrets: string[] = [];

const services = () => ({
  threads: cms.strapi.plugin('forum').service('threads'),
  comments: cms.strapi.plugin('forum').service('comments'),
});

function fill(route: string, params: Record<string, string | number>) {
  return route.replace(/:(\w+)/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`No value for :${name} in ${route}`);
    return encodeURIComponent(String(params[name]));
  });
}

function send(probe: Pick<Probe, 'method' | 'body'>, path: string, actor: Actor | { authorization: string }) {
  let request = cms.http[probe.method](forumApi(path));
  if (typeof actor === 'object') request = request.set(actor);
  else if (actor === 'platformAdmin') request = request.set(adminAuth);
  else if (actor !== 'anonymous') request = request.set(people[actor].auth);
  return probe.body ? request.send(probe.body) : request;
}

const kindOf = (route: string): 'discussion' | 'page' | 'moderation' =>
  route.includes('/pages/') ? 'page' : route.includes('/moderation/') ? 'moderation' : 'discussion';

async function threadOf(fixture: WorkspaceFixture, kind: 'discussion' | 'page') {
  return services().threads.resolve(
    kind === 'page' ? { kind: 'page', workspace: fixture.ref, pageSlug: 'talk' } : { kind: 'discussion', workspace: fixture.ref, discussionId: fixture.discussionId },
  );
}

async function setModeratedHidden(fixture: WorkspaceFixture, hidden: boolean) {
  const row = await cms.strapi.db.query(COMMENT_UID).findOne({ select: ['hidden'], where: { id: fixture.moderatedId } });
  if (Boolean(row.hidden) === hidden) return;
  const thread = await threadOf(fixture, 'discussion');
  if (hidden) await services().comments.hide(thread, people.manager.id, fixture.moderatedId, 'Set up by the matrix');
  else await services().comments.restore(thread, people.manager.id, fixture.moderatedId);
}

/** The route's parameters in a workspace, after making what the probe acts on. */
async function workspaceParams(probe: Probe, fixture: WorkspaceFixture) {
  const kind = kindOf(probe.route);
  let commentId = { discussion: fixture.commentId, page: fixture.pageCommentId, moderation: fixture.moderatedId }[kind];
  if (probe.comment === 'fresh' && kind !== 'moderation') {
    commentId = (await services().comments.post(await threadOf(fixture, kind), people.member.id, { body: 'The member’s own comment' })).id;
  }
  if (probe.moderatedHidden !== undefined) await setModeratedHidden(fixture, probe.moderatedHidden);
  return { slug: fixture.slug, id: fixture.discussionId, page: 'talk', commentId };
}

/** Everything the actor may not read: no response to them may carry any of it. */
function secretsHiddenFrom(actor: Actor) {
  return [...VISIBILITIES.filter((visibility) => !canView(visibility, actor)).flatMap((visibility) => fixtures[visibility].secrets), ...draftSecrets];
}

function expectNoLeak(response: { status: number; text: string; body: any }, actor: Actor, outcome: Outcome) {
  for (const secret of secretsHiddenFrom(actor)) expect(response.text, `${actor} was shown "${secret}"`).not.toContain(secret);
  if (outcome !== 'allow') {
    // A refusal is Strapi's error shape and nothing else: no data, no counts.
    expect(response.body.data ?? null).toBeNull();
    expect(Object.keys(response.body).sort()).toEqual(['data', 'error']);
    expect(response.text).not.toMatch(/commentCount|likeCount|replyCount|"total"|"title"/);
  }
}

async function comment(person: TestPerson, thread: string, body: string, parentId?: number) {
  const response = await cms.http
    .post(forumApi(`${thread}/comments`))
    .set(person.auth)
    .send({ body, ...(parentId ? { parentId } : {}) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data.id as number;
}

beforeAll(async () => {
  cms = await startTestCms({ REVALIDATE_SECRET: '' });
  for (const actor of PEOPLE) people[actor] = await createPerson(cms.strapi, actor);
  author = await createPerson(cms.strapi, 'author');
  adminAuth = await signInPlatformAdmin(cms, 'forum.admin@example.nhs.net');
  const memberships = cms.strapi.db.query('plugin::membership.membership');
  const access = cms.strapi.plugin('membership').service('access');

  for (const visibility of VISIBILITIES) {
    const { id, slug } = await workspaceWithMembers(cms, people.manager, `forum-matrix-${visibility}`, visibility, [people.member, author]);
    await memberships.create({ data: { workspace: id, user: people.pending.id, role: 'member', state: 'pending' } });
    await memberships.create({ data: { workspace: id, user: people.invited.id, role: 'member', state: 'invited' } });
    const workspace = await cms.strapi.db.query('api::workspace.workspace').findOne({ select: ['documentId'], where: { id } });
    const secret = `${visibility}-${Math.random().toString(36).slice(2, 10)}`;
    for (const [slugOfPage, title] of [['talk', `Talk page ${secret}`], ['quiet', `Quiet page ${secret}`]]) {
      await cms.strapi.documents('api::page.page').create({
        data: { title, slug: slugOfPage, position: 1, isHome: false, workspace: workspace.documentId, blocks: [] } as never,
        status: 'published',
      });
    }
    // Comments on the talk page are turned on as a manager does it.
    const turnedOn = await cms.http.put(forumApi(`/workspaces/${slug}/pages/talk/settings`)).set(people.manager.auth).send({ commentsEnabled: true });
    expect([turnedOn.status, turnedOn.body.data?.message]).toEqual([200, 'Comments are on for this page']);

    const secrets = [`Discussion ${secret}`, `Opening post ${secret}`, `Comment ${secret}`, `Reply ${secret}`, `Moderated ${secret}`, `Page comment ${secret}`, `Page reply ${secret}`];
    const discussionId = await startDiscussion(cms, author, slug, secrets[0], secrets[1]);
    const thread = `/workspaces/${slug}/discussions/${discussionId}`;
    const commentId = await comment(author, thread, secrets[2]);
    await comment(author, thread, secrets[3], commentId);
    const moderatedId = await comment(author, thread, secrets[4]);
    const pageCommentId = await comment(author, `/workspaces/${slug}/pages/talk`, secrets[5]);
    await comment(author, `/workspaces/${slug}/pages/talk`, secrets[6], pageCommentId);
    // The page titles are in no forum answer to non-readers either.
    secrets.push(`Talk page ${secret}`, `Quiet page ${secret}`);
    fixtures[visibility] = { ref: await access.findWorkspace(slug), slug, discussionId, commentId, moderatedId, pageCommentId, secrets };
  }
  await workspaceWithMembers(cms, people.otherManager, 'forum-matrix-elsewhere', 'open');

  const studies = cms.strapi.documents('api::case-study.case-study');
  for (const [which, study] of Object.entries(caseStudies)) {
    const title = which === 'draft' ? `Draft study ${Math.random().toString(36).slice(2, 10)}` : 'Published study';
    const created = await studies.create({
      data: { title, slug: study.slug, summary: 'For the access matrix', organisation: 'NHS Test Trust', region: 'london' } as never,
      ...(which === 'draft' ? {} : { status: 'published' as const }),
    });
    if (which === 'published') {
      study.commentId = await comment(author, `/case-studies/${study.slug}`, 'A comment on a published case study');
    } else {
      // A comment the draft carries (say it was published once): unreachable while it is a draft.
      const text = `Draft study comment ${Math.random().toString(36).slice(2, 10)}`;
      const row = await cms.strapi.db.query(COMMENT_UID).create({
        data: { subjectType: 'case-study', subjectRef: created.documentId, authorId: author.id, body: text, hidden: false, likeCount: 0, replyCount: 0, openReportCount: 0 },
      });
      study.commentId = row.id;
      draftSecrets.push(title, text);
    }
  }
});

afterAll(async () => {
  await cms?.stop();
});

describe('the forum plugin', () => {
  it('has every one of its routes in this matrix', () => {
    const routes = cms.strapi.plugin('forum').routes['content-api'].routes.map((route: { method: string; path: string }) => `${route.method} ${route.path}`);
    const covered = [...workspaceProbes, ...caseStudyProbes].map((probe) => `${probe.method.toUpperCase()} ${probe.route}`);
    expect(new Set(covered).size).toBe(covered.length);
    expect([...routes].sort()).toEqual([...covered].sort());
  });

  it('puts every workspace route behind a membership policy, and case-study routes behind sign-in alone', () => {
    for (const route of cms.strapi.plugin('forum').routes['content-api'].routes as { path: string; config?: { policies?: string[]; auth?: unknown } }[]) {
      expect(route.config?.auth, route.path).not.toBe(false);
      if (route.path.startsWith('/workspaces/:slug')) {
        expect(route.config?.policies?.filter((policy) => policy.startsWith('plugin::membership.')), route.path).toHaveLength(1);
      } else {
        expect(route.path.startsWith('/case-studies/:caseStudy')).toBe(true);
      }
    }
  });

  it('lets the authenticated role call its routes, and the public role none', async () => {
    const permissions = await cms.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { action: { $startsWith: 'plugin::forum.' } }, populate: ['role'] });
    expect(permissions.filter((permission: any) => permission.role.type !== 'authenticated')).toEqual([]);
    const handlers = new Set(cms.strapi.plugin('forum').routes['content-api'].routes.map((route: { handler: string }) => `plugin::forum.${route.handler}`));
    expect(permissions.map((permission: any) => permission.action).sort()).toEqual([...handlers].sort());
  });
});

describe.each(VISIBILITIES)('a %s workspace', (visibility) => {
  describe.each(workspaceProbes)('$method $route', (probe) => {
    it.each(ACTORS)('for %s', async (actor) => {
      const params = await workspaceParams(probe, fixtures[visibility]);
      const response = await send(probe, fill(probe.route, params), actor);
      const outcome = expected(probe.guard, visibility, actor);
      expect(outcomeOf(response, probe)).toBe(outcome);
      expectNoLeak(response, actor, outcome);
      if (outcome === 'not-found') {
        // Exactly as a workspace that does not exist.
        const missing = await send(probe, fill(probe.route, { ...params, slug: 'no-such-workspace' }), actor);
        expect([response.status, response.body]).toEqual([missing.status, missing.body]);
      }
    });
  });
});

describe('what each actor may do with each comment: `can`, in their own answer (…/comments/mine?ids=)', () => {
  const NOTHING = { like: false, report: false, reply: false, edit: false, delete: false, hide: false };
  type Whose = 'authors' | 'members' | 'membersReply';
  /** The rule (the comments service's commentRefusal) for each actor: the member wrote 'members' and 'membersReply'. */
  function expectedCan(actor: Actor, whose: Whose, locked: boolean) {
    const manager = actor === 'manager';
    if (locked) return { ...NOTHING, hide: manager };
    const own = actor === 'member' && whose !== 'authors';
    const takesPart = actor === 'member' || manager;
    return { like: takesPart && !own, report: takesPart && !own, reply: takesPart && whose !== 'membersReply', edit: own, delete: own || manager, hide: manager };
  }
  const threads = {} as Record<Visibility, Record<'open' | 'locked', { path: string; ids: Record<Whose, number> }>>;

  beforeAll(async () => {
    for (const visibility of VISIBILITIES) {
      const { slug, ref } = fixtures[visibility];
      threads[visibility] = {} as (typeof threads)[Visibility];
      for (const state of ['open', 'locked'] as const) {
        const discussionId = await startDiscussion(cms, author, slug, `Abilities ${state}`, 'What may each of us do here?');
        const path = `/workspaces/${slug}/discussions/${discussionId}`;
        const thread = await services().threads.resolve({ kind: 'discussion', workspace: ref, discussionId });
        const authors = await comment(author, path, 'The author’s comment');
        const members = (await services().comments.post(thread, people.member.id, { body: 'The member’s comment' })).id;
        const membersReply = (await services().comments.post(thread, people.member.id, { body: 'The member’s reply', parentId: authors })).id;
        if (state === 'locked') {
          const locked = await cms.http.patch(forumApi(path)).set(people.manager.auth).send({ locked: true });
          expect(locked.status, JSON.stringify(locked.body)).toBe(200);
        }
        threads[visibility][state] = { path, ids: { authors, members, membersReply } };
      }
    }
  });

  describe.each(VISIBILITIES)('in a %s workspace', (visibility) => {
    it.each(ACTORS.flatMap((actor) => (['open', 'locked'] as const).map((state) => [actor, state] as const)))('for %s, on a %s discussion', async (actor, state) => {
      const { path, ids } = threads[visibility][state];
      // A comment of another workspace's thread is named too: it is not this thread's, so it gets nothing.
      const elsewhere = fixtures[visibility === 'open' ? 'restricted' : 'open'].commentId;
      const response = await send({ method: 'get' }, `${path}/comments/mine?ids=${[...Object.values(ids), elsewhere].join(',')}`, actor);
      const outcome = expected('view', visibility, actor);
      expect(outcomeOf(response, { method: 'get', route: '', guard: 'view', status: 200 })).toBe(outcome);
      expectNoLeak(response, actor, outcome);
      if (outcome !== 'allow') return;
      // The shape the site parses it with (@futurenhs/contract).
      expect(mineSchema.safeParse(response.body).error).toBeUndefined();
      const can = response.body.data.can;
      expect(Object.keys(can).sort()).toEqual(Object.values(ids).map(String).sort());
      for (const whose of Object.keys(ids) as Whose[]) expect(can[ids[whose]], `${whose} comment`).toEqual(expectedCan(actor, whose, state === 'locked'));
    });
  });

  it('is what the writes enforce: each action the answer refuses is refused, each it allows succeeds', async () => {
    const { path, ids } = threads.open.open;
    const tries = [
      { actor: 'member', action: 'edit', comment: ids.authors, request: { method: 'put', body: { body: 'Not mine to edit' } }, status: 403 },
      { actor: 'member', action: 'like', comment: ids.members, request: { method: 'post', suffix: '/like' }, status: 403 },
      { actor: 'member', action: 'report', comment: ids.members, request: { method: 'post', suffix: '/report', body: { reason: 'My own' } }, status: 403 },
      { actor: 'member', action: 'reply', comment: ids.membersReply, request: { method: 'post', body: { body: 'Two deep', parentId: ids.membersReply } }, status: 400 },
      { actor: 'outsider', action: 'like', comment: ids.authors, request: { method: 'post', suffix: '/like' }, status: 403 },
      { actor: 'member', action: 'like', comment: ids.authors, request: { method: 'post', suffix: '/like' }, status: 200 },
      { actor: 'member', action: 'edit', comment: ids.members, request: { method: 'put', body: { body: 'Mine to edit' } }, status: 200 },
    ] as const;
    for (const attempt of tries) {
      const mine = await send({ method: 'get' }, `${path}/comments/mine?ids=${attempt.comment}`, attempt.actor);
      const allowed = mine.body.data.can[attempt.comment][attempt.action];
      const target = attempt.action === 'reply' ? `${path}/comments` : `${path}/comments/${attempt.comment}${'suffix' in attempt.request ? attempt.request.suffix : ''}`;
      const response = await send({ method: attempt.request.method, body: 'body' in attempt.request ? attempt.request.body : undefined }, target, attempt.actor);
      expect([allowed, response.status], `${attempt.actor} ${attempt.action} ${JSON.stringify(response.body)}`).toEqual([attempt.status < 300, attempt.status]);
    }
    const locked = threads.open.locked;
    const edit = await send({ method: 'put', body: { body: 'After the lock' } }, `${locked.path}/comments/${locked.ids.members}`, 'member');
    expect([edit.status, edit.body.error?.message]).toEqual([403, 'This discussion is locked']);
  });

  it('lets an author who no longer takes part remove their comment but not edit it, and says so', async () => {
    const { path } = threads.open.open;
    // Written while they took part; an outsider may still read an open workspace.
    const thread = await services().threads.resolve({ kind: 'discussion', workspace: fixtures.open.ref, discussionId: Number(path.split('/').pop()) });
    const id = (await services().comments.post(thread, people.outsider.id, { body: 'Written before I left' })).id;
    const mine = await send({ method: 'get' }, `${path}/comments/mine?ids=${id}`, 'outsider');
    expect(mine.body.data.can[id]).toMatchObject({ edit: false, delete: true });
    expect((await send({ method: 'put', body: { body: 'Changed' } }, `${path}/comments/${id}`, 'outsider')).status).toBe(403);
    expect((await send({ method: 'delete' }, `${path}/comments/${id}`, 'outsider')).status).toBe(200);
  });

  it('answers for at most 200 comments: more is a 400 that says so, however short the ids', async () => {
    const { path } = threads.open.open;
    const ask = (count: number) => send({ method: 'get' }, `${path}/comments/mine?ids=${Array.from({ length: count }, (_, index) => index + 1).join(',')}`, 'member');
    expect((await ask(200)).status).toBe(200);
    const tooMany = await ask(201);
    expect([tooMany.status, tooMany.body.error?.message]).toEqual([400, 'Name at most 200 comments']);
  });
});

describe('page comments', () => {
  it.each(VISIBILITIES)('%s workspace: the managers’ switch is read by readers only', async (visibility) => {
    for (const actor of ACTORS) {
      for (const [page, on] of [['talk', true], ['quiet', false]] as const) {
        const response = await send({ method: 'get' }, `/workspaces/${fixtures[visibility].slug}/pages/${page}/settings`, actor);
        const outcome = expected('view', visibility, actor);
        expect(outcomeOf(response, { method: 'get', route: '', guard: 'view', status: 200 }), `${actor} ${page}`).toBe(outcome);
        if (outcome === 'allow') expect(response.body.data).toEqual({ commentsEnabled: on });
        expectNoLeak(response, actor, outcome);
      }
    }
  });

  describe.each(VISIBILITIES)('on a %s workspace page with comments off', (visibility) => {
    const probes: Probe[] = [
      { method: 'get', route: '/workspaces/:slug/pages/:page/comments', guard: 'view', status: 404 },
      { method: 'post', route: '/workspaces/:slug/pages/:page/comments', guard: 'post', status: 404, body: { body: 'Is anyone there?' } },
    ];
    it.each(probes.flatMap((probe) => ACTORS.map((actor) => [probe.method.toUpperCase(), actor, probe] as const)))('%s comments, for %s', async (_, actor, probe) => {
      const response = await send(probe, fill(probe.route, { slug: fixtures[visibility].slug, page: 'quiet' }), actor);
      const outcome = expected(probe.guard, visibility, actor);
      expect(outcomeOf(response, probe)).toBe(outcome);
      // Those let through learn only that the page has no comments (and post none).
      if (outcome === 'allow') expect(response.body.error.message).toBe(COMMENTS_OFF);
      expectNoLeak(response, actor, outcome);
    });
  });

  it('none were posted on a page with comments off', async () => {
    const quiet = await cms.strapi.db.query('api::page.page').findMany({ select: ['documentId'], where: { slug: 'quiet' } });
    const count = await cms.strapi.db.query(COMMENT_UID).count({ where: { subjectType: 'page', subjectRef: { $in: quiet.map((page: any) => page.documentId) } } });
    expect(count).toBe(0);
  });
});

describe.each([
  ['a published case study', true],
  ['a draft-only case study', false],
] as const)('%s', (_, published) => {
  describe.each(caseStudyProbes)('$method $route', (probe) => {
    it.each(ACTORS)('for %s', async (actor) => {
      const study = published ? caseStudies.published : caseStudies.draft;
      let commentId = study.commentId;
      if (probe.comment === 'fresh' && published) {
        // Edited and removed by their author: here the caller's own comment.
        const by = actor === 'anonymous' || actor === 'platformAdmin' ? author : people[actor];
        const thread = await services().threads.resolve({ kind: 'case-study', caseStudySlug: study.slug });
        commentId = (await services().comments.post(thread, by.id, { body: 'My own case-study comment' })).id;
      }
      const response = await send(probe, fill(probe.route, { caseStudy: study.slug, commentId }), actor);
      const outcome = expectedOnCaseStudy(published, actor);
      expect(outcomeOf(response, probe)).toBe(outcome);
      expectNoLeak(response, actor, outcome);
    });
  });
});

describe('case-study comments belong to their authors', () => {
  it('nobody else edits or removes one, not even a workspace manager', async () => {
    const path = `/case-studies/${caseStudies.published.slug}/comments/${caseStudies.published.commentId}`;
    for (const actor of ['outsider', 'member', 'manager', 'otherManager'] as const) {
      const edit = await send({ method: 'put', body: { body: 'Not mine' } }, path, actor);
      const remove = await send({ method: 'delete' }, path, actor);
      expect([edit.status, remove.status], actor).toEqual([403, 403]);
    }
    const stored = await cms.strapi.db.query(COMMENT_UID).findOne({ where: { id: caseStudies.published.commentId } });
    expect([stored.body, stored.removedAt]).toEqual(['A comment on a published case study', null]);
  });

  it('an unknown case study is answered as a draft one', async () => {
    const draft = await send({ method: 'get' }, `/case-studies/${caseStudies.draft.slug}/comments`, 'outsider');
    const missing = await send({ method: 'get' }, '/case-studies/no-such-study/comments', 'outsider');
    expect([draft.status, draft.body]).toEqual([missing.status, missing.body]);
  });
});

describe('a manager elsewhere cannot reach this workspace’s forum through their own workspace', () => {
  // otherManager passes every policy of their own workspace: the ids must still be confined to it.
  it.each(VISIBILITIES.flatMap((visibility) => workspaceProbes.map((probe) => [visibility, `${probe.method.toUpperCase()} ${probe.route}`, probe] as const)))(
    'ids of the %s workspace: %s',
    async (visibility, _, probe) => {
      const params = await workspaceParams(probe, fixtures[visibility]);
      const response = await send(probe, fill(probe.route, { ...params, slug: 'forum-matrix-elsewhere' }), 'otherManager');
      const namesSomething = /:(id|page|commentId)/.test(probe.route);
      if (namesSomething) expect(response.status, JSON.stringify(response.body)).toBe(404);
      else expect(response.status).toBe(probe.status);
      for (const secret of fixtures[visibility].secrets) expect(response.text).not.toContain(secret);
    },
  );
});

describe('the Strapi content API is no side door to the forum', () => {
  const routes = [
    '/api/discussions',
    '/api/discussions/1',
    '/api/comments',
    '/api/comments/1',
    '/api/likes',
    '/api/reports',
    '/api/forum/discussions',
    '/api/forum/discussions/1',
    '/api/forum/comments',
    '/api/forum/comments/1',
    '/api/forum/likes',
    '/api/forum/reports',
    '/api/forum-discussions',
    '/api/forum-comments',
    '/api/forum/workspaces',
    '/api/forum/case-studies',
  ];
  it.each(routes)('%s', async (route) => {
    const callers: (Actor | { authorization: string })[] = [...ACTORS, { authorization: `Bearer ${cms.siteToken}` }];
    for (const caller of callers) {
      for (const method of ['get', 'post', 'put', 'delete'] as const) {
        const auth = typeof caller === 'object' ? caller : caller === 'platformAdmin' ? adminAuth : caller === 'anonymous' ? {} : people[caller].auth;
        const request = (cms.http as any)[method](route).set(auth);
        const direct = await (method === 'post' || method === 'put' ? request.send({ data: { body: 'x', subjectType: 'case-study', subjectRef: 'x' } }) : request);
        expect([403, 404, 405], `${method} ${route}: ${direct.status}`).toContain(direct.status);
        for (const visibility of VISIBILITIES) for (const secret of fixtures[visibility].secrets) expect(direct.text).not.toContain(secret);
      }
    }
  });

  it('the core comment, discussion, like and report content types have no content-API routes at all', () => {
    const contentApi = (cms.strapi as any).server.listRoutes?.() ?? [];
    const paths = contentApi.map((layer: { path: string }) => layer.path).filter((path: string) => path.startsWith('/api/'));
    expect(paths).toContain('/api/forum/workspaces/:slug/discussions');
    expect(paths.filter((path: string) => /\/api\/(forum\/)?(discussions|comments|likes|reports)(\/|$)/.test(path))).toEqual([]);
  });

  it('the site’s API token is refused every forum route', async () => {
    for (const probe of [...workspaceProbes, ...caseStudyProbes]) {
      const path = fill(probe.route, { slug: fixtures.open.slug, id: fixtures.open.discussionId, page: 'talk', commentId: fixtures.open.commentId, caseStudy: caseStudies.published.slug });
      const response = await send(probe, path, { authorization: `Bearer ${cms.siteToken}` });
      expect(response.status, `${probe.method} ${probe.route}`).toBe(403);
    }
  });
});

describe('platform admins, in the admin panel', () => {
  const comments = '/content-manager/collection-types/plugin::forum.comment';
  const documentIdOf = async (id: number) => (await cms.strapi.db.query(COMMENT_UID).findOne({ select: ['documentId'], where: { id } })).documentId as string;

  it('hide a case-study comment with a reason: stored, audited, and its author is told why', async () => {
    const thread = `/case-studies/${caseStudies.published.slug}`;
    const id = await comment(author, thread, 'Names a patient on a case study');
    const documentId = await documentIdOf(id);

    const withoutReason = await cms.http.put(`${comments}/${documentId}`).set(adminAuth).send({ hidden: true });
    expect([withoutReason.status, withoutReason.body.error?.message]).toEqual([400, 'Give a reason for hiding this comment: its author will see it']);

    const hidden = await cms.http.put(`${comments}/${documentId}`).set(adminAuth).send({ hidden: true, hiddenReason: 'Names a patient', body: 'Rewritten by an admin' });
    expect(hidden.status, JSON.stringify(hidden.body)).toBe(200);
    const stored = await cms.strapi.db.query(COMMENT_UID).findOne({ where: { id } });
    // Only the moderation fields change, whatever else the form sent.
    expect(stored).toMatchObject({ hidden: true, hiddenReason: 'Names a patient', body: 'Names a patient on a case study' });
    const events = await cms.strapi.db.query('plugin::accounts.audit-event').findMany({ where: { action: 'comment.hidden' } });
    expect(events.filter((event: any) => event.details?.commentId === id)).toEqual([
      expect.objectContaining({ action: 'comment.hidden', details: expect.objectContaining({ commentId: id, reason: 'Names a patient', caseStudy: caseStudies.published.slug }) }),
    ]);
    const mine = await cms.http.get(forumApi(`${thread}/comments/mine`)).set(author.auth);
    expect(mine.body.data.hidden).toContainEqual({ id, reason: 'Names a patient' });
    const shown = await cms.http.get(forumApi(`${thread}/comments?limit=50`)).set(people.outsider.auth);
    expect(shown.body.data.find((item: { id: number }) => item.id === id)).toMatchObject({ state: 'hidden', body: null });
  });

  it('cannot hide a workspace comment there: its managers moderate it on the site', async () => {
    for (const visibility of VISIBILITIES) {
      const id = fixtures[visibility].pageCommentId;
      const response = await cms.http.put(`${comments}/${await documentIdOf(id)}`).set(adminAuth).send({ hidden: true, hiddenReason: 'Admin overreach' });
      // Refused by the forum's guard itself (not by some unrelated failure).
      expect([response.status, response.body.error?.message]).toEqual([403, 'Workspace managers moderate this comment on the site']);
      expect(await cms.strapi.db.query(COMMENT_UID).findOne({ select: ['hidden', 'hiddenReason'], where: { id } })).toMatchObject({ hidden: false, hiddenReason: null });
    }
    const discussionComment = fixtures.hidden.commentId;
    const response = await cms.http.put(`${comments}/${await documentIdOf(discussionComment)}`).set(adminAuth).send({ hidden: true, hiddenReason: 'Admin overreach' });
    expect([response.status, response.body.error?.message]).toEqual([403, 'Workspace managers moderate this comment on the site']);
    expect((await cms.strapi.db.query(COMMENT_UID).findOne({ where: { id: discussionComment } })).hidden).toBe(false);
  });

  it('cannot write or delete comments there', async () => {
    const before = await cms.strapi.db.query(COMMENT_UID).count();
    const created = await cms.http
      .post(comments)
      .set(adminAuth)
      .send({ subjectType: 'case-study', subjectRef: 'x', body: 'Posted by an admin', hidden: false, likeCount: 0, replyCount: 0, openReportCount: 0 });
    expect([created.status, created.body.error?.message]).toEqual([403, 'Comments are written by members on the site']);
    expect(await cms.strapi.db.query(COMMENT_UID).count()).toBe(before);
    const clone = await cms.http.post(`${comments}/clone/${await documentIdOf(caseStudies.published.commentId)}`).set(adminAuth).send({ body: 'Cloned by an admin' });
    expect(clone.status).toBeGreaterThanOrEqual(400);
    expect(await cms.strapi.db.query(COMMENT_UID).count()).toBe(before);

    for (const id of [caseStudies.published.commentId, fixtures.open.commentId]) {
      const documentId = await documentIdOf(id);
      const removed = await cms.http.delete(`${comments}/${documentId}`).set(adminAuth);
      expect([removed.status, removed.body.error?.message]).toEqual([403, 'Comments cannot be deleted here: hide the comment instead']);
      const bulk = await cms.http.post(`${comments}/actions/bulkDelete`).set(adminAuth).send({ documentIds: [documentId] });
      expect([bulk.status, bulk.body.error?.message]).toEqual([403, 'Comments cannot be deleted here: hide the comment instead']);
      expect(await cms.strapi.db.query(COMMENT_UID).findOne({ select: ['id'], where: { id } })).not.toBeNull();
    }
  });
});
