import type { Actor } from './membership-helpers.ts';

/**
 * The documents plugin's routes as a member, for arranging documents before a test (the site's
 * own pages and editor are what the tests exercise).
 */
export interface DocumentsAnswer<T = unknown> {
  status: number;
  json: T;
}

export async function documents<T = unknown>(cmsUrl: string, actor: Pick<Actor, 'jwt' | 'email'>, method: string, path: string, body?: unknown): Promise<DocumentsAnswer<T>> {
  const response = await fetch(`${cmsUrl}/api/documents${path}`, {
    method,
    headers: { authorization: `Bearer ${actor.jwt}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    // A CMS that does not answer fails the test here rather than at its time limit.
    signal: AbortSignal.timeout(15_000),
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

export async function documentsOk<T = unknown>(cmsUrl: string, actor: Pick<Actor, 'jwt' | 'email'>, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await documents<T>(cmsUrl, actor, method, path, body);
  if (answer.status < 200 || answer.status >= 300) throw new Error(`${method} /api/documents${path} as ${actor.email}: HTTP ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
}

/** A new, empty document in `folderId` (the top level by default); its item id. */
export async function createDocument(cmsUrl: string, actor: Actor, slug: string, name: string, folderId: number | null = null): Promise<number> {
  const { data } = await documentsOk<{ data: { id: number } }>(cmsUrl, actor, 'POST', `/workspaces/${encodeURIComponent(slug)}/documents`, { name, folderId });
  return data.id;
}

/** The document as the CMS keeps it (its HTML and words), read as `actor`. */
export async function storedDocument(cmsUrl: string, actor: Actor, slug: string, id: number): Promise<{ html: string; words: number; name: string }> {
  const { data } = await documentsOk<{ data: { document: { html: string; words: number; name: string } } }>(cmsUrl, actor, 'GET', `/workspaces/${encodeURIComponent(slug)}/documents/${id}`);
  return data.document;
}

/** A named version of the document as it is now; its id. */
export async function nameVersion(cmsUrl: string, actor: Actor, slug: string, id: number, name: string): Promise<number> {
  const { data } = await documentsOk<{ data: { id: number } }>(cmsUrl, actor, 'POST', `/workspaces/${encodeURIComponent(slug)}/documents/${id}/versions`, { name });
  return data.id;
}
