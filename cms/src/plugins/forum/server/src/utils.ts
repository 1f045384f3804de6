import { serviceGetter } from '../../../common/plugin';
import { PLUGIN_ID } from './constants';
import type services from './services';

/** The plugin's services, typed: `getService(strapi, 'comments').post(...)`. */
export const getService = serviceGetter<typeof services>(PLUGIN_ID);

export { refusal, tableOf, viewerId } from '../../../common/plugin';
export {
  membership,
  membershipOf,
  type Access as WorkspaceAccess,
  type MembershipState,
  type Visibility,
  type WorkspaceRef,
} from '../../../membership/server/src/contract';
export { accounts, type AuditAction } from '../../../accounts/server/src/contract';
