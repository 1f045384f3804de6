import { collaborationDocumentName, collaborationTicketSchema, documentVersionsSchema, documentVersionViewSchema, documentViewSchema } from '@futurenhs/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectEditor, createDocument, documentsApi, listening, messageTypes, typeParagraph, until, type Editor } from './helpers/documents.ts';
import { bytesOrJson, textFile, uploadFile } from './helpers/files.ts';
import { workspaceWithMembers } from './helpers/forum.ts';
import { createPerson, signInPlatformAdmin, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * The access matrix of the documents plugin (issue 16), in the shape of files-access.test.ts:
 * every route × every actor × every visibility, through real HTTP against the real CMS; then the
 * collaboration socket for the same actors, with the ticket each can get (or, where the ticket
 * route refuses, one signed by the CMS itself: the strongest forgery there is); then what the
 * matrix cannot show: ids asked for under another workspace's slug or another document, a file's
 * id on document routes, and search. Requests are valid, so an allowed one is a real success, and
 * no refusal carries anything of the document.
 */
let cms: TestCms;
let url: string;

/** platformAdmin: a Strapi admin-panel user; their token opens nothing of the content API. */
type Actor = 'anonymous' | 'outsider' | 'pending' | 'invited' | 'member' | 'manager' | 'otherManager' | 'platformAdmin';
type Person = Exclude<Actor, 'anonymous' | 'platformAdmin'>;
type Visibility = 'open' | 'restricted' | 'hidden';
/** The route's membership policy: canView or canPost (writing in a document is checked again by the controller). */
type Guard = 'view' | 'post';
type Outcome = 'allow' | 'forbidden' | 'not-found' | 'sign-in';

const ACTORS: Actor[] = ['anonymous', 'outsider', 'pending', 'invited', 'member', 'manager', 'otherManager', 'platformAdmin'];
const PEOPLE = ACTORS.filter((actor): actor is Person => actor !== 'anonymous' && actor !== 'platformAdmin');
const VISIBILITIES: Visibility[] = ['open', 'restricted', 'hidden'];
const HIDDEN_MESSAGE = 'This workspace does not exist';
const ELSEWHERE = 'documents-matrix-elsewhere';
/** Hocuspocus's MessageType.Auth: the only message a refused socket may receive. */
const AUTH_MESSAGE = 2;

/** What a probe acts on: the workspace's document, or one made fresh for it where it changes it wholesale. */
type Target = 'document' | 'freshVersioned' | 'none';

interface Probe {
  method: 'get' | 'post' | 'patch';
  /** The route exactly as the plugin declares it. */
  route: string;
  /** The export format, for the same route asked for each format. */
  format?: 'docx' | 'pdf';
  guard: Guard;
  status: number;
  target: Target;
  body?: () => Record<string, unknown>;
}

let unique = 0;
const fresh = (stem: string) => `${stem} ${++unique}`;

const PROBES: Probe[] = [
  { method: 'post', route: '/workspaces/:slug/documents', guard: 'post', status: 201, target: 'none', body: () => ({ name: fresh('Matrix document'), folderId: null }) },
  { method: 'get', route: '/workspaces/:slug/documents/:id', guard: 'view', status: 200, target: 'document' },
  { method: 'post', route: '/workspaces/:slug/documents/:id/ticket', guard: 'view', status: 200, target: 'document' },
  { method: 'get', route: '/workspaces/:slug/documents/:id/export/:format', format: 'docx', guard: 'view', status: 200, target: 'document' },
  { method: 'get', route: '/workspaces/:slug/documents/:id/export/:format', format: 'pdf', guard: 'view', status: 200, target: 'document' },
  { method: 'get', route: '/workspaces/:slug/documents/:id/versions', guard: 'view', status: 200, target: 'document' },
  { method: 'post', route: '/workspaces/:slug/documents/:id/versions', guard: 'post', status: 201, target: 'document', body: () => ({ name: fresh('Matrix version') }) },
  { method: 'get', route: '/workspaces/:slug/documents/:id/versions/:version', guard: 'view', status: 200, target: 'document' },
  { method: 'post', route: '/workspaces/:slug/documents/:id/versions/:version/restore', guard: 'post', status: 200, target: 'freshVersioned' },
  { method: 'post', route: '/workspaces/:slug/documents/:id/comments', guard: 'post', status: 201, target: 'document', body: () => ({ quote: 'the words', body: fresh('A matrix comment') }) },
  { method: 'post', route: '/workspaces/:slug/documents/:id/comments/:comment/replies', guard: 'post', status: 201, target: 'document', body: () => ({ body: fresh('A matrix reply') }) },
  { method: 'patch', route: '/workspaces/:slug/documents/:id/comments/:comment', guard: 'post', status: 200, target: 'document', body: () => ({ resolved: unique++ % 2 === 0 }) },
];

const nameOf = (probe: Probe) => `${probe.method.toUpperCase()} ${probe.route}${probe.format ? ` (${probe.format})` : ''}`;

function canView(visibility: Visibility, actor: Actor) {
  return actor === 'member' || actor === 'manager' || (visibility === 'open' && !['anonymous', 'platformAdmin'].includes(actor));
}

const canWrite = (actor: Actor) => actor === 'member' || actor === 'manager';

/** The files matrix's outcome rule, unchanged: the documents plugin answers through the same membership policies. */
function expected(guard: Guard, visibility: Visibility, actor: Actor): Outcome {
  // An admin-panel token is no content-API credential: Strapi answers 401.
  if (actor === 'platformAdmin') return 'sign-in';
  // Nothing of a workspace's documents is public: Strapi refuses anonymous callers before any lookup.
  if (actor === 'anonymous') return 'forbidden';
  const involved = ['pending', 'invited', 'member', 'manager'].includes(actor);
  if (visibility === 'hidden' && !involved) return 'not-found';
  const allowed = guard === 'view' ? canView(visibility, actor) : canWrite(actor);
  return allowed ? 'allow' : 'forbidden';
}

function outcomeOf(response: { status: number; body: any }, probe: Pick<Probe, 'status'>): Outcome | string {
  if (response.status === 401) return 'sign-in';
  if (response.status === 403) return 'forbidden';
  if (response.status === 404 && response.body?.error?.message === HIDDEN_MESSAGE) return 'not-found';
  if (response.status === probe.status) return 'allow';
  return `unexpected ${response.status}: ${JSON.stringify(response.body)}`;
}

interface WorkspaceFixture {
  id: number;
  slug: string;
  documentId: number;
  versionId: number;
  commentId: number;
  /** A plain file of the same workspace: not a document. */
  fileId: number;
  /** A word of letters only, found in the document's content and nowhere else. */
  word: string;
  /** The document's name, words, version name and comments: only those who may read the workspace may ever see them. */
  secrets: string[];
}

const people = {} as Record<Person, TestPerson>;
let adminAuth: { authorization: string };
const fixtures = {} as Record<Visibility, WorkspaceFixture>;
const editors: Editor[] = [];

const documents = () => cms.strapi.plugin('documents');
const api = (slug: string, path = '') => documentsApi(`/workspaces/${slug}/documents${path}`);

/** A made-up word of letters only, so it is one word to every search engine and occurs nowhere else. */
function uniqueWord(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let word = 'q';
  for (let i = 0; i < 11; i += 1) word += letters[Math.floor(Math.random() * letters.length)];
  return word;
}

const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

function authOf(actor: Actor | { authorization: string }) {
  if (typeof actor === 'object') return actor;
  if (actor === 'platformAdmin') return adminAuth;
  if (actor === 'anonymous') return {};
  return people[actor].auth;
}

function fill(route: string, params: Record<string, string | number>) {
  return route.replace(/:(\w+)/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`No value for :${name} in ${route}`);
    return encodeURIComponent(String(params[name]));
  });
}

function send(probe: Pick<Probe, 'method' | 'body' | 'route'>, path: string, actor: Actor | { authorization: string }) {
  let request = cms.http[probe.method](documentsApi(path)).set(authOf(actor));
  // The bytes of an export, to see what they hold; refusals are JSON as ever.
  if (probe.route.includes('/export/')) request = request.buffer(true).parse(bytesOrJson);
  if (probe.body) request = request.send(probe.body());
  return request;
}

/** Makes what the probe acts on (the member's, in that workspace) and gives the route's parameters. */
async function paramsFor(probe: Probe, fixture: WorkspaceFixture) {
  const base = { slug: fixture.slug, id: fixture.documentId, format: probe.format ?? 'docx', version: fixture.versionId, comment: fixture.commentId };
  if (probe.target !== 'freshVersioned') return base;
  // Named after the workspace's document, so a refusal that named it would show a secret.
  const id = await createDocument(cms, people.member, fixture.slug, fresh(fixture.secrets[0]!));
  await documents().service('store').replace(id, paragraph(`Restorable ${fixture.secrets[1]}`), people.member.id);
  const named = await cms.http.post(api(fixture.slug, `/${id}/versions`)).set(people.member.auth).send({ name: fresh('Restorable') });
  expect(named.status, JSON.stringify(named.body)).toBe(201);
  return { ...base, id, version: named.body.data.id as number };
}

/** Everything the actor may not read: no response to them may carry any of it. */
function secretsHiddenFrom(actor: Actor) {
  return VISIBILITIES.filter((visibility) => !canView(visibility, actor)).flatMap((visibility) => fixtures[visibility].secrets);
}

/** What a response says, whether it is JSON or an export's bytes. */
const textOf = (response: { text?: string; body: unknown }) => (Buffer.isBuffer(response.body) ? response.body.toString('latin1') : (response.text ?? JSON.stringify(response.body)));

function expectNoLeak(response: { status: number; text: string; body: any; headers: Record<string, string> }, actor: Actor, outcome: Outcome, fixture: WorkspaceFixture) {
  for (const secret of secretsHiddenFrom(actor)) expect(textOf(response), `${actor} was shown "${secret}"`).not.toContain(secret);
  if (outcome !== 'allow') {
    // A refusal is Strapi's error shape and nothing else: not the document's name or words, even to a reader.
    for (const secret of fixture.secrets) expect(textOf(response), `${actor}'s refusal named "${secret}"`).not.toContain(secret);
    expect(response.body.data ?? null).toBeNull();
    expect(Object.keys(response.body).sort()).toEqual(['data', 'error']);
    expect(response.headers['content-disposition']).toBeUndefined();
  }
}

beforeAll(async () => {
  // The matrix names versions, comments and replies as one member far past a person's limits.
  cms = await startTestCms({ REVALIDATE_SECRET: '', RATE_LIMIT_POSTING: '100000' });
  url = await listening(cms);
  for (const actor of PEOPLE) people[actor] = await createPerson(cms.strapi, actor);
  adminAuth = await signInPlatformAdmin(cms, 'documents.admin@example.nhs.net');
  const memberships = cms.strapi.db.query('plugin::membership.membership');

  for (const visibility of VISIBILITIES) {
    const { id, slug } = await workspaceWithMembers(cms, people.manager, `documents-matrix-${visibility}`, visibility, [people.member]);
    await memberships.create({ data: { workspace: id, user: people.pending.id, role: 'member', state: 'pending' } });
    await memberships.create({ data: { workspace: id, user: people.invited.id, role: 'member', state: 'invited' } });
    const tag = `${visibility}${Math.random().toString(36).slice(2, 10)}`;
    const word = uniqueWord();
    const secrets = [`Plans ${tag}`, `The board agreed ${word} today`, `Draft ${tag}`, `Comment ${tag}`, `Reply ${tag}`, `Quoted ${tag}`];
    const documentId = await createDocument(cms, people.member, slug, secrets[0]!);
    await documents().service('store').replace(documentId, paragraph(secrets[1]!), people.member.id);
    const version = await cms.http.post(api(slug, `/${documentId}/versions`)).set(people.member.auth).send({ name: secrets[2] });
    expect(version.status, JSON.stringify(version.body)).toBe(201);
    const comment = await cms.http.post(api(slug, `/${documentId}/comments`)).set(people.member.auth).send({ quote: secrets[5], body: secrets[3] });
    expect(comment.status, JSON.stringify(comment.body)).toBe(201);
    const reply = await cms.http.post(api(slug, `/${documentId}/comments/${comment.body.data.id}/replies`)).set(people.manager.auth).send({ body: secrets[4] });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const fileId = await uploadFile(cms, people.member, slug, 'root', textFile(`${fresh('plain')}.txt`));
    fixtures[visibility] = { id, slug, documentId, versionId: version.body.data.id, commentId: comment.body.data.id, fileId, word, secrets };
  }
  await workspaceWithMembers(cms, people.otherManager, ELSEWHERE, 'open');
}, 240_000);

afterEach(() => {
  for (const one of editors.splice(0)) one.destroy();
});

afterAll(async () => {
  await cms?.stop();
});

describe('the documents plugin', () => {
  it('has every one of its routes in this matrix', () => {
    const routes = documents().routes['content-api'].routes.map((route: { method: string; path: string }) => `${route.method} ${route.path}`);
    const covered = [...new Set(PROBES.map((probe) => `${probe.method.toUpperCase()} ${probe.route}`))];
    expect(routes).toHaveLength(11);
    expect([...routes].sort()).toEqual(covered.sort());
  });

  it('puts every route behind exactly one membership policy', () => {
    for (const route of documents().routes['content-api'].routes as { path: string; config?: { policies?: string[]; auth?: unknown } }[]) {
      expect(route.config?.auth, route.path).not.toBe(false);
      expect(route.path.startsWith('/workspaces/:slug/'), route.path).toBe(true);
      expect(route.config?.policies?.filter((policy) => policy.startsWith('plugin::membership.')), route.path).toHaveLength(1);
    }
  });

  it('lets the authenticated role call its routes, and the public role none', async () => {
    const permissions = await cms.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { action: { $startsWith: 'plugin::documents.' } }, populate: ['role'] });
    expect(permissions.filter((permission: any) => permission.role.type !== 'authenticated')).toEqual([]);
    const handlers = new Set(documents().routes['content-api'].routes.map((route: { handler: string }) => `plugin::documents.${route.handler}`));
    expect(permissions.map((permission: any) => permission.action).sort()).toEqual([...handlers].sort());
  });
});

describe.each(VISIBILITIES)('a %s workspace', (visibility) => {
  describe.each(PROBES.map((probe) => ({ ...probe, name: nameOf(probe) })))('$name', (probe) => {
    it.each(ACTORS)('for %s', async (actor) => {
      const fixture = fixtures[visibility];
      const params = await paramsFor(probe, fixture);
      const response = await send(probe, fill(probe.route, params), actor);
      const outcome = expected(probe.guard, visibility, actor);
      expect(outcomeOf(response, probe)).toBe(outcome);
      expectNoLeak(response, actor, outcome, fixture);
      if (outcome === 'not-found') {
        // Exactly as a workspace that does not exist.
        const missing = await send(probe, fill(probe.route, { ...params, slug: 'no-such-workspace' }), actor);
        expect([response.status, response.body]).toEqual([missing.status, missing.body]);
      }
      if (outcome !== 'allow') return;
      const person = people[actor as Person];
      const can = { edit: canWrite(actor), comment: canWrite(actor), restore: canWrite(actor) };
      switch (probe.route.replace('/workspaces/:slug/documents', '') || '/') {
        case '/':
          expect(response.body.data.id).toEqual(expect.any(Number));
          break;
        case '/:id': {
          const view = documentViewSchema.parse(response.body).data;
          expect(view.document.name).toBe(fixture.secrets[0]);
          expect(view.document.html).toContain(fixture.word);
          expect(view.can).toMatchObject(can);
          break;
        }
        case '/:id/ticket': {
          const ticket = collaborationTicketSchema.parse(response.body).data;
          expect([ticket.readOnly, ticket.user.id, ticket.documentName]).toEqual([!canWrite(actor), person.id, collaborationDocumentName(fixture.documentId)]);
          expect(response.headers['cache-control']).toBe('no-store');
          break;
        }
        case '/:id/export/:format':
          expect(response.headers['content-type']).toMatch(probe.format === 'pdf' ? /^application\/pdf/ : /wordprocessingml/);
          expect(response.headers['content-disposition']).toMatch(/^attachment;/);
          expect(response.body.length).toBeGreaterThan(500);
          break;
        case '/:id/versions':
          if (probe.method === 'get') {
            const list = documentVersionsSchema.parse(response.body).data;
            expect(list.versions.map((version) => version.id)).toContain(fixture.versionId);
            expect(list.can).toMatchObject(can);
          } else expect(response.body.data).toMatchObject({ automatic: false, author: { id: person.id } });
          break;
        case '/:id/versions/:version': {
          const shown = documentVersionViewSchema.parse(response.body).data;
          expect([shown.version.id, shown.version.name]).toEqual([fixture.versionId, fixture.secrets[2]]);
          expect(shown.html).toContain(fixture.word);
          break;
        }
        case '/:id/versions/:version/restore':
          expect(response.body.data).toMatchObject({ restored: true, keptAs: expect.any(Number) });
          break;
        case '/:id/comments':
          expect(response.body.data.author.id).toBe(person.id);
          break;
        case '/:id/comments/:comment/replies':
        case '/:id/comments/:comment':
          expect(response.body.data.id).toBe(fixture.commentId);
          break;
        default:
          throw new Error(`No check for ${probe.route}`);
      }
    });
  });
});

/** Whether the socket should take the actor's words, only show them the document, or refuse them. */
function socketAccess(visibility: Visibility, actor: Actor): 'write' | 'read' | 'refused' {
  if (canWrite(actor)) return 'write';
  return canView(visibility, actor) ? 'read' : 'refused';
}

/** The ticket the actor can get from the route; where it refuses, one the CMS itself signed for them; nothing they could use where they have no account. */
async function ticketFor(actor: Actor, fixture: WorkspaceFixture): Promise<{ token: string; readOnly?: boolean }> {
  // An admin-panel user has no member id to sign for: the strongest thing they hold is their admin token.
  if (actor === 'platformAdmin') return { token: adminAuth.authorization.replace(/^Bearer /, '') };
  if (actor === 'anonymous') return { token: '' };
  const response = await cms.http.post(api(fixture.slug, `/${fixture.documentId}/ticket`)).set(people[actor].auth);
  if (response.status === 200) {
    const ticket = collaborationTicketSchema.parse(response.body).data;
    return { token: ticket.ticket, readOnly: ticket.readOnly };
  }
  expect([403, 404]).toContain(response.status);
  return { token: documents().service('tickets').issue(people[actor].id, fixture.documentId).ticket };
}

const serverText = async (id: number) => (await documents().service('versions').current(id)).text as string;

describe.each(VISIBILITIES)('the collaboration socket of a %s workspace’s document', (visibility) => {
  it.each(ACTORS)('for %s', async (actor) => {
    const fixture = fixtures[visibility];
    const access = socketAccess(visibility, actor);
    const { token, readOnly } = await ticketFor(actor, fixture);
    const editor = connectEditor(url, collaborationDocumentName(fixture.documentId), token);
    editors.push(editor);
    const words = `Typed by ${actor} into the ${visibility} document ${fresh('at')}`;

    if (access === 'refused') {
      await until(() => editor.events.authenticationFailed.length > 0, 'the refusal');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const types = messageTypes(editor.received);
      // Only the authentication answer reached the socket: no sync, no awareness of who else is there.
      expect(types.length).toBeGreaterThan(0);
      expect(types.every((type) => type === AUTH_MESSAGE), `message types ${types.join(',')}`).toBe(true);
      const raw = Buffer.concat(editor.received).toString('latin1');
      for (const secret of fixture.secrets) expect(raw).not.toContain(secret);
      expect(raw).not.toContain(fixture.word);
      expect(editor.provider.synced).toBe(false);
      expect(editor.text()).toBe('');
      expect(documents().service('collaboration').connections().some((live: { itemId: number; userId: number }) => live.itemId === fixture.documentId && actor !== 'anonymous' && actor !== 'platformAdmin' && live.userId === people[actor].id)).toBe(false);
      return;
    }

    expect(readOnly).toBe(access === 'read');
    await until(() => editor.provider.synced, `${actor} to sync`);
    expect(editor.provider.authorizedScope).toBe(access === 'read' ? 'readonly' : 'read-write');
    expect(editor.text()).toContain(fixture.word);
    typeParagraph(editor, words);
    if (access === 'write') {
      await until(async () => (await serverText(fixture.documentId)).includes(words), `${actor}'s words to reach the server`);
      return;
    }
    // A reader's client writes anyway; the server drops it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await serverText(fixture.documentId)).not.toContain(words);
  });
});

describe('a manager elsewhere cannot reach this workspace’s documents through their own workspace', () => {
  // otherManager passes every policy of their own workspace: the ids must still be confined to it.
  const naming = PROBES.filter((probe) => probe.route.includes(':id'));
  it.each(VISIBILITIES.flatMap((visibility) => naming.map((probe) => [visibility, nameOf(probe), probe] as const)))('ids of the %s workspace: %s', async (visibility, _, probe) => {
    const fixture = fixtures[visibility];
    const params = await paramsFor(probe, fixture);
    const response = await send(probe, fill(probe.route, { ...params, slug: ELSEWHERE }), 'otherManager');
    expect(response.status, JSON.stringify(response.body)).toBe(404);
    expect(response.body.error?.message).not.toBe(HIDDEN_MESSAGE);
    for (const secret of fixture.secrets) expect(textOf(response)).not.toContain(secret);
  });

  it.each(VISIBILITIES)('nor reaches the %s workspace’s versions and comments through a document of their own', async (visibility) => {
    const fixture = fixtures[visibility];
    const own = await createDocument(cms, people.otherManager, ELSEWHERE, fresh('Their own'));
    const auth = people.otherManager.auth;
    const tries = [
      await cms.http.get(api(ELSEWHERE, `/${own}/versions/${fixture.versionId}`)).set(auth),
      await cms.http.post(api(ELSEWHERE, `/${own}/versions/${fixture.versionId}/restore`)).set(auth),
      await cms.http.post(api(ELSEWHERE, `/${own}/comments/${fixture.commentId}/replies`)).set(auth).send({ body: 'Planted reply' }),
      await cms.http.patch(api(ELSEWHERE, `/${own}/comments/${fixture.commentId}`)).set(auth).send({ resolved: true }),
    ];
    for (const response of tries) {
      expect(response.status, JSON.stringify(response.body)).toBe(404);
      for (const secret of fixture.secrets) expect(response.text).not.toContain(secret);
    }
    const view = documentViewSchema.parse((await cms.http.get(api(fixture.slug, `/${fixture.documentId}`)).set(people.member.auth)).body).data;
    expect(JSON.stringify(view.comments)).not.toContain('Planted reply');
  });
});

describe('a file is not a document', () => {
  const naming = PROBES.filter((probe) => probe.route.includes(':id'));
  it.each(VISIBILITIES.flatMap((visibility) => naming.map((probe) => [visibility, nameOf(probe), probe] as const)))('the %s workspace’s file on %s: 404', async (visibility, _, probe) => {
    const fixture = fixtures[visibility];
    const params = { slug: fixture.slug, id: fixture.fileId, format: probe.format ?? 'docx', version: 1, comment: fixture.commentId };
    const response = await send(probe, fill(probe.route, params), 'manager');
    expect(response.status, JSON.stringify(response.body)).toBe(404);
  });

  it.each(VISIBILITIES)('nor opens on the socket of the %s workspace, even for its manager', async (visibility) => {
    const fixture = fixtures[visibility];
    const ticket = documents().service('tickets').issue(people.manager.id, fixture.fileId).ticket;
    const editor = connectEditor(url, collaborationDocumentName(fixture.fileId), ticket);
    editors.push(editor);
    await until(() => editor.events.authenticationFailed.length > 0, 'the refusal');
    expect(messageTypes(editor.received).every((type) => type === AUTH_MESSAGE)).toBe(true);
  });
});

describe('search', () => {
  beforeAll(async () => {
    await cms.strapi.plugin('search').service('indexer').drain();
  });

  /** As search-access.test.ts asks: anonymous visitors through the site's token. */
  function ask(actor: Actor, q: string) {
    const request = cms.http.get('/api/search').query({ q });
    if (actor === 'anonymous') return request.set({ authorization: `Bearer ${cms.siteToken}` });
    return request.set(authOf(actor));
  }

  describe.each(VISIBILITIES)('for the words of the %s workspace’s document', (visibility) => {
    it.each(ACTORS)('asked by %s', async (actor) => {
      const fixture = fixtures[visibility];
      const link = `/files/items/${fixture.documentId}`;
      if (canView(visibility, actor)) {
        await until(async () => JSON.stringify((await ask(actor, fixture.word)).body).includes(link), `${actor} to find the document`, 15_000);
        return;
      }
      // Only once a reader finds it can its absence mean anything.
      await until(async () => JSON.stringify((await ask('member', fixture.word)).body).includes(link), 'the member to find the document', 15_000);
      const response = await ask(actor, fixture.word);
      if (actor === 'platformAdmin') expect(response.status).toBe(401);
      else {
        expect(response.status).toBe(200);
        expect(response.body.total).toBe(0);
        expect(response.body.hits).toEqual([]);
      }
      const { query: _echo, ...rest } = response.body ?? {};
      expect(JSON.stringify(rest)).not.toContain(fixture.word);
      expect(JSON.stringify(rest)).not.toContain(link);
      for (const secret of fixture.secrets) expect(response.text).not.toContain(secret);
    });
  });
});

describe('the site’s API token', () => {
  it('is refused every documents route', async () => {
    for (const probe of PROBES) {
      const fixture = fixtures.open;
      const params = { slug: fixture.slug, id: fixture.documentId, format: probe.format ?? 'docx', version: fixture.versionId, comment: fixture.commentId };
      const response = await send(probe, fill(probe.route, params), { authorization: `Bearer ${cms.siteToken}` });
      expect([nameOf(probe), response.status]).toEqual([nameOf(probe), 403]);
    }
  });
});
