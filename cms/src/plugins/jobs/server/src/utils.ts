import { serviceGetter } from '../../../common/plugin';
import { PLUGIN_ID } from './constants';
import type services from './services';

/** The plugin's services, typed: `getService(strapi, 'jobs').enqueue(...)`. */
export const getService = serviceGetter<typeof services>(PLUGIN_ID);
