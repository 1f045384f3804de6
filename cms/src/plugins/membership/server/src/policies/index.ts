import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Access, WorkspaceRef } from '../services/access';
import { Refusal } from '../../../../common/plugin';
import { getService } from '../utils';

/** What the access policies leave on ctx.state for the route's controller. */
export interface MembershipState {
  workspace: WorkspaceRef;
  access: Access;
}

interface PolicyConfig {
  /** The route parameter holding the workspace's slug (default `slug`). */
  slugParam?: string;
  /** Let anonymous callers through (their access is that of someone with no standing). */
  anonymous?: boolean;
}

type Check = keyof Pick<Access, 'canFind' | 'canView' | 'canPost' | 'canManage'>;

const NOT_FOUND = 'This workspace does not exist';

/**
 * One policy per permission, all over the access service. A workspace that must not be named to
 * this person answers 404 exactly as a missing one does, so it is never revealed; otherwise a
 * missing permission answers 403.
 */
function accessPolicy(check: Check, refusal: string) {
  return async (policyContext: any, config: PolicyConfig = {}, { strapi }: { strapi: Core.Strapi }) => {
    const user = policyContext.state?.user;
    if (!user?.id && !config.anonymous) throw new errors.UnauthorizedError('Sign in first');
    const slug = policyContext.params?.[config.slugParam ?? 'slug'];
    const access = getService(strapi, 'access');
    const workspace = await access.findWorkspace(slug);
    if (!workspace) throw new errors.NotFoundError(NOT_FOUND);
    const result = await access.accessOf(user?.id, workspace);
    if (!result.canFind) throw new errors.NotFoundError(NOT_FOUND);
    if (!result[check]) throw new Refusal(refusal);
    policyContext.state.membership = { workspace, access: result } satisfies MembershipState;
    return true;
  };
}

export default {
  canFind: accessPolicy('canFind', NOT_FOUND),
  canView: accessPolicy('canView', 'Only members of this workspace can see this'),
  canPost: accessPolicy('canPost', 'Only members of this workspace can post in it'),
  canManage: accessPolicy('canManage', 'Only managers of this workspace can do this'),
};
