import type { Core } from '@strapi/strapi';
import type { AccessService } from './services/access';
import type { MembershipService } from './services/membership';

/**
 * What other plugins may use of this one, typed by the services themselves (as Strapi's own
 * plugins export their service types): import these instead of restating them.
 */
export type { Access, WorkspaceRef } from './services/access';
import type { MembershipState } from './policies';
export type { MembershipState };
export type { Visibility } from './constants';
export type { AccountMembership } from './services/membership';

export interface MembershipApi {
  /** Who may see and do what in a workspace: the one place that decides. */
  access: AccessService;
  /**
   * Workspace rules other plugins' writes obey (a complete profile to take part, a manager to
   * manage), and what the accounts plugin asks of a person's memberships.
   */
  membership: Pick<MembershipService, 'requireCompleteProfile' | 'asManager' | 'isInvited' | 'membershipsOf' | 'leaveAll'>;
}

export function membership(strapi: Core.Strapi): MembershipApi {
  const plugin = strapi.plugin('membership');
  return {
    access: plugin.service('access'),
    membership: plugin.service('membership'),
  };
}

/**
 * What a workspace route's membership policy left on ctx.state. A workspace route without its
 * policy would be a hole: fail closed, loudly, naming the plugin whose route it is.
 */
export function membershipOf(ctx: any, pluginId: string): MembershipState {
  const state = ctx.state.membership as MembershipState | undefined;
  if (!state) throw new Error(`${pluginId}: a workspace route ran without a membership policy`);
  return state;
}
