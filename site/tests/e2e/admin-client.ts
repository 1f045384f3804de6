/**
 * Drives the CMS the way its admin panel does: the same admin login and content-manager
 * endpoints the editor's buttons call (create, publish, unpublish, preview URL).
 */
export class AdminClient {
  private constructor(
    private readonly cmsUrl: string,
    private readonly token: string,
  ) {}

  static async signIn(cmsUrl: string, email: string, password: string): Promise<AdminClient> {
    const response = await fetch(`${cmsUrl}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw new Error(`Admin sign-in failed: HTTP ${response.status} ${await response.text()}`);
    const { data } = (await response.json()) as { data: { token: string } };
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
