/**
 * Content-API routes, served under /api/accounts: the signed-in person's own account. Every one
 * needs a signed-in member (the membership plugin's bootstrap grants them to the authenticated
 * role, and to nobody else).
 */
const route = (method: string, path: string, handler: string) => ({ method, path, handler, config: { policies: [] } });

export default {
  type: 'content-api' as const,
  routes: [
    route('GET', '/me', 'account.me'),
    route('PUT', '/me', 'account.updateMe'),
    route('DELETE', '/me', 'account.deleteMe'),
    route('PUT', '/me/photo', 'account.replacePhoto'),
    route('DELETE', '/me/photo', 'account.removePhoto'),
  ],
};
