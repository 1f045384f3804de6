import { serviceGetter } from '../../../common/plugin';
import { PLUGIN_ID } from './constants';
import type services from './services';

/** The plugin's services, typed: `getService(strapi, 'pages').save(...)`. */
export const getService = serviceGetter<typeof services>(PLUGIN_ID);

export { conflict, fieldError, refusal, tableOf, viewerId } from '../../../common/plugin';
export { membership, membershipOf, type AuditEntry, type MembershipState, type Visibility, type WorkspaceRef } from '../../../membership/server/src/contract';
export { storage, type ServedFile } from '../../../storage/server/src/contract';
