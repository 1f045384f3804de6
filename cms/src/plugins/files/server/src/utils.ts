import { serviceGetter } from '../../../common/plugin';
import { PLUGIN_ID } from './constants';
import type services from './services';

/** The plugin's services, typed: `getService(strapi, 'items').upload(...)`. */
export const getService = serviceGetter<typeof services>(PLUGIN_ID);

export { conflict, fieldError, parse, refusal, tableOf, viewerId } from '../../../common/plugin';
export { membershipOf, type Access as WorkspaceAccess, type MembershipState, type WorkspaceRef } from '../../../membership/server/src/contract';
export { accounts } from '../../../accounts/server/src/contract';
export { storage, type ServedFile } from '../../../storage/server/src/contract';
export { jobs } from '../../../jobs/server/src/contract';
