import type { Core } from '@strapi/strapi';
import { AUDIT_EVENT_UID, PLUGIN_ID } from './constants';
import routes from './routes';

/** The users-permissions actions of this plugin's content-API routes. */
export function contentApiActions(): string[] {
  const handlers = routes['content-api'].routes.map((route) => route.handler);
  return [...new Set(handlers)].map((handler) => `plugin::${PLUGIN_ID}.${handler}`);
}

/**
 * Signed-in members may call every membership route (the access policies then decide per
 * workspace); the public role may call none. Reasserted at every start.
 */
async function grantPermissions(strapi: Core.Strapi) {
  const roles = strapi.db.query('plugin::users-permissions.role');
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const authenticated = await roles.findOne({ where: { type: 'authenticated' } });
  const publicRole = await roles.findOne({ where: { type: 'public' } });
  if (!authenticated || !publicRole) throw new Error('membership: the users-permissions roles do not exist yet');

  const actions = contentApiActions();
  const existing = await permissions.findMany({
    select: ['action'],
    where: { action: { $in: actions }, role: { id: authenticated.id } },
  });
  const have = new Set(existing.map((permission: { action: string }) => permission.action));
  for (const action of actions.filter((action) => !have.has(action))) {
    await permissions.create({ data: { action, role: authenticated.id } });
  }
  await permissions.deleteMany({ where: { action: { $startsWith: `plugin::${PLUGIN_ID}.` }, role: { id: publicRole.id } } });
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await grantPermissions(strapi);
};

/** The audit log is append-only, in the admin panel too. */
export function guardAuditLog(strapi: Core.Strapi) {
  const refuse = () => {
    throw new Error('Audit events are append-only: they cannot be changed or deleted');
  };
  strapi.db.lifecycles.subscribe({
    models: [AUDIT_EVENT_UID],
    beforeUpdate: refuse,
    beforeUpdateMany: refuse,
    beforeDelete: refuse,
    beforeDeleteMany: refuse,
  });
}
