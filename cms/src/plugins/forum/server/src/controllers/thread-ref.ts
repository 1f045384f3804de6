import { PLUGIN_ID } from '../constants';
import { membershipOf as membershipStateOf } from '../utils';
import type { ThreadRef } from '../services/threads';
import { idSchema, parse } from './validation';

export { viewerId } from '../utils';

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

export const membershipOf = (ctx: any) => membershipStateOf(ctx, PLUGIN_ID);
