import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './constants';
import type services from './services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type ServiceOf<K extends ServiceName> = ReturnType<Services[K]>;

/** The plugin's services, typed: `getService(strapi, 'ownership').accessOf(id)`. */
export function getService<K extends ServiceName>(strapi: Core.Strapi, name: K): ServiceOf<K> {
  return strapi.plugin(PLUGIN_ID).service(name) as ServiceOf<K>;
}
