import type { Core } from '@strapi/strapi';
import { errors, type z } from '@strapi/utils';

/**
 * What every local plugin needs and no plugin owns. The plugins compile together
 * (src/plugins/tsconfig.json), so each imports this file instead of keeping a copy.
 */

type ServiceFactories = Record<string, (...args: never[]) => unknown>;

/** A plugin's services, typed by its own service map: `getService(strapi, 'comments').post(...)`. */
export function serviceGetter<Services extends ServiceFactories>(pluginId: string) {
  return function getService<K extends keyof Services & string>(strapi: Core.Strapi, name: K): ReturnType<Services[K]> {
    return strapi.plugin(pluginId).service(name) as ReturnType<Services[K]>;
  };
}

type Lifecycle = (context: { strapi: Core.Strapi }) => unknown;

/**
 * A plugin's server entry: its parts, with `register` given Strapi itself and the empty config
 * Strapi asks every plugin for.
 */
export function pluginServer<Parts extends { bootstrap?: Lifecycle; destroy?: Lifecycle }>(
  parts: Parts & { register?: (strapi: Core.Strapi) => void },
) {
  const { register, ...rest } = parts;
  return {
    register({ strapi }: { strapi: Core.Strapi }) {
      register?.(strapi);
    },
    config: { default: {}, validator() {} },
    ...rest,
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
 * A 403 whose message reaches the person refused: Strapi's content-API router strips any other
 * ForbiddenError's message to "Forbidden"; a PolicyError keeps it. Named ForbiddenError, like every
 * other 403 of the API.
 */
export class Refusal extends errors.PolicyError {
  constructor(message: string) {
    super(message);
    (this as Error).name = 'ForbiddenError';
  }
}

export function refusal(message: string): Error {
  return new Refusal(message);
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

/** The signed-in member acting (an API token made in the admin is nobody: it may not act as one). */
export function viewerId(ctx: any): number {
  const id = ctx.state.user?.id;
  if (typeof id !== 'number') throw new errors.UnauthorizedError('Sign in first');
  return id;
}

/**
 * A request whose input the controller refused before doing anything: a 400 like any other
 * ValidationError, told apart so that a refused form costs the sender nothing against a route's
 * rate limit (accounts/server/src/middlewares/rate-limit.ts).
 */
export class InputError extends errors.ValidationError {}

/** Parses a request's input or answers 400 with each field's message (an InputError). */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fieldErrors = result.error.issues.map((issue) => ({ path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))), message: issue.message }));
  throw new InputError(fieldErrors[0]?.message ?? 'Invalid input', { errors: fieldErrors });
}

/**
 * Emitted after a plugin's write the site shows (after its transaction commits), with the cache
 * tags to drop (null: everything): the app tells the site (cms/src/bootstrap/site-revalidation.ts).
 */
export const SITE_CHANGED_EVENT = 'site.changed';

/** A content-API route: its policies (the membership plugin's, for workspace routes) and middlewares (rate limits). */
export const contentRoute = (method: string, path: string, handler: string, policies: (string | object)[] = [], ...middlewares: object[]) => ({
  method,
  path,
  handler,
  config: { policies, middlewares },
});
