import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailbox, type Mailbox } from './helpers/mailbox.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/** Every membership flow through real HTTP, with the audit events each leaves. */
let cms: TestCms;
let mailbox: Mailbox;
let manager: TestPerson;

const api = (path: string) => `/api/membership${path}`;
const post = (person: TestPerson, path: string, body: Record<string, unknown> = {}) =>
  cms.http.post(api(path)).set(person.auth).send(body);

async function standing(person: TestPerson, slug: string) {
  const response = await cms.http.get(api(`/workspaces/${slug}/access`)).set(person.auth);
  return response.status === 200 ? response.body.data.standing : response.status;
}

async function auditActions(slug: string) {
  const workspace = await cms.strapi.db.query('api::workspace.workspace').findOne({ where: { slug } });
  const events = await cms.strapi.db
    .query('plugin::accounts.audit-event')
    .findMany({ where: { workspace: { id: workspace.id } }, orderBy: [{ id: 'asc' }], populate: ['actor', 'targetUser'] });
  return events;
}

async function createWorkspace(owner: TestPerson, slug: string, visibility: string) {
  const response = await post(owner, '/workspaces', { title: `Flow ${slug}`, slug, summary: 'Flows', visibility });
  expect(response.status).toBe(201);
  return response.body.data;
}

async function memberCount(slug: string) {
  return cms.strapi.db.query('plugin::membership.membership').count({ where: { workspace: { slug } } });
}

/** Invites by email through the API and returns the invitation with the token from the mail that arrived. */
async function invite(slug: string, email: string) {
  const since = mailbox.messages.length;
  const response = await post(manager, `/workspaces/${slug}/invitations`, { email });
  expect(response.status).toBe(201);
  const mail = await mailbox.next(email, { since, subject: /invited to join/ });
  const link = mail.links.find((href) => href.includes('/invitations/'))!;
  return { ...response.body.data, token: link.split('/invitations/')[1], mail };
}

beforeAll(async () => {
  mailbox = await startMailbox();
  cms = await startTestCms(mailbox.env);
  manager = await createPerson(cms.strapi, 'flow-manager');
});

afterAll(async () => {
  await cms?.stop();
  await mailbox?.close();
});

describe('creating a workspace', () => {
  it('makes its creator the manager and records it', async () => {
    const response = await post(manager, '/workspaces', { title: 'Community Nursing Leads', summary: 'For leads', visibility: 'open' });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({ slug: 'community-nursing-leads', visibility: 'open' });
    expect(await standing(manager, 'community-nursing-leads')).toBe('manager');
    const events = await auditActions('community-nursing-leads');
    expect(events.map((event) => event.action)).toEqual(['workspace.created']);
    expect(events[0].actor.id).toBe(manager.id);
  });

  it('refuses bad input, a taken address and an incomplete profile, creating nothing', async () => {
    const before = await cms.strapi.db.query('api::workspace.workspace').count();
    expect((await post(manager, '/workspaces', { title: '', summary: 'x', visibility: 'open' })).status).toBe(400);
    const reserved = await post(manager, '/workspaces', { title: 'New', slug: 'new', summary: 'x', visibility: 'open' });
    expect([reserved.status, reserved.body.error.message]).toEqual([400, 'This address is reserved: choose another']);
    expect((await post(manager, '/workspaces', { title: 'T', summary: 'x', visibility: 'secret' })).status).toBe(400);
    expect((await post(manager, '/workspaces', { title: 'x'.repeat(121), summary: 'x', visibility: 'open' })).status).toBe(400);
    expect((await post(manager, '/workspaces', { title: 'T', slug: 'Bad Slug!', summary: 'x', visibility: 'open' })).status).toBe(400);
    const taken = await post(manager, '/workspaces', { title: 'Again', slug: 'community-nursing-leads', summary: 'x', visibility: 'open' });
    expect(taken.status).toBe(400);
    expect(taken.body.error.message).toMatch(/already exists/);
    const noProfile = await createPerson(cms.strapi, 'no-profile', { profile: false });
    const incomplete = await post(noProfile, '/workspaces', { title: 'Mine', summary: 'x', visibility: 'open' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.message).toMatch(/Complete your profile/);
    expect(await cms.strapi.db.query('api::workspace.workspace').count()).toBe(before);
  });
});

describe('joining an open workspace', () => {
  it('makes a member at once, once', async () => {
    await createWorkspace(manager, 'open-flow', 'open');
    const person = await createPerson(cms.strapi, 'joiner');
    expect((await post(person, '/workspaces/open-flow/join')).status).toBe(200);
    expect(await standing(person, 'open-flow')).toBe('member');
    const again = await post(person, '/workspaces/open-flow/join');
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/already a member/);
    expect((await post(person, '/workspaces/open-flow/request', { message: 'hi' })).body.error.message).toMatch(/join it directly/);
    const last = (await auditActions('open-flow')).at(-1);
    expect(last).toMatchObject({ action: 'member.joined', actor: { id: person.id }, targetUser: { id: person.id } });
  });
});

describe('asking to join a restricted workspace', () => {
  it('waits for a manager, who approves; the member then reads the member list', async () => {
    await createWorkspace(manager, 'restricted-flow', 'restricted');
    const person = await createPerson(cms.strapi, 'requester');
    const join = await post(person, '/workspaces/restricted-flow/join');
    expect(join.status).toBe(400);
    expect(join.body.error.message).toMatch(/ask to join/);

    const tooLong = await post(person, '/workspaces/restricted-flow/request', { message: 'x'.repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(/500 characters/);
    expect(await standing(person, 'restricted-flow')).toBe('none');

    expect((await post(person, '/workspaces/restricted-flow/request', { message: 'I lead a ward team' })).status).toBe(200);
    expect(await standing(person, 'restricted-flow')).toBe('pending');
    expect((await post(person, '/workspaces/restricted-flow/request')).body.error.message).toMatch(/already asked/);
    const before = (await cms.http.get(api('/workspaces/restricted-flow/members')).set(person.auth)).body.data;
    expect(Object.keys(before)).toEqual(['managers']);
    const waiting = (await cms.http.get(api('/workspaces/restricted-flow/members')).set(manager.auth)).body.data.pending;
    expect(waiting).toEqual([expect.objectContaining({ id: person.id, requestMessage: 'I lead a ward team' })]);

    expect((await post(person, `/workspaces/restricted-flow/members/${person.id}/approve`)).status).toBe(403);
    expect((await post(manager, `/workspaces/restricted-flow/members/${person.id}/approve`)).status).toBe(200);
    expect(await standing(person, 'restricted-flow')).toBe('member');
    expect((await post(manager, `/workspaces/restricted-flow/members/${person.id}/approve`)).status).toBe(404);
    const after = (await cms.http.get(api('/workspaces/restricted-flow/members')).set(person.auth)).body.data;
    expect(after.members.map((member: { id: number }) => member.id)).toContain(person.id);

    const events = (await auditActions('restricted-flow')).slice(-2);
    expect(events.map((event) => event.action)).toEqual(['member.requested', 'member.approved']);
    expect(events[0].details).toEqual({ message: 'I lead a ward team' });
    expect(events[1]).toMatchObject({ actor: { id: manager.id }, targetUser: { id: person.id } });
  });

  it('or rejects, with a reason; the person may ask again', async () => {
    const person = await createPerson(cms.strapi, 'rejected');
    await post(person, '/workspaces/restricted-flow/request');
    expect((await post(manager, `/workspaces/restricted-flow/members/${person.id}/reject`, { reason: 'x'.repeat(501) })).status).toBe(400);
    expect(await standing(person, 'restricted-flow')).toBe('pending');
    expect((await post(manager, `/workspaces/restricted-flow/members/${person.id}/reject`, { reason: 'Clinicians only' })).status).toBe(200);
    expect(await standing(person, 'restricted-flow')).toBe('none');
    expect((await auditActions('restricted-flow')).at(-1)).toMatchObject({ action: 'member.rejected', details: { reason: 'Clinicians only' } });
    expect((await post(person, '/workspaces/restricted-flow/request')).status).toBe(200);
  });
});

describe('invitations', () => {
  it('to a hidden workspace, accepted by the person invited; the link works once', async () => {
    await createWorkspace(manager, 'hidden-flow', 'hidden');
    const malformed = await post(manager, '/workspaces/hidden-flow/invitations', { email: 'not an email' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/valid email/);

    const { token, email, expiresAt, mail, ...rest } = await invite('hidden-flow', 'New.Person@Example.nhs.uk');
    expect(email).toBe('new.person@example.nhs.uk');
    // The token travels in the mail only, as a link to the site.
    expect(Object.keys(rest)).toEqual(['id']);
    expect(mail.links).toContain(`http://localhost:4321/invitations/${token}`);
    expect(mail.text).toContain('Flow hidden-flow');
    expect(mail.text).toContain('flow-manager Tester has invited you');
    const days = (new Date(expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    const stored = await cms.strapi.db.query('plugin::membership.invitation').findOne({ where: { email } });
    expect(stored.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);

    const someoneElse = await createPerson(cms.strapi, 'someone-else');
    expect((await post(someoneElse, `/invitations/${token}/accept`)).status).toBe(403);
    expect((await cms.http.get(api('/workspaces/hidden-flow/members')).set(someoneElse.auth)).status).toBe(404);

    const newcomer = await createPerson(cms.strapi, 'newcomer', { email: 'new.person@example.nhs.uk' });
    const accepted = await post(newcomer, `/invitations/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.workspace).toEqual({ slug: 'hidden-flow', title: 'Flow hidden-flow' });
    expect(await standing(newcomer, 'hidden-flow')).toBe('member');

    const reused = await post(newcomer, `/invitations/${token}/accept`);
    expect(reused.status).toBe(400);
    expect(reused.body.error.message).toMatch(/already been used/);
    expect((await post(newcomer, `/invitations/${token}/decline`)).status).toBe(400);
    expect((await post(newcomer, '/invitations/wrong-token-wrong-token-wrong/accept')).status).toBe(404);
    expect((await post(newcomer, '/invitations/%27%20or%201=1/accept')).status).toBe(404);

    const actions = (await auditActions('hidden-flow')).map((event) => event.action);
    expect(actions).toEqual(['workspace.created', 'member.invited', 'invitation.accepted']);
  });

  it('to an existing person shows them as invited; declining removes that', async () => {
    const person = await createPerson(cms.strapi, 'invitee');
    const { token } = await invite('hidden-flow', person.email);
    expect(await standing(person, 'hidden-flow')).toBe('invited');
    // Told of the workspace by the invitation, they see its managers, not its members.
    const shown = await cms.http.get(api('/workspaces/hidden-flow/members')).set(person.auth);
    expect([shown.status, Object.keys(shown.body.data)]).toEqual([200, ['managers']]);
    expect((await post(person, `/invitations/${token}/decline`)).status).toBe(200);
    expect(await standing(person, 'hidden-flow')).toBe(404);
    expect((await auditActions('hidden-flow')).at(-1)).toMatchObject({ action: 'invitation.declined', targetUser: { id: person.id } });
    expect((await post(person, `/invitations/${token}/accept`)).body.error.message).toMatch(/already been used/);
  });

  it('replaces an earlier pending invitation to the same address, and can be revoked', async () => {
    const person = await createPerson(cms.strapi, 'reinvited');
    const first = await invite('hidden-flow', person.email);
    const second = await invite('hidden-flow', person.email);
    const withdrawn = await post(person, `/invitations/${first.token}/accept`);
    expect(withdrawn.status).toBe(400);
    expect(withdrawn.body.error.message).toMatch(/withdrawn/);
    const pending = (await cms.http.get(api('/workspaces/hidden-flow/invitations')).set(manager.auth)).body.data;
    expect(pending.filter((invitation: { email: string }) => invitation.email === person.email).map((i: { id: number }) => i.id)).toEqual([second.id]);

    const revoke = await cms.http.delete(api(`/workspaces/hidden-flow/invitations/${second.id}`)).set(manager.auth);
    expect(revoke.status).toBe(200);
    expect(await standing(person, 'hidden-flow')).toBe(404);
    expect((await post(person, `/invitations/${second.token}/accept`)).body.error.message).toMatch(/withdrawn/);
    expect((await auditActions('hidden-flow')).at(-1)).toMatchObject({ action: 'invitation.revoked', targetEmail: person.email });
  });

  it('can be answered from the workspace by the signed-in invitee, without the mailed link', async () => {
    const person = await createPerson(cms.strapi, 'answers-in-place');
    expect((await post(person, '/workspaces/hidden-flow/invitation/accept')).status).toBe(404);
    await invite('hidden-flow', person.email);
    const outsider = await createPerson(cms.strapi, 'not-invited');
    expect((await post(outsider, '/workspaces/hidden-flow/invitation/accept')).status).toBe(404);
    const accepted = await post(person, '/workspaces/hidden-flow/invitation/accept');
    expect([accepted.status, accepted.body.data?.message]).toEqual([200, 'You have joined this workspace']);
    expect(await standing(person, 'hidden-flow')).toBe('member');
    expect((await post(person, '/workspaces/hidden-flow/invitation/decline')).body.error.message).toMatch(/already been used/);

    const decliner = await createPerson(cms.strapi, 'declines-in-place');
    await invite('hidden-flow', decliner.email);
    expect((await post(decliner, '/workspaces/hidden-flow/invitation/decline')).status).toBe(200);
    expect(await standing(decliner, 'hidden-flow')).toBe(404);
  });

  it('expire after fourteen days', async () => {
    const person = await createPerson(cms.strapi, 'late');
    const { token, id } = await invite('hidden-flow', person.email);
    await cms.strapi.db.query('plugin::membership.invitation').update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await post(person, `/invitations/${token}/accept`);
    expect(expired.status).toBe(400);
    expect(expired.body.error.message).toMatch(/expired/);
    expect(await standing(person, 'hidden-flow')).toBe('invited');
    expect(await cms.strapi.db.query('plugin::membership.invitation').findOne({ where: { id } })).toMatchObject({ state: 'expired' });
    const shown = await cms.http.get(api(`/invitations/${token}`));
    expect(shown.body.data).toMatchObject({ state: 'expired', workspace: { slug: 'hidden-flow' } });
  });

  it('cannot go to someone already a member', async () => {
    const member = await createPerson(cms.strapi, 'already');
    await post(member, '/workspaces/open-flow/join');
    const response = await post(manager, '/workspaces/open-flow/invitations', { email: member.email });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/already a member/);
  });
});

describe('roles and leaving', () => {
  it('keeps at least one manager, whatever is tried', async () => {
    await createWorkspace(manager, 'roles-flow', 'open');
    const lastLeave = await post(manager, '/workspaces/roles-flow/leave');
    expect(lastLeave.status).toBe(400);
    expect(lastLeave.body.error.message).toMatch(/last manager/);
    expect((await post(manager, `/workspaces/roles-flow/members/${manager.id}/demote`)).body.error.message).toMatch(/last manager/);
    expect((await post(manager, `/workspaces/roles-flow/members/${manager.id}/remove`)).body.error.message).toMatch(/last manager/);
    expect(await standing(manager, 'roles-flow')).toBe('manager');
  });

  it('promotes, demotes, removes and lets people leave, recording each', async () => {
    const deputy = await createPerson(cms.strapi, 'deputy');
    const member = await createPerson(cms.strapi, 'leaver');
    const removed = await createPerson(cms.strapi, 'removed');
    for (const person of [deputy, member, removed]) await post(person, '/workspaces/roles-flow/join');

    expect((await post(deputy, `/workspaces/roles-flow/members/${member.id}/promote`)).status).toBe(403);
    expect((await post(manager, `/workspaces/roles-flow/members/${deputy.id}/promote`)).status).toBe(200);
    expect((await post(manager, `/workspaces/roles-flow/members/${deputy.id}/promote`)).body.error.message).toMatch(/already a manager/);
    expect(await standing(deputy, 'roles-flow')).toBe('manager');
    expect((await post(deputy, `/workspaces/roles-flow/members/${removed.id}/remove`)).status).toBe(200);
    expect(await standing(removed, 'roles-flow')).toBe('none');
    expect((await post(member, '/workspaces/roles-flow/leave')).status).toBe(200);
    expect((await post(member, '/workspaces/roles-flow/leave')).status).toBe(404);
    expect((await post(deputy, `/workspaces/roles-flow/members/${manager.id}/demote`)).status).toBe(200);
    expect(await standing(manager, 'roles-flow')).toBe('member');
    expect((await post(deputy, '/workspaces/roles-flow/leave')).body.error.message).toMatch(/last manager/);

    const actions = (await auditActions('roles-flow')).map((event) => event.action);
    expect(actions.slice(-6)).toEqual(['member.joined', 'member.joined', 'member.promoted', 'member.removed', 'member.left', 'member.demoted']);
  });
});

describe('visibility', () => {
  it('changes by a manager; a hidden workspace then vanishes for non-members', async () => {
    await createWorkspace(manager, 'visibility-flow', 'open');
    const outsider = await createPerson(cms.strapi, 'outsider');
    expect((await cms.http.get(api('/workspaces/visibility-flow/members')).set(outsider.auth)).status).toBe(200);
    const change = await cms.http.patch(api('/workspaces/visibility-flow/visibility')).set(manager.auth).send({ visibility: 'hidden' });
    expect(change.status).toBe(200);
    expect((await cms.http.get(api('/workspaces/visibility-flow/members')).set(outsider.auth)).status).toBe(404);
    expect((await auditActions('visibility-flow')).at(-1)).toMatchObject({
      action: 'workspace.visibility-changed',
      details: { from: 'open', to: 'hidden' },
    });
    const same = await cms.http.patch(api('/workspaces/visibility-flow/visibility')).set(manager.auth).send({ visibility: 'hidden' });
    expect(same.status).toBe(400);
  });
});

describe('the audit log', () => {
  it('is read by managers, filtered by action, member and date, paged', async () => {
    const url = (query: string) => api(`/workspaces/roles-flow/audit?${query}`);
    const all = await cms.http.get(url('pageSize=2')).set(manager.auth);
    expect(all.status).toBe(403); // the creator was demoted in 'roles and leaving'
    const deputyId = (await cms.strapi.db.query('plugin::users-permissions.user').findOne({ where: { username: { $startsWith: 'deputy' } } })).id;
    const deputy = { auth: { authorization: `Bearer ${await cms.strapi.plugin('users-permissions').service('jwt').issue({ id: deputyId })}` } };

    const paged = await cms.http.get(url('pageSize=2&page=2')).set(deputy.auth);
    expect(paged.status).toBe(200);
    expect(paged.body.data).toHaveLength(2);
    expect(paged.body.meta.pagination).toMatchObject({ page: 2, pageSize: 2, total: 8 });

    const joined = await cms.http.get(url('action=member.joined')).set(deputy.auth);
    expect(joined.body.data.map((event: { action: string }) => event.action)).toEqual(['member.joined', 'member.joined', 'member.joined']);
    const mine = await cms.http.get(url(`member=${deputyId}`)).set(deputy.auth);
    expect(mine.body.data.every((event: any) => event.actor?.id === deputyId || event.targetUser?.id === deputyId)).toBe(true);
    // joined, promoted, removed someone, demoted someone
    expect(mine.body.data.length).toBe(4);
    const future = await cms.http.get(url(`from=${new Date(Date.now() + 60_000).toISOString()}`)).set(deputy.auth);
    expect(future.body.data).toEqual([]);
    expect((await cms.http.get(url('action=nonsense')).set(deputy.auth)).status).toBe(400);
    expect((await cms.http.get(url('from=yesterday-ish')).set(deputy.auth)).status).toBe(400);
    expect((await cms.http.get(url('pageSize=1000')).set(deputy.auth)).status).toBe(400);

    const csv = await cms.http.get(api('/workspaces/roles-flow/audit.csv?action=member.promoted')).set(deputy.auth);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="roles-flow-audit.csv"');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('time,action,actor,actor id,target,target id,target email,details');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',member.promoted,flow-manager Tester,');
  });

  it('cannot be changed or deleted', async () => {
    const event = await cms.strapi.db.query('plugin::accounts.audit-event').findOne({ where: {} });
    await expect(cms.strapi.db.query('plugin::accounts.audit-event').update({ where: { id: event.id }, data: { action: 'x' } })).rejects.toThrow(
      /append-only/,
    );
    await expect(cms.strapi.db.query('plugin::accounts.audit-event').delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
  });
});

describe('concurrent changes', () => {
  it('cannot leave a workspace without a manager, nor make two memberships of one person', async () => {
    await createWorkspace(manager, 'race-flow', 'open');
    const second = await createPerson(cms.strapi, 'racer');
    await post(second, '/workspaces/race-flow/join');
    await post(manager, `/workspaces/race-flow/members/${second.id}/promote`);
    const [one, two] = await Promise.all([
      post(manager, `/workspaces/race-flow/members/${second.id}/demote`),
      post(second, `/workspaces/race-flow/members/${manager.id}/demote`),
    ]);
    // One wins; the other is refused, as the last manager (400) or as no longer a manager (403).
    expect([one.status, two.status].filter((status) => status === 200)).toHaveLength(1);
    expect([one.status, two.status].filter((status) => status === 400 || status === 403)).toHaveLength(1);
    const managers = await cms.strapi.db
      .query('plugin::membership.membership')
      .count({ where: { workspace: { slug: 'race-flow' }, role: 'manager', state: 'active' } });
    expect(managers).toBe(1);

    const joiner = await createPerson(cms.strapi, 'double-click');
    const joins = await Promise.all([1, 2, 3].map(() => post(joiner, '/workspaces/race-flow/join')));
    expect(joins.map((response) => response.status).sort()).toEqual([200, 400, 400]);
    expect(await cms.strapi.db.query('plugin::membership.membership').count({ where: { workspace: { slug: 'race-flow' }, user: { id: joiner.id } } })).toBe(1);
  });
});

describe('every change is one transaction', () => {
  it('leaves nothing when recording its audit event fails', async () => {
    await createWorkspace(manager, 'transaction-flow', 'open');
    const person = await createPerson(cms.strapi, 'unlucky');
    const workspacesBefore = await cms.strapi.db.query('api::workspace.workspace').count();
    const membershipsBefore = await memberCount('transaction-flow');
    // A real failure inside the transaction, after the membership row is written.
    const unsubscribe = cms.strapi.db.lifecycles.subscribe({
      models: ['plugin::accounts.audit-event'],
      beforeCreate() {
        throw new Error('the disk is full');
      },
    });
    try {
      expect((await post(person, '/workspaces/transaction-flow/join')).status).toBe(500);
      expect((await post(person, '/workspaces', { title: 'Half made', summary: 'x', visibility: 'open' })).status).toBe(500);
    } finally {
      (unsubscribe as unknown as () => void)();
    }
    expect(await memberCount('transaction-flow')).toBe(membershipsBefore);
    expect(await standing(person, 'transaction-flow')).toBe('none');
    expect(await cms.strapi.db.query('api::workspace.workspace').count()).toBe(workspacesBefore);
    expect(await cms.strapi.db.query('api::workspace.workspace').findOne({ where: { slug: 'half-made' } })).toBeNull();
    expect((await post(person, '/workspaces/transaction-flow/join')).status).toBe(200);
  });
});
