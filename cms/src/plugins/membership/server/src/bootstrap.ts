import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './constants';
import routes from './routes';

/**
 * Our plugins whose content-API routes signed-in members call. Each route's own policies decide
 * who may do what (the forum's use this plugin's access policies); the role only opens the door.
 */
export const MEMBER_PLUGINS = [PLUGIN_ID, 'accounts', 'forum', 'page-builder', 'files', 'documents', 'search'];

/** The users-permissions actions of our plugins' content-API routes. */
export function contentApiActions(strapi?: Core.Strapi): string[] {
  const actions = MEMBER_PLUGINS.flatMap((plugin) => {
    const pluginRoutes = plugin === PLUGIN_ID ? routes['content-api'].routes : (strapi?.plugin(plugin)?.routes?.['content-api']?.routes ?? []);
    return (pluginRoutes as { handler: string }[]).map((route) => `plugin::${plugin}.${route.handler}`);
  });
  return [...new Set(actions)];
}

/** Plugin routes that answer without sign-in (they reveal only what docs/design.md#workspaces-and-access makes public). */
export const PUBLIC_HANDLERS = ['workspace.access', 'workspace.managers', 'invitation.show'];

const auth = (action: string) => `plugin::users-permissions.auth.${action}`;

/**
 * Everything the content API's roles may do, and nothing else: the content API is never a side
 * door (docs/design.md#workspaces-and-access). Strapi's own user, role and permission routes
 * (`/api/users`, ...) are closed to both roles; the site reads content with its own scoped token.
 * Reasserted at every start, so a permission ticked by mistake in the admin does not survive a
 * restart.
 */
export function rolePermissions(strapi?: Core.Strapi): Record<'public' | 'authenticated', string[]> {
  const plugin = contentApiActions(strapi);
  const publicPlugin = PUBLIC_HANDLERS.map((handler) => `plugin::${PLUGIN_ID}.${handler}`);
  return {
    public: [
      ...['callback', 'register', 'forgotPassword', 'resetPassword', 'emailConfirmation', 'sendEmailConfirmation', 'refresh'].map(auth),
      ...publicPlugin,
    ],
    authenticated: [...['changePassword', 'logout', 'refresh'].map(auth), ...plugin],
  };
}

async function enforceRolePermissions(strapi: Core.Strapi) {
  const roles = strapi.db.query('plugin::users-permissions.role');
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  for (const [type, actions] of Object.entries(rolePermissions(strapi))) {
    const role = await roles.findOne({ where: { type } });
    if (!role) throw new Error(`membership: the users-permissions role "${type}" does not exist yet`);
    const existing = await permissions.findMany({ select: ['id', 'action'], where: { role: { id: role.id } } });
    const unwanted = existing.filter((permission: { action: string }) => !actions.includes(permission.action));
    if (unwanted.length > 0) await permissions.deleteMany({ where: { id: { $in: unwanted.map((permission: { id: number }) => permission.id) } } });
    const have = new Set(existing.map((permission: { action: string }) => permission.action));
    for (const action of actions.filter((action) => !have.has(action))) {
      await permissions.create({ data: { action, role: role.id } });
    }
  }
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await enforceRolePermissions(strapi);
};
