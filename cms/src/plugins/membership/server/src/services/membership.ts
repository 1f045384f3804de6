import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  INVITATION_LIFETIME_DAYS,
  INVITATION_UID,
  MEMBERSHIP_UID,
  USER_UID,
  WORKSPACE_UID,
  type Visibility,
} from '../constants';
import type { WorkspaceRef } from './access';
import { Refusal, tableOf } from '../../../../common/plugin';
import { getService } from '../utils';
import { PROFILE_FIELDS, accounts } from '../../../../accounts/server/src/contract';

const { ApplicationError, NotFoundError, ValidationError } = errors;

interface MembershipRow {
  id: number;
  role: 'member' | 'manager';
  state: 'pending' | 'invited' | 'active';
}

interface InvitationRow {
  id: number;
  email: string;
  state: 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';
  expiresAt: string;
  workspace: { id: number; slug: string; title: string } | null;
}

export interface NewWorkspace {
  title: string;
  slug: string;
  summary: string;
  visibility: Visibility;
}

/** A person's place in one workspace. */
export interface AccountMembership {
  standing: 'member' | 'manager' | 'pending' | 'invited';
  workspace: { slug: string; title: string; summary: string; visibility: Visibility };
}

/** An invitation named by its mailed token, or as the signed-in person's own to a workspace. */
export type InvitationRef = { token: string } | { workspaceId: number };

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Every membership change: each runs in one transaction together with its audit event, so
 * a failure anywhere leaves neither the change nor its record.
 */
export const membershipService = ({ strapi }: { strapi: Core.Strapi }) => {
  const audit = () => accounts(strapi).audit;
  const memberships = () => strapi.db.query(MEMBERSHIP_UID);
  /** What the access rule lets this person do in the workspace, read inside the caller's transaction. */
  const may = (userId: number, workspace: WorkspaceRef) => getService(strapi, 'access').accessOf(userId, workspace);

  /**
   * Serialises membership changes of one workspace (PostgreSQL row lock), so two managers
   * demoting each other at once cannot leave it with none. SQLite runs one writer at a time.
   */
  async function lockWorkspace(trx: unknown, workspaceId: number) {
    if (strapi.db.dialect.client === 'postgres') {
      const knex = trx as { (table: string): { where(column: string, value: number): { forUpdate(): Promise<unknown> } } };
      await knex(tableOf(strapi, WORKSPACE_UID).name).where('id', workspaceId).forUpdate();
    }
  }

  async function transaction<T>(workspaceId: number | null, work: () => Promise<T>): Promise<T> {
    return (await strapi.db.transaction(async ({ trx }) => {
      if (workspaceId) await lockWorkspace(trx, workspaceId);
      return work();
    })) as T;
  }

  async function rowOf(workspaceId: number, userId: number): Promise<MembershipRow | null> {
    return (await memberships().findOne({
      select: ['id', 'role', 'state'],
      where: { workspace: { id: workspaceId }, user: { id: userId } },
    })) as MembershipRow | null;
  }

  async function activeManagerCount(workspaceId: number): Promise<number> {
    // A deleted account's row loses its user: it manages nothing.
    return memberships().count({
      where: { workspace: { id: workspaceId }, role: 'manager', state: 'active', user: { id: { $notNull: true } } },
    });
  }

  async function requireCompleteProfile(userId: number) {
    const user = await strapi.db.query(USER_UID).findOne({ select: ['id', ...PROFILE_FIELDS], where: { id: userId } });
    if (!user) throw new NotFoundError('This account no longer exists');
    const missing = PROFILE_FIELDS.filter((field) => !user[field] || String(user[field]).trim() === '');
    if (missing.length > 0) {
      throw new ValidationError('Complete your profile (first name, last name, job title and organisation) before taking part', {
        missing,
      });
    }
  }

  /**
   * The route's policy checked this before the transaction; checked again under the workspace
   * lock so a manager demoted a moment ago cannot still act as one.
   */
  async function requireManager(workspaceId: number, actorId: number) {
    const row = await rowOf(workspaceId, actorId);
    if (!row || row.state !== 'active' || row.role !== 'manager') throw new Refusal('Only managers of this workspace can do this');
  }

  /** A manager's change to a workspace: under its lock, and only while the actor still manages it. */
  async function asManager<T>(workspaceId: number, actorId: number, work: () => Promise<T>): Promise<T> {
    return transaction(workspaceId, async () => {
      await requireManager(workspaceId, actorId);
      return work();
    });
  }

  async function requireActiveRow(workspaceId: number, userId: number, what: string): Promise<MembershipRow> {
    const row = await rowOf(workspaceId, userId);
    if (!row || row.state !== 'active') throw new NotFoundError(`${what} is not a member of this workspace`);
    return row;
  }

  /** By the token of the mailed link, or the signed-in person's latest invitation to a workspace. */
  async function findInvitation(ref: InvitationRef, actorId: number): Promise<InvitationRow> {
    let where: Record<string, unknown>;
    if ('token' in ref) {
      where = { tokenHash: hashToken(ref.token) };
    } else {
      const user = await strapi.db.query(USER_UID).findOne({ select: ['email'], where: { id: actorId } });
      where = { workspace: { id: ref.workspaceId }, email: normaliseEmail(user?.email ?? '') };
    }
    const invitation = (await strapi.db.query(INVITATION_UID).findOne({
      select: ['id', 'email', 'state', 'expiresAt'],
      where,
      orderBy: [{ id: 'desc' }],
      populate: { workspace: { select: ['id', 'slug', 'title'] } },
    })) as InvitationRow | null;
    if (!invitation || !invitation.workspace) {
      throw new NotFoundError('token' in ref ? 'This invitation link is not valid' : 'You have no invitation to this workspace');
    }
    if (invitation.state === 'pending' && new Date(invitation.expiresAt).getTime() <= Date.now()) {
      // Recorded when first noticed, so managers' lists and the admin show it as expired.
      await strapi.db.query(INVITATION_UID).update({ where: { id: invitation.id }, data: { state: 'expired' } });
      invitation.state = 'expired';
    }
    if (invitation.state === 'accepted' || invitation.state === 'declined') {
      throw new ApplicationError('This invitation has already been used', { state: invitation.state });
    }
    if (invitation.state === 'revoked') throw new ApplicationError('This invitation has been withdrawn', { state: 'revoked' });
    if (invitation.state === 'expired') {
      throw new ApplicationError('This invitation has expired: ask a workspace manager to invite you again', { state: 'expired' });
    }
    return invitation;
  }

  async function requireInvitee(invitation: InvitationRow, userId: number) {
    const user = await strapi.db.query(USER_UID).findOne({ select: ['id', 'email'], where: { id: userId } });
    if (!user || normaliseEmail(user.email) !== invitation.email) {
      throw new Refusal('This invitation was sent to a different email address');
    }
  }

  return {
    /** No anonymous posts (docs/design.md#people): other plugins ask this before anyone takes part. */
    requireCompleteProfile,

    /**
     * Other plugins' manager-only writes (the page builder's) run through this, so the workspace
     * lock and the re-check of the manager are one rule.
     */
    asManager,

    async createWorkspace(actorId: number, input: NewWorkspace) {
      await requireCompleteProfile(actorId);
      return transaction(null, async () => {
        const taken = await strapi.db.query(WORKSPACE_UID).findOne({ select: ['id'], where: { slug: input.slug } });
        if (taken) throw new ValidationError('A workspace with this address already exists: choose another', { field: 'slug' });
        const workspace = await strapi.documents(WORKSPACE_UID).create({ data: input as never });
        await memberships().create({ data: { workspace: workspace.id, user: actorId, role: 'manager', state: 'active' } });
        await audit().record({
          action: 'workspace.created',
          actorId,
          workspaceId: workspace.id as number,
          details: { title: input.title, slug: input.slug, visibility: input.visibility },
        });
        return workspace;
      });
    },

    async join(actorId: number, workspace: WorkspaceRef) {
      await requireCompleteProfile(actorId);
      return transaction(workspace.id, async () => {
        // Who may join is the access rule's (`canJoin`), which the site shows; this says why not.
        if (!(await may(actorId, workspace)).canJoin) {
          throw new ApplicationError(
            workspace.visibility === 'restricted'
              ? 'This workspace is restricted: ask to join and a manager will decide'
              : workspace.visibility === 'hidden'
                ? 'This workspace is by invitation only'
                : 'You are already a member of this workspace',
          );
        }
        const row = await rowOf(workspace.id, actorId);
        if (row) await memberships().update({ where: { id: row.id }, data: { state: 'active', role: 'member' } });
        else await memberships().create({ data: { workspace: workspace.id, user: actorId, role: 'member', state: 'active' } });
        await audit().record({ action: 'member.joined', actorId, workspaceId: workspace.id, targetUserId: actorId });
      });
    },

    async requestToJoin(actorId: number, workspace: WorkspaceRef, message?: string) {
      await requireCompleteProfile(actorId);
      return transaction(workspace.id, async () => {
        // Who may ask is the access rule's (`canRequest`), which the site shows; this says why not.
        const { canRequest, standing } = await may(actorId, workspace);
        if (!canRequest) {
          if (workspace.visibility === 'open') throw new ApplicationError('This workspace is open: join it directly');
          if (workspace.visibility === 'hidden') throw new ApplicationError('This workspace is by invitation only');
          throw new ApplicationError(
            standing === 'pending'
              ? 'You have already asked to join this workspace'
              : standing === 'invited'
                ? 'You have been invited to this workspace: accept the invitation instead'
                : 'You are already a member of this workspace',
          );
        }
        await memberships().create({
          data: { workspace: workspace.id, user: actorId, role: 'member', state: 'pending', requestMessage: message || null },
        });
        await audit().record({
          action: 'member.requested',
          actorId,
          workspaceId: workspace.id,
          targetUserId: actorId,
          details: message ? { message } : {},
        });
      });
    },

    async approve(actorId: number, workspace: WorkspaceRef, userId: number) {
      return asManager(workspace.id, actorId, async () => {
        const row = await rowOf(workspace.id, userId);
        if (!row || row.state !== 'pending') throw new NotFoundError('There is no pending request from this person');
        await memberships().update({ where: { id: row.id }, data: { state: 'active', role: 'member' } });
        await audit().record({ action: 'member.approved', actorId, workspaceId: workspace.id, targetUserId: userId });
      });
    },

    async reject(actorId: number, workspace: WorkspaceRef, userId: number, reason?: string) {
      return asManager(workspace.id, actorId, async () => {
        const row = await rowOf(workspace.id, userId);
        if (!row || row.state !== 'pending') throw new NotFoundError('There is no pending request from this person');
        await memberships().delete({ where: { id: row.id } });
        await audit().record({
          action: 'member.rejected',
          actorId,
          workspaceId: workspace.id,
          targetUserId: userId,
          details: reason ? { reason } : {},
        });
      });
    },

    /** Returns the plain token once: only its hash is stored. */
    async invite(actorId: number, workspace: WorkspaceRef, rawEmail: string) {
      const email = normaliseEmail(rawEmail);
      return asManager(workspace.id, actorId, async () => {
        const invitee = await strapi.db.query(USER_UID).findOne({ select: ['id'], where: { email: { $eqi: email } } });
        const row = invitee ? await rowOf(workspace.id, invitee.id) : null;
        if (row?.state === 'active') throw new ApplicationError('This person is already a member of this workspace');

        // Ids first: updateMany with a relation in its where fails in Strapi's query builder.
        const earlier = await strapi.db.query(INVITATION_UID).findMany({
          select: ['id'],
          where: { workspace: { id: workspace.id }, email, state: 'pending' },
        });
        if (earlier.length > 0) {
          await strapi.db.query(INVITATION_UID).updateMany({
            where: { id: { $in: earlier.map((row: { id: number }) => row.id) } },
            data: { state: 'revoked' },
          });
        }
        const token = randomBytes(32).toString('base64url');
        const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_DAYS * 24 * 60 * 60 * 1000);
        const invitation = await strapi.db.query(INVITATION_UID).create({
          data: { workspace: workspace.id, email, invitedBy: actorId, tokenHash: hashToken(token), expiresAt, state: 'pending' },
        });
        if (invitee && !row) {
          await memberships().create({ data: { workspace: workspace.id, user: invitee.id, role: 'member', state: 'invited' } });
        }
        await audit().record({
          action: 'member.invited',
          actorId,
          workspaceId: workspace.id,
          targetUserId: invitee?.id ?? null,
          targetEmail: email,
          details: { invitationId: invitation.id, replaced: earlier.map((row: { id: number }) => row.id) },
        });
        return { token, invitation: { id: invitation.id as number, email, expiresAt: expiresAt.toISOString() } };
      });
    },

    async revokeInvitation(actorId: number, workspace: WorkspaceRef, invitationId: number) {
      return asManager(workspace.id, actorId, async () => {
        const invitation = await strapi.db.query(INVITATION_UID).findOne({
          select: ['id', 'email', 'state'],
          where: { id: invitationId, workspace: { id: workspace.id } },
        });
        if (!invitation || invitation.state !== 'pending') throw new NotFoundError('There is no pending invitation with this id');
        await strapi.db.query(INVITATION_UID).update({ where: { id: invitation.id }, data: { state: 'revoked' } });
        const invitee = await strapi.db.query(USER_UID).findOne({ select: ['id'], where: { email: { $eqi: invitation.email } } });
        const invitedRow = invitee ? await rowOf(workspace.id, invitee.id) : null;
        if (invitedRow?.state === 'invited') await memberships().delete({ where: { id: invitedRow.id } });
        await audit().record({
          action: 'invitation.revoked',
          actorId,
          workspaceId: workspace.id,
          targetUserId: invitee?.id ?? null,
          targetEmail: invitation.email,
          details: { invitationId: invitation.id },
        });
      });
    },

    /** For the invitation page: the workspace it is for, and to whom, whatever its state. */
    async describeInvitation(token: string) {
      const invitation = (await strapi.db.query(INVITATION_UID).findOne({
        select: ['email', 'state', 'expiresAt'],
        where: { tokenHash: hashToken(token) },
        populate: { workspace: { select: ['slug', 'title', 'summary'] } },
      })) as (InvitationRow & { workspace: { summary: string } }) | null;
      if (!invitation || !invitation.workspace) throw new NotFoundError('This invitation link is not valid');
      const expired = invitation.state === 'pending' && new Date(invitation.expiresAt).getTime() <= Date.now();
      return {
        email: invitation.email,
        state: expired ? 'expired' : invitation.state,
        expiresAt: invitation.expiresAt,
        workspace: { slug: invitation.workspace.slug, title: invitation.workspace.title, summary: invitation.workspace.summary },
      };
    },

    async acceptInvitation(actorId: number, ref: InvitationRef) {
      const invitation = await findInvitation(ref, actorId);
      await requireInvitee(invitation, actorId);
      await requireCompleteProfile(actorId);
      const workspaceId = invitation.workspace!.id;
      return transaction(workspaceId, async () => {
        // Checked again under the lock: two accepts of one link must not both succeed.
        const current = await strapi.db.query(INVITATION_UID).findOne({ select: ['state'], where: { id: invitation.id } });
        if (current?.state !== 'pending') throw new ApplicationError('This invitation has already been used', { state: current?.state });
        await strapi.db.query(INVITATION_UID).update({ where: { id: invitation.id }, data: { state: 'accepted' } });
        const row = await rowOf(workspaceId, actorId);
        if (!row) await memberships().create({ data: { workspace: workspaceId, user: actorId, role: 'member', state: 'active' } });
        else if (row.state !== 'active') await memberships().update({ where: { id: row.id }, data: { state: 'active', role: 'member' } });
        await audit().record({
          action: 'invitation.accepted',
          actorId,
          workspaceId,
          targetUserId: actorId,
          targetEmail: invitation.email,
          details: { invitationId: invitation.id },
        });
        return { workspace: { slug: invitation.workspace!.slug, title: invitation.workspace!.title } };
      });
    },

    async declineInvitation(actorId: number, ref: InvitationRef) {
      const invitation = await findInvitation(ref, actorId);
      await requireInvitee(invitation, actorId);
      const workspaceId = invitation.workspace!.id;
      return transaction(workspaceId, async () => {
        const current = await strapi.db.query(INVITATION_UID).findOne({ select: ['state'], where: { id: invitation.id } });
        if (current?.state !== 'pending') throw new ApplicationError('This invitation has already been used', { state: current?.state });
        await strapi.db.query(INVITATION_UID).update({ where: { id: invitation.id }, data: { state: 'declined' } });
        const invitedRow = await rowOf(workspaceId, actorId);
        if (invitedRow?.state === 'invited') await memberships().delete({ where: { id: invitedRow.id } });
        await audit().record({
          action: 'invitation.declined',
          actorId,
          workspaceId,
          targetUserId: actorId,
          targetEmail: invitation.email,
          details: { invitationId: invitation.id },
        });
      });
    },

    async leave(actorId: number, workspace: WorkspaceRef) {
      return transaction(workspace.id, async () => {
        const row = await rowOf(workspace.id, actorId);
        if (!row) throw new NotFoundError('You are not a member of this workspace');
        if (row.state === 'active' && row.role === 'manager' && (await activeManagerCount(workspace.id)) <= 1) {
          throw new ApplicationError('You are the last manager of this workspace: make another member a manager before you leave');
        }
        await memberships().delete({ where: { id: row.id } });
        await audit().record({
          action: 'member.left',
          actorId,
          workspaceId: workspace.id,
          targetUserId: actorId,
          details: { state: row.state, role: row.role },
        });
      });
    },

    async remove(actorId: number, workspace: WorkspaceRef, userId: number) {
      return asManager(workspace.id, actorId, async () => {
        const row = await requireActiveRow(workspace.id, userId, 'This person');
        if (row.role === 'manager' && (await activeManagerCount(workspace.id)) <= 1) {
          throw new ApplicationError('The last manager of a workspace cannot be removed');
        }
        await memberships().delete({ where: { id: row.id } });
        await audit().record({ action: 'member.removed', actorId, workspaceId: workspace.id, targetUserId: userId, details: { role: row.role } });
      });
    },

    async promote(actorId: number, workspace: WorkspaceRef, userId: number) {
      return asManager(workspace.id, actorId, async () => {
        const row = await requireActiveRow(workspace.id, userId, 'This person');
        if (row.role === 'manager') throw new ApplicationError('This person is already a manager');
        await memberships().update({ where: { id: row.id }, data: { role: 'manager' } });
        await audit().record({ action: 'member.promoted', actorId, workspaceId: workspace.id, targetUserId: userId });
      });
    },

    async demote(actorId: number, workspace: WorkspaceRef, userId: number) {
      return asManager(workspace.id, actorId, async () => {
        const row = await requireActiveRow(workspace.id, userId, 'This person');
        if (row.role !== 'manager') throw new ApplicationError('This person is not a manager');
        if ((await activeManagerCount(workspace.id)) <= 1) {
          throw new ApplicationError('The last manager of a workspace cannot be demoted: make another member a manager first');
        }
        await memberships().update({ where: { id: row.id }, data: { role: 'member' } });
        await audit().record({ action: 'member.demoted', actorId, workspaceId: workspace.id, targetUserId: userId });
      });
    },

    async changeVisibility(actorId: number, workspace: WorkspaceRef, visibility: Visibility) {
      return asManager(workspace.id, actorId, async () => {
        if (workspace.visibility === visibility) throw new ApplicationError(`This workspace is already ${visibility}`);
        // Through the document service, so the site's caches hear of the change.
        await strapi.documents(WORKSPACE_UID).update({ documentId: workspace.documentId, data: { visibility } as never });
        await audit().record({
          action: 'workspace.visibility-changed',
          actorId,
          workspaceId: workspace.id,
          details: { from: workspace.visibility, to: visibility },
        });
      });
    },

    /** Members and managers, with what their profile shows; pending and invited ones for managers. */
    async people(workspaceId: number, { includeMembers, includeWaiting }: { includeMembers: boolean; includeWaiting: boolean }) {
      const states = includeWaiting ? ['active', 'pending', 'invited'] : ['active'];
      const rows = await memberships().findMany({
        select: ['id', 'role', 'state', 'requestMessage', 'createdAt'],
        where: {
          workspace: { id: workspaceId },
          state: { $in: states },
          ...(includeMembers ? {} : { role: 'manager' }),
        },
        populate: { user: { select: ['id', 'firstName', 'lastName', 'jobTitle', 'organisation'] } },
        orderBy: [{ id: 'asc' }],
      });
      const person = (row: { user: Record<string, unknown> | null }) => ({
        id: row.user?.id,
        firstName: row.user?.firstName ?? null,
        lastName: row.user?.lastName ?? null,
        jobTitle: row.user?.jobTitle ?? null,
        organisation: row.user?.organisation ?? null,
      });
      const present = rows.filter((row) => row.user);
      const result: Record<string, unknown[]> = {
        managers: present.filter((row) => row.state === 'active' && row.role === 'manager').map(person),
      };
      if (includeMembers) result.members = present.filter((row) => row.state === 'active' && row.role === 'member').map(person);
      if (includeWaiting) {
        result.pending = present
          .filter((row) => row.state === 'pending')
          .map((row) => ({ ...person(row), requestMessage: row.requestMessage ?? null, requestedAt: row.createdAt }));
        result.invited = present.filter((row) => row.state === 'invited').map(person);
      }
      return result;
    },

    /** Registration by invitation: true when `token` is a live invitation sent to `email`. */
    async isInvited(email: string, token: string): Promise<boolean> {
      const invitation = await strapi.db.query(INVITATION_UID).findOne({
        select: ['email', 'state', 'expiresAt'],
        where: { tokenHash: hashToken(token) },
      });
      const live = invitation && invitation.state === 'pending' && new Date(invitation.expiresAt).getTime() > Date.now();
      return Boolean(live && invitation.email === normaliseEmail(email));
    },

    /** A person's place in each workspace, as their account (GET /api/accounts/me) shows it. */
    async membershipsOf(userId: number): Promise<AccountMembership[]> {
      const rows = await memberships().findMany({
        select: ['role', 'state'],
        where: { user: { id: userId } },
        populate: { workspace: { select: ['slug', 'title', 'summary', 'visibility'] } },
        orderBy: [{ id: 'asc' }],
      });
      const standing = (row: { role: string; state: string }) => (row.state === 'active' ? row.role : row.state) as AccountMembership['standing'];
      return rows.filter((row: { workspace: unknown }) => row.workspace).map((row: any) => ({ standing: standing(row), workspace: row.workspace }));
    },

    /**
     * An account being deleted leaves every workspace, each recorded as leaving, inside the
     * deletion's transaction. The last manager of a workspace must hand it over first, so no
     * workspace is left unmanaged.
     */
    async leaveAll(userId: number): Promise<void> {
      const rows = await memberships().findMany({
        select: ['id', 'role', 'state'],
        where: { user: { id: userId } },
        populate: { workspace: { select: ['id', 'title'] } },
      });
      const soleManaged: string[] = [];
      for (const row of rows) {
        if (row.state !== 'active' || row.role !== 'manager' || !row.workspace) continue;
        if ((await activeManagerCount(row.workspace.id)) <= 1) soleManaged.push(row.workspace.title);
      }
      if (soleManaged.length > 0) {
        throw new ApplicationError(
          `You are the only manager of ${soleManaged.join(', ')}: make another member a manager before you delete your account`,
          { workspaces: soleManaged },
        );
      }
      for (const row of rows) {
        await memberships().delete({ where: { id: row.id } });
        if (row.workspace) {
          await audit().record({
            action: 'member.left',
            actorId: userId,
            workspaceId: row.workspace.id,
            targetUserId: userId,
            details: { state: row.state, role: row.role, reason: 'account deleted' },
          });
        }
      }
    },

    async pendingInvitations(workspaceId: number) {
      return strapi.db.query(INVITATION_UID).findMany({
        select: ['id', 'email', 'expiresAt', 'createdAt'],
        where: { workspace: { id: workspaceId }, state: 'pending', expiresAt: { $gt: new Date() } },
        orderBy: [{ id: 'asc' }],
      });
    },
  };
};

export type MembershipService = ReturnType<typeof membershipService>;
