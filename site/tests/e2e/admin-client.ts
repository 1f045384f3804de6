import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Drives the CMS the way its admin panel does: the same admin login and content-manager
 * endpoints the editor's buttons call (create, publish, unpublish, preview URL).
 */
export class AdminClient {
  private constructor(
    private readonly cmsUrl: string,
    /** The admin-panel token (the access matrix checks it opens nothing on the site). */
    readonly token: string,
  ) {}

  /**
   * Strapi limits admin sign-ins (a handful per address and email in five minutes), and every
   * browser-test file runs in a process of its own: one sign-in per stack, its token kept in a
   * temporary file for the other files.
   */
  static async signIn(cmsUrl: string, email: string, password: string): Promise<AdminClient> {
    const file = join(tmpdir(), `futurenhs-e2e-admin-${new URL(cmsUrl).port}-${email.replace(/\W/g, '_')}.json`);
    try {
      const { token, url } = JSON.parse(readFileSync(file, 'utf8')) as { token: string; url: string };
      if (url === cmsUrl && (await fetch(`${cmsUrl}/users-permissions/roles`, { headers: { authorization: `Bearer ${token}` } })).ok) {
        return new AdminClient(cmsUrl, token);
      }
    } catch {
      // no token yet
    }
    const response = await fetch(`${cmsUrl}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw new Error(`Admin sign-in failed: HTTP ${response.status} ${await response.text()}`);
    const { data } = (await response.json()) as { data: { token: string } };
    writeFileSync(file, JSON.stringify({ token: data.token, url: cmsUrl }), { mode: 0o600 });
    return new AdminClient(cmsUrl, data.token);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.cmsUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async createDraft(model: string, data: Record<string, unknown>): Promise<{ documentId: string }> {
    const { data: created } = await this.request<{ data: { documentId: string } }>('POST', `/content-manager/collection-types/${model}`, data);
    return created;
  }

  publish(model: string, documentId: string) {
    return this.request('POST', `/content-manager/collection-types/${model}/${documentId}/actions/publish`, {});
  }

  unpublish(model: string, documentId: string) {
    return this.request('POST', `/content-manager/collection-types/${model}/${documentId}/actions/unpublish`, {});
  }

  /** What the admin's "Open preview" button opens. */
  async previewUrl(model: string, documentId: string, status: 'draft' | 'published' = 'draft'): Promise<string> {
    const query = new URLSearchParams({ documentId, status });
    const { data } = await this.request<{ data: { url: string } }>('GET', `/content-manager/preview/url/${model}?${query}`);
    return data.url;
  }
}
