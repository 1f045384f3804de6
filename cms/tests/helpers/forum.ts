import type { TestCms } from './test-strapi.ts';
import type { TestPerson } from './members.ts';

/** A workspace made through the membership plugin, with members who joined it for real. */
export async function workspaceWithMembers(
  cms: TestCms,
  manager: TestPerson,
  slug: string,
  visibility: 'open' | 'restricted' | 'hidden',
  members: TestPerson[] = [],
) {
  const membership = cms.strapi.plugin('membership').service('membership');
  const workspace = await membership.createWorkspace(manager.id, { title: `Forum ${slug}`, slug, summary: 'For forum tests', visibility });
  for (const member of members) {
    await cms.strapi.db.query('plugin::membership.membership').create({
      data: { workspace: workspace.id, user: member.id, role: 'member', state: 'active' },
    });
  }
  return { id: workspace.id as number, slug: workspace.slug as string };
}

export const forumApi = (path: string) => `/api/forum${path}`;

/** Starts a discussion through the API and returns its id. */
export async function startDiscussion(cms: TestCms, person: TestPerson, slug: string, title = 'A discussion', body = 'Opening post') {
  const response = await cms.http.post(forumApi(`/workspaces/${slug}/discussions`)).set(person.auth).send({ title, body });
  if (response.status !== 201) throw new Error(`Starting a discussion answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data.id as number;
}
