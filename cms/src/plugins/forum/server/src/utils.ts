import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from './constants';
import type services from './services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type ServiceOf<K extends ServiceName> = ReturnType<Services[K]>;

/** The plugin's services, typed: `getService(strapi, 'comments').post(...)`. */
export function getService<K extends ServiceName>(strapi: Core.Strapi, name: K): ServiceOf<K> {
  return strapi.plugin(PLUGIN_ID).service(name) as ServiceOf<K>;
}

export type Visibility = 'open' | 'restricted' | 'hidden';

/** What the membership plugin's policies leave on ctx.state.membership (its MembershipState). */
export interface WorkspaceRef {
  id: number;
  slug: string;
  title: string;
  visibility: Visibility;
}
export interface WorkspaceAccess {
  standing: string;
  canFind: boolean;
  canView: boolean;
  canPost: boolean;
  canManage: boolean;
}
export interface MembershipState {
  workspace: WorkspaceRef;
  access: WorkspaceAccess;
}

/**
 * The parts of the membership plugin the forum uses: who may do what (its access service, the
 * one place that decides), the shared audit log and rate limiter, and the rule that only people
 * with a complete profile post. Typed here because each plugin compiles on its own.
 */
export interface MembershipApi {
  access: {
    findWorkspace(slug: string): Promise<WorkspaceRef | null>;
    accessOf(userId: number | null | undefined, workspace: Pick<WorkspaceRef, 'id' | 'visibility'>): Promise<WorkspaceAccess>;
  };
  audit: {
    record(entry: {
      action: string;
      actorId: number | null;
      workspaceId: number | null;
      targetUserId?: number | null;
      details?: Record<string, unknown>;
    }): Promise<void>;
  };
  rateLimit: { consume(name: 'posting' | 'reporting' | 'liking', key: string | number): Promise<void> };
  requireCompleteProfile(userId: number): Promise<void>;
}

export function membership(strapi: Core.Strapi): MembershipApi {
  const plugin = strapi.plugin('membership');
  return {
    access: plugin.service('access'),
    audit: plugin.service('audit'),
    rateLimit: plugin.service('rate-limit'),
    requireCompleteProfile: (userId) => plugin.service('membership').requireCompleteProfile(userId),
  };
}

/** A table's real name and its columns' names, from Strapi's metadata (for the few raw queries). */
export function tableOf(strapi: Core.Strapi, uid: string) {
  const meta = strapi.db.metadata.get(uid as never) as unknown as {
    tableName: string;
    attributes: Record<string, { columnName?: string }>;
  };
  const column = (attribute: string) => meta.attributes[attribute]?.columnName ?? attribute;
  return { name: meta.tableName, column };
}

/**
 * A 403 whose message reaches the member: the same as the membership plugin's `Refusal` (Strapi's
 * content-API router strips any other ForbiddenError's message to "Forbidden"; a PolicyError keeps
 * it). Named ForbiddenError, like every other 403 of the API.
 */
export function refusal(message: string): Error {
  const error = new errors.PolicyError(message);
  (error as Error).name = 'ForbiddenError';
  return error;
}
