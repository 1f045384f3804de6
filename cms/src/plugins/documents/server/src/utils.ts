import { serviceGetter } from '../../../common/plugin';
import { PLUGIN_ID } from './constants';
import type services from './services';

/** The plugin's services, typed: `getService(strapi, 'store').load(...)`. */
export const getService = serviceGetter<typeof services>(PLUGIN_ID);

export { fieldError, parse, refusal, viewerId, conflict } from '../../../common/plugin';
export { membership, membershipOf, type Access as WorkspaceAccess, type WorkspaceRef } from '../../../membership/server/src/contract';
export { accounts } from '../../../accounts/server/src/contract';

/**
 * Where this platform's collaboration keys and channels live in Redis: one platform's instances
 * share it; another platform (or test run) on the same Redis sets its own REDIS_PREFIX.
 */
export const redisPrefix = () => process.env.REDIS_PREFIX || 'futurenhs';
