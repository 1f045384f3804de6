import type { AccessStanding } from '@futurenhs/contract';
import type { Core } from '@strapi/strapi';
import { MEMBERSHIP_UID, WORKSPACE_UID, type Visibility } from '../constants';

/** Where a person stands in a workspace: the contract's values (contract/src/workspaces.ts). */
export type MembershipStanding = AccessStanding;

export interface WorkspaceRef {
  id: number;
  documentId: string;
  slug: string;
  title: string;
  summary: string;
  visibility: Visibility;
}

export interface Access {
  standing: MembershipStanding;
  /** The workspace may be named to this person (hidden workspaces: only to those it involves). */
  canFind: boolean;
  /** May read its content: pages, discussions, files, member list. */
  canView: boolean;
  canPost: boolean;
  canManage: boolean;
  /** May join at once (an open workspace they are not a member of). */
  canJoin: boolean;
  /** May ask a manager to let them in (a restricted workspace that does not involve them yet). */
  canRequest: boolean;
}

/**
 * The one place that decides who may see and do what in a workspace
 * (docs/design.md#workspaces-and-access). Policies, routes and later plugins ask this; nothing
 * re-implements it.
 */
export const accessService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findWorkspace(slug: string): Promise<WorkspaceRef | null> {
    if (typeof slug !== 'string' || slug.length === 0 || slug.length > 200) return null;
    return (await strapi.db.query(WORKSPACE_UID).findOne({
      select: ['id', 'documentId', 'slug', 'title', 'summary', 'visibility'],
      where: { slug },
    })) as WorkspaceRef | null;
  },

  async standingOf(userId: number | null | undefined, workspaceId: number): Promise<MembershipStanding> {
    if (!userId) return 'none';
    const row = await strapi.db.query(MEMBERSHIP_UID).findOne({
      select: ['role', 'state'],
      where: { workspace: { id: workspaceId }, user: { id: userId } },
    });
    if (!row) return 'none';
    if (row.state === 'active') return row.role === 'manager' ? 'manager' : 'member';
    return row.state as 'invited' | 'pending';
  },

  /** Pure rule: what a person of this standing may do in a workspace of this visibility. */
  rule(signedIn: boolean, visibility: Visibility, standing: MembershipStanding): Access {
    const active = standing === 'member' || standing === 'manager';
    return {
      standing,
      canFind: visibility !== 'hidden' || standing !== 'none',
      canView: signedIn && (active || visibility === 'open'),
      canPost: active,
      canManage: standing === 'manager',
      canJoin: signedIn && !active && visibility === 'open',
      canRequest: signedIn && standing === 'none' && visibility === 'restricted',
    };
  },

  async accessOf(userId: number | null | undefined, workspace: Pick<WorkspaceRef, 'id' | 'visibility'>): Promise<Access> {
    const standing = await this.standingOf(userId, workspace.id);
    return this.rule(Boolean(userId), workspace.visibility, standing);
  },
});

export type AccessService = ReturnType<typeof accessService>;
