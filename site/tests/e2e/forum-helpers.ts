import type { Actor, Cms } from './membership-helpers.ts';

/**
 * The forum plugin's routes as a member, for arranging discussions and comments before a test
 * (the site's own forms are what the tests exercise), and for reading back what was stored.
 */
export interface ForumAnswer<T = unknown> {
  status: number;
  json: T;
}

export async function forum<T = unknown>(cmsUrl: string, actor: Pick<Actor, 'jwt' | 'email'>, method: string, path: string, body?: unknown): Promise<ForumAnswer<T>> {
  const response = await fetch(`${cmsUrl}/api/forum${path}`, {
    method,
    headers: { authorization: `Bearer ${actor.jwt}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, json: json as T };
}

/** Like `forum`, but throws unless the CMS answers 2xx: for arranging, where a refusal is a broken setup. */
export async function forumOk<T = unknown>(cmsUrl: string, actor: Pick<Actor, 'jwt' | 'email'>, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await forum<T>(cmsUrl, actor, method, path, body);
  if (answer.status < 200 || answer.status >= 300) throw new Error(`${method} /api/forum${path} as ${actor.email}: HTTP ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
}

/** A discussion started by `author`, with one comment from each of `commenters`; its id. */
export async function startDiscussion(cmsUrl: string, author: Actor, slug: string, discussion: { title: string; body: string }, comments: [Actor, string][] = []): Promise<number> {
  const base = `/workspaces/${encodeURIComponent(slug)}/discussions`;
  const { data } = await forumOk<{ data: { id: number } }>(cmsUrl, author, 'POST', base, discussion);
  for (const [commenter, body] of comments) await forumOk(cmsUrl, commenter, 'POST', `${base}/${data.id}/comments`, { body });
  return data.id;
}

/**
 * A published home page holding an inset text with `text` and the latest-discussions block, so
 * the page shows the workspace's discussions live to those who may read it.
 */
export async function createHomeWithLatestDiscussions(cms: Cms, workspaceSlug: string, page: { title: string; text: string }): Promise<void> {
  const { results } = await cms.admin.request<{ results: { documentId: string }[] }>(
    'GET',
    `/content-manager/collection-types/api::workspace.workspace?filters[slug][$eq]=${encodeURIComponent(workspaceSlug)}`,
  );
  const draft = await cms.admin.createDraft('api::page.page', {
    title: page.title,
    slug: 'home',
    isHome: true,
    position: 0,
    workspace: { connect: [{ documentId: results[0].documentId }] },
    blocks: [
      { __component: 'blocks.inset-text', body: page.text },
      { __component: 'blocks.latest-discussions', heading: 'Latest discussions', headingLevel: 'h2', count: 5 },
    ],
  });
  await cms.admin.publish('api::page.page', draft.documentId);
}
