import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from './constants';
import type services from './services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type ServiceOf<K extends ServiceName> = ReturnType<Services[K]>;

/** The plugin's services, typed: `getService(strapi, 'pages').save(...)`. */
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
 * The parts of the membership plugin the page builder uses: who may do what (its access service,
 * the one place that decides), the shared audit log and rate limiter. Typed here because each
 * plugin compiles on its own.
 */
export interface MembershipApi {
  access: {
    standingOf(userId: number | null | undefined, workspaceId: number): Promise<string>;
  };
  audit: {
    record(entry: { action: string; actorId: number | null; workspaceId: number | null; details?: Record<string, unknown> }): Promise<void>;
  };
  rateLimit: { consume(name: 'uploading', key: string | number): Promise<void> };
}

export function membership(strapi: Core.Strapi): MembershipApi {
  const plugin = strapi.plugin('membership');
  return {
    access: plugin.service('access'),
    audit: plugin.service('audit'),
    rateLimit: plugin.service('rate-limit'),
  };
}

/**
 * The parts of the storage plugin the page builder uses: who owns a stored file, and serving one.
 * Typed here because each plugin compiles on its own (see the storage plugin's services).
 */
export interface StoredFileRef {
  file: { id: number };
  name: string;
  mime: string;
}
export interface StorageApi {
  ownership: {
    accessOf(fileId: number): Promise<{ public: boolean; workspaceIds: number[] }>;
    ownedBy(fileIds: number[], workspaceId: number): Promise<Set<number>>;
    record(fileIds: number[], owner: { workspaceId: number; scope: 'content' | 'listing' }): Promise<void>;
  };
  files: {
    findByName(name: string): Promise<StoredFileRef | null>;
    send(ctx: unknown, served: StoredFileRef): Promise<boolean>;
  };
  randomName(): string;
}

export function storage(strapi: Core.Strapi): StorageApi {
  const plugin = strapi.plugin('storage');
  const files = plugin.service('stored-files') as StorageApi['files'] & { randomName(): string };
  return { ownership: plugin.service('ownership') as StorageApi['ownership'], files, randomName: () => files.randomName() };
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
 * A 403 whose message reaches the manager: Strapi's content-API router strips any other
 * ForbiddenError's message to "Forbidden"; a PolicyError keeps it (see the membership plugin's
 * `Refusal`). Named ForbiddenError, like every other 403 of the API.
 */
export function refusal(message: string): Error {
  const error = new errors.PolicyError(message);
  (error as Error).name = 'ForbiddenError';
  return error;
}

/**
 * A 409 in Strapi's error body (`{ data: null, error: { status, name: 'ConflictError', message,
 * details } }`). @strapi/utils has no ConflictError: Strapi's error middleware formats any
 * http-errors HttpError by its own status, name, message and details, so this is one.
 */
export function conflict(message: string, details: Record<string, unknown>): Error {
  const error = new Error(message) as Error & Record<string, unknown>;
  Object.setPrototypeOf(error, (errors as unknown as { HttpError: { prototype: object } }).HttpError.prototype);
  Object.assign(error, { name: 'ConflictError', message, status: 409, statusCode: 409, expose: true, details });
  return error;
}

/** A 400 naming the field(s) at fault, as every form of the site reads them. */
export function fieldError(path: (string | number)[], message: string, more: { path: (string | number)[]; message: string }[] = []): Error {
  return new errors.ValidationError(message, { errors: [{ path, message }, ...more] });
}

/** The catalogue of blocks (@futurenhs/blocks), loaded at run time: it is ESM TypeScript that Node runs as is. */
export interface BlockField {
  kind: 'text' | 'multiline' | 'markdown' | 'url' | 'choice' | 'boolean' | 'integer' | 'image' | 'list' | 'case-study';
  required: boolean;
  item?: { fields: Record<string, BlockField> };
  schema: { safeParse(value: unknown): { success: boolean; data?: unknown } };
}
export interface BlockDefinitionLike {
  uid: string;
  displayName: string;
  workspaceOnly?: boolean;
  fields: Record<string, BlockField>;
  populate(): unknown;
}
export interface BlocksApi {
  catalogue: readonly BlockDefinitionLike[];
  blockDefinition(uid: string): BlockDefinitionLike | undefined;
  validateBlockInput(blocks: unknown): { path: (string | number)[]; message: string }[];
  blocksPopulate(): { on: Record<string, unknown> };
  ukDateTime(iso: string): string;
}

let blocksApi: BlocksApi | null = null;
export function blocks(): BlocksApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  blocksApi ??= require('@futurenhs/blocks') as BlocksApi;
  return blocksApi;
}
