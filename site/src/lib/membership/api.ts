import { z } from 'zod';
import { CoalescingCache } from '../cache/coalescing-cache.ts';
import { sharedCache } from '../cache/registry.ts';
import { cmsHttp, parseCms } from '../cms/accounts.ts';
import { callCms, isCmsRequestError } from '../cms/http.ts';
import type { MemberCms } from '../cms/member-client.ts';
import { siteConfig } from '../config.ts';
import {
  auditPageSchema,
  createdWorkspaceSchema,
  invitationRowSchema,
  peopleSchema,
  personSchema,
  type AuditRow,
  type InvitationRow,
  type People,
  type Person,
  type Visibility,
} from '@futurenhs/contract';

/**
 * Typed calls to the membership plugin's routes, through the viewer's own client
 * (`Astro.locals.cms`: their token, nothing cached, refusals as CmsRequestError with the CMS's
 * message). The one public read, a workspace's managers, is cached per workspace like other
 * public data.
 */
const base = (slug: string) => `/api/membership/workspaces/${encodeURIComponent(slug)}`;

const managersResponse = z.object({ data: z.array(personSchema) });

function publicDataCache(): CoalescingCache<unknown> {
  // The same cache (and budget) as the site's other public CMS responses: revalidation clears it.
  return sharedCache('cms-responses', () => {
    const config = siteConfig();
    return new CoalescingCache<unknown>('cms-responses', {
      maxEntries: 20_000,
      maxBytes: config.SITE_DATA_CACHE_MAX_MB * 1024 * 1024,
      ttlMs: config.SITE_CACHE_TTL_SECONDS * 1000,
    });
  });
}

const managersKey = (slug: string) => `membership:managers:${slug}`;

/**
 * A workspace's managers as anyone may see them (restricted workspaces show their managers:
 * docs/design.md#workspaces-and-access). Asked without a token: the CMS's public role answers,
 * and says 404 for a hidden workspace (then: nobody to show).
 */
export async function publicManagers(slug: string): Promise<Person[]> {
  const path = `${base(slug)}/managers`;
  const { value } = await publicDataCache().getOrLoad(managersKey(slug), async () => {
    try {
      const { json, bytes } = await callCms(cmsHttp(), path);
      return { value: parseCms(managersResponse, json, path).data, cache: true, bytes: bytes * 3 + 256 };
    } catch (error) {
      if (isCmsRequestError(error, 404)) return { value: [], cache: true, bytes: 64 };
      throw error;
    }
  });
  return value as Person[];
}

/** The site changed who manages a workspace: the cached public list is out of date. */
export function forgetManagers(slug: string): void {
  publicDataCache().delete(managersKey(slug));
}

/**
 * The managers to show someone who may not read a workspace: the public, cached list; for a
 * hidden workspace (which the public list does not name) the viewer's own answer, as only those
 * it involves get this far.
 */
export async function managersFor(
  locals: { viewer: unknown; cms: MemberCms },
  workspace: { slug: string; visibility: Visibility },
): Promise<Person[]> {
  if (workspace.visibility === 'hidden' && locals.viewer) return (await workspacePeople(locals.cms, workspace.slug)).managers;
  return publicManagers(workspace.slug);
}

/** Managers, and members when the viewer may see them, and waiting people for managers. */
export async function workspacePeople(cms: MemberCms, slug: string): Promise<People> {
  const path = `${base(slug)}/members`;
  return parseCms(z.object({ data: peopleSchema }), await cms.get(path), path).data;
}

export async function joinWorkspace(cms: MemberCms, slug: string): Promise<void> {
  await cms.post(`${base(slug)}/join`, {});
}

export async function requestToJoin(cms: MemberCms, slug: string, message: string): Promise<void> {
  await cms.post(`${base(slug)}/request`, message ? { message } : {});
}

/** The viewer's own invitation to this workspace, answered without the mailed link. */
export async function answerInvitation(cms: MemberCms, slug: string, decision: 'accept' | 'decline'): Promise<void> {
  await cms.post(`${base(slug)}/invitation/${decision}`, {});
}

export async function leaveWorkspace(cms: MemberCms, slug: string): Promise<void> {
  await cms.post(`${base(slug)}/leave`, {});
}

export const MEMBER_ACTIONS = ['approve', 'reject', 'remove', 'promote', 'demote'] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];

export async function actOnMember(cms: MemberCms, slug: string, userId: string, action: MemberAction, reason?: string): Promise<void> {
  await cms.post(`${base(slug)}/members/${encodeURIComponent(userId)}/${action}`, action === 'reject' && reason ? { reason } : {});
}

export async function pendingInvitations(cms: MemberCms, slug: string): Promise<InvitationRow[]> {
  const path = `${base(slug)}/invitations`;
  return parseCms(z.object({ data: z.array(invitationRowSchema) }), await cms.get(path), path).data;
}

export async function inviteByEmail(cms: MemberCms, slug: string, email: string): Promise<void> {
  await cms.post(`${base(slug)}/invitations`, { email });
}

export async function revokeInvitation(cms: MemberCms, slug: string, invitationId: string): Promise<void> {
  await cms.delete(`${base(slug)}/invitations/${encodeURIComponent(invitationId)}`);
}

export async function changeVisibility(cms: MemberCms, slug: string, visibility: Visibility): Promise<void> {
  await cms.patch(`${base(slug)}/visibility`, { visibility });
}

export interface NewWorkspace {
  title: string;
  summary: string;
  visibility: Visibility;
  slug?: string;
}

export async function createWorkspace(cms: MemberCms, input: NewWorkspace): Promise<{ slug: string }> {
  const path = '/api/membership/workspaces';
  return parseCms(z.object({ data: createdWorkspaceSchema }), await cms.post(path, input), path).data;
}

export interface AuditFilters {
  action?: string;
  member?: string;
  /** yyyy-mm-dd */
  from?: string;
  to?: string;
}

/** The audit query string the CMS reads (`to` is inclusive of the whole day). */
export function auditQuery(filters: AuditFilters, page?: number, pageSize?: number): string {
  const query = new URLSearchParams();
  if (filters.action) query.set('action', filters.action);
  if (filters.member) query.set('member', filters.member);
  if (filters.from) query.set('from', `${filters.from}T00:00:00.000Z`);
  if (filters.to) query.set('to', `${filters.to}T23:59:59.999Z`);
  if (page) query.set('page', String(page));
  if (pageSize) query.set('pageSize', String(pageSize));
  return query.toString();
}

export interface AuditPage {
  rows: AuditRow[];
  pagination: { page: number; pageSize: number; pageCount: number; total: number };
}

export const AUDIT_PAGE_SIZE = 25;

export async function auditLog(cms: MemberCms, slug: string, filters: AuditFilters, page: number): Promise<AuditPage> {
  const path = `${base(slug)}/audit?${auditQuery(filters, page, AUDIT_PAGE_SIZE)}`;
  const parsed = parseCms(auditPageSchema, await cms.get(path), path);
  return { rows: parsed.data, pagination: parsed.meta.pagination };
}

export function auditCsvPath(slug: string, filters: AuditFilters): string {
  const query = auditQuery(filters);
  return `${base(slug)}/audit.csv${query ? `?${query}` : ''}`;
}
