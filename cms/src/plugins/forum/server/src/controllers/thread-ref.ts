import { errors } from '@strapi/utils';
import type { MembershipState } from '../utils';
import type { ThreadRef } from '../services/threads';
import { idSchema, parse } from './validation';

/**
 * The thread a route names. Workspace routes have passed a membership policy, which left the
 * workspace and the viewer's access on ctx.state; case-study routes need only a signed-in member.
 */
export function threadRefOf(ctx: any): ThreadRef {
  if (ctx.params.caseStudy !== undefined) return { kind: 'case-study', caseStudySlug: String(ctx.params.caseStudy).slice(0, 200) };
  const { workspace } = membershipOf(ctx);
  if (ctx.params.page !== undefined) return { kind: 'page', workspace, pageSlug: String(ctx.params.page) };
  return { kind: 'discussion', workspace, discussionId: parse(idSchema('The discussion id'), ctx.params.id) };
}

export function membershipOf(ctx: any): MembershipState {
  const state = ctx.state.membership as MembershipState | undefined;
  // A workspace route without its policy would be a hole: fail closed, loudly.
  if (!state) throw new Error('forum: a workspace route ran without a membership policy');
  return state;
}

/** The signed-in member acting (an API token made in the admin is nobody: it may not post). */
export function viewerId(ctx: any): number {
  const id = ctx.state.user?.id;
  if (typeof id !== 'number') throw new errors.UnauthorizedError('Sign in first');
  return id;
}
