import { serviceGetter } from '../../../common/plugin';
import { PLUGIN_ID } from './constants';
import type services from './services';

/** The plugin's services, typed: `getService(strapi, 'pages').save(...)`. */
export const getService = serviceGetter<typeof services>(PLUGIN_ID);

export { conflict, fieldError, refusal, tableOf, viewerId } from '../../../common/plugin';
export { accounts, type AuditEntry } from '../../../accounts/server/src/contract';
export { membership, membershipOf, type MembershipState, type Visibility, type WorkspaceRef } from '../../../membership/server/src/contract';
export { storage, type ServedFile } from '../../../storage/server/src/contract';
