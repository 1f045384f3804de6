import { randomBytes } from 'node:crypto';
import { AdminClient } from './admin-client.ts';

/**
 * Actors for the membership tests, made through the CMS's own APIs (the admin's content manager
 * for confirmed accounts, the membership routes for standings), and a cookie-keeping client of
 * the site that signs in through /sign-in exactly as a browser does (CSRF field included).
 */
export const PASSWORD = 'Correct-horse-battery-1';

export interface Actor {
  id: string;
  documentId: string;
  email: string;
  firstName: string;
  lastName: string;
  /** The CMS's access token, for arranging standings through the membership routes. */
  jwt: string;
}

export class Cms {
  readonly url: string;
  readonly admin: AdminClient;
  private readonly roleId: number;
  private constructor(url: string, admin: AdminClient, roleId: number) {
    this.url = url;
    this.admin = admin;
    this.roleId = roleId;
  }

  static async connect(cmsUrl: string, env: Record<string, string>): Promise<Cms> {
    const admin = await AdminClient.signIn(cmsUrl, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    const { roles } = await admin.request<{ roles: { id: number; type: string }[] }>('GET', '/users-permissions/roles');
    return new Cms(cmsUrl, admin, roles.find((role) => role.type === 'authenticated')!.id);
  }

  /** A confirmed account with a complete profile, signed in at the CMS. */
  async person(name: string, { profile = true }: { profile?: boolean } = {}): Promise<Actor> {
    const email = `${name}-${randomBytes(4).toString('hex')}@example.nhs.net`.toLowerCase();
    const profileFields = profile ? { firstName: name, lastName: 'Tester', jobTitle: `${name} lead`, organisation: 'NHS Test Trust' } : {};
    const created = await this.admin.request<{ id: number; documentId: string }>('POST', '/content-manager/collection-types/plugin::users-permissions.user', {
      username: email,
      email,
      password: PASSWORD,
      confirmed: true,
      blocked: false,
      role: { connect: [{ id: this.roleId }] },
      ...profileFields,
    });
    const jwt = await this.signIn(email);
    return { id: String(created.id), documentId: created.documentId, email, firstName: profile ? name : '', lastName: profile ? 'Tester' : '', jwt };
  }

  async signIn(email: string, password = PASSWORD): Promise<string> {
    const response = await fetch(`${this.url}/api/auth/local`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: email, password, deviceId: randomBytes(8).toString('hex') }),
    });
    if (!response.ok) throw new Error(`CMS sign-in of ${email}: HTTP ${response.status} ${await response.text()}`);
    return ((await response.json()) as { jwt: string }).jwt;
  }

  /** A membership route as `actor`; throws unless it answers 2xx. */
  async as<T = unknown>(actor: Actor, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/api/membership${path}`, {
      method,
      headers: { authorization: `Bearer ${actor.jwt}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} as ${actor.email}: HTTP ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async createWorkspace(owner: Actor, slug: string, visibility: 'open' | 'restricted' | 'hidden', title = `Test ${slug}`): Promise<void> {
    await this.as(owner, 'POST', '/workspaces', { title, slug, summary: `Summary of ${title}.`, visibility });
  }

  private async workspaceDocumentId(slug: string): Promise<string> {
    const { results } = await this.admin.request<{ results: { documentId: string }[] }>(
      'GET',
      `/content-manager/collection-types/api::workspace.workspace?filters[slug][$eq]=${encodeURIComponent(slug)}`,
    );
    if (!results[0]) throw new Error(`No workspace ${slug}`);
    return results[0].documentId;
  }

  /** Makes `actor` an active member (or manager) of a workspace, as an admin would in the CMS. */
  async addMember(actor: Actor, workspaceSlug: string, role: 'member' | 'manager' = 'member'): Promise<void> {
    await this.admin.request('POST', '/content-manager/collection-types/plugin::membership.membership', {
      workspace: { connect: [{ documentId: await this.workspaceDocumentId(workspaceSlug) }] },
      user: { connect: [{ documentId: actor.documentId }] },
      role,
      state: 'active',
    });
  }

  /** A published page (a home page by default) with one inset text block carrying `text`. */
  async createPage(workspaceSlug: string, page: { title: string; slug: string; isHome?: boolean; text: string; position?: number }): Promise<void> {
    const workspaceId = await this.workspaceDocumentId(workspaceSlug);
    const draft = await this.admin.createDraft('api::page.page', {
      title: page.title,
      slug: page.slug,
      isHome: page.isHome ?? false,
      position: page.position ?? 0,
      workspace: { connect: [{ documentId: workspaceId }] },
      blocks: [{ __component: 'blocks.inset-text', body: page.text }],
    });
    await this.admin.publish('api::page.page', draft.documentId);
  }
}

/** An address of its own, so the site's per-address limits (TRUST_PROXY in the test stack) do not count the whole run as one visitor. */
export function ownAddress(): Record<string, string> {
  return { 'x-forwarded-for': `10.${[...randomBytes(3)].join('.')}` };
}

/** A browser-like client of the site: keeps cookies (as a jar), sends its own address, never follows redirects. */
export class CookieJarClient {
  protected readonly cookies = new Map<string, string>();
  private readonly address = ownAddress();
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }

  protected remember(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  protected cookieHeader(): Record<string, string> {
    return { ...this.address, ...(this.cookies.size > 0 ? { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } : {}) };
  }

  async get(path: string): Promise<Response> {
    const response = await fetch(`${this.url}${path}`, { headers: this.cookieHeader(), redirect: 'manual' });
    this.remember(response);
    return response;
  }

  /** Session and CSRF cookies, for a browser context (playwright's addCookies). */
  cookieList(): { name: string; value: string; url: string }[] {
    return [...this.cookies].map(([name, value]) => ({ name, value, url: this.url }));
  }
}

/** Posts forms by their fields, with the CSRF token of the page that carries the form. */
export class SiteClient extends CookieJarClient {
  /** Posts a form the way the page's own form would: with the CSRF token the page carries. */
  async post(path: string, fields: Record<string, string>, formPath = path): Promise<Response> {
    const page = await this.get(formPath);
    const html = await page.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`No CSRF field on ${formPath} (HTTP ${page.status})`);
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { ...this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', origin: this.url },
      body: new URLSearchParams({ _csrf: token, ...fields }),
      redirect: 'manual',
    });
    this.remember(response);
    return response;
  }

  /** A client that sends this cookie on every request, whatever the site answers (a forged or foreign session). */
  static carrying(url: string, name: string, value: string): SiteClient {
    const client = new SiteClient(url);
    const get = client.get.bind(client);
    client.get = async (path: string) => {
      client.cookies.set(name, value);
      return get(path);
    };
    return client;
  }

  static async signedIn(url: string, email: string, password = PASSWORD): Promise<SiteClient> {
    const client = new SiteClient(url);
    const response = await client.post('/sign-in', { email, password });
    if (response.status !== 303) throw new Error(`Site sign-in of ${email}: HTTP ${response.status}`);
    return client;
  }
}
