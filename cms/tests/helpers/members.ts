import { ensureAdminUser } from '../../seed/seed-demo.ts';
import type { TestCms } from './test-strapi.ts';
import type { Core } from '@strapi/strapi';

export interface TestPerson {
  id: number;
  email: string;
  jwt: string;
  auth: { authorization: string };
}

let counter = 0;

/** A confirmed member of the authenticated role, with a complete profile unless told otherwise. */
export async function createPerson(
  strapi: Core.Strapi,
  name: string,
  { email, profile = true }: { email?: string; profile?: boolean } = {},
): Promise<TestPerson> {
  counter += 1;
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const address = email ?? `${name}-${counter}@example.nhs.net`;
  const user = await strapi.plugin('users-permissions').service('user').add({
    username: `${name}-${counter}`,
    email: address,
    password: 'Correct-horse-battery-1',
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: role.id,
    ...(profile ? { firstName: name, lastName: 'Tester', jobTitle: 'Nurse', organisation: 'NHS Test Trust' } : {}),
  });
  // A real session (Strapi's session manager), exactly as signing in makes one.
  const jwt: string = await strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
  return { id: user.id, email: address, jwt, auth: { authorization: `Bearer ${jwt}` } };
}

/** A Strapi admin-panel user signed in through the admin's own login: the platform admin of the access matrices. */
export async function signInPlatformAdmin(cms: TestCms, email: string): Promise<{ authorization: string }> {
  const password = 'Platform-admin-password-1';
  Object.assign(process.env, { ADMIN_EMAIL: email, ADMIN_PASSWORD: password });
  await ensureAdminUser(cms.strapi, () => undefined);
  const login = await cms.http.post('/admin/login').send({ email, password });
  if (login.status !== 200) throw new Error(`The admin could not sign in: ${login.status} ${login.text}`);
  return { authorization: `Bearer ${login.body.data.token}` };
}
