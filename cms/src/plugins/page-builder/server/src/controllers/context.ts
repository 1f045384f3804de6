import { errors } from '@strapi/utils';
import type { MembershipState, WorkspaceRef } from '../utils';

export function membershipOf(ctx: any): MembershipState & { workspace: WorkspaceRef & { documentId: string } } {
  const state = ctx.state.membership;
  // A workspace route without its policy would be a hole: fail closed, loudly.
  if (!state) throw new Error('page-builder: a workspace route ran without a membership policy');
  return state;
}

/** The signed-in member acting (an API token made in the admin is nobody). */
export function viewerId(ctx: any): number {
  const id = ctx.state.user?.id;
  if (typeof id !== 'number') throw new errors.UnauthorizedError('Sign in first');
  return id;
}
