import type { Core } from '@strapi/strapi';
import type { AccessService } from './services/access';
import type { AuditService } from './services/audit';
import type { MembershipService } from './services/membership';
import type { RateLimitService } from './services/rate-limit';

/**
 * What other plugins may use of this one, typed by the services themselves (as Strapi's own
 * plugins export their service types): import these instead of restating them.
 */
export type { Access, MembershipStanding, WorkspaceRef } from './services/access';
export type { AccessService, AuditService, MembershipService, RateLimitService };
import type { MembershipState } from './policies';
export type { MembershipState };
export type { AuditAction, Visibility } from './constants';
export type { AuditEntry } from './services/audit';

export interface MembershipApi {
  /** Who may see and do what in a workspace: the one place that decides. */
  access: AccessService;
  audit: AuditService;
  rateLimit: RateLimitService;
  /** Workspace rules other plugins' writes obey: a complete profile to take part, a manager to manage. */
  membership: Pick<MembershipService, 'requireCompleteProfile' | 'asManager'>;
}

export function membership(strapi: Core.Strapi): MembershipApi {
  const plugin = strapi.plugin('membership');
  return {
    access: plugin.service('access'),
    audit: plugin.service('audit'),
    rateLimit: plugin.service('rate-limit'),
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
