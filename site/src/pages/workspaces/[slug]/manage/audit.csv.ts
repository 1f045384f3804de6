import type { APIRoute } from 'astro';
import { siteConfig } from '~/lib/config.ts';
import { auditCsvPath, type AuditFilters } from '~/lib/membership/api.ts';
import { managerPage } from '~/lib/membership/workspace.ts';

/**
 * The audit log as CSV, for managers only: the CMS's export with the page's filters, streamed
 * through as a download. The viewer's own token goes with it; the CMS checks again.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function filtersOf(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  const action = params.get('action');
  if (action && /^[a-z.-]{1,60}$/.test(action)) filters.action = action;
  const member = params.get('member');
  if (member && /^\d{1,12}$/.test(member)) filters.member = member;
  for (const field of ['from', 'to'] as const) {
    const value = params.get(field);
    if (value && DATE.test(value)) filters[field] = value;
  }
  return filters;
}

export const GET: APIRoute = async (context) => {
  const slug = context.params.slug ?? '';
  const auditPage = `/workspaces/${encodeURIComponent(slug)}/manage/audit`;
  const guard = await managerPage(context, slug);
  // Not found: the NHS-styled 404 page. Not a manager: the audit page's NHS-styled 403.
  if (guard instanceof Response) return guard.status === 404 ? context.rewrite('/404') : guard;
  if (guard.kind === 'forbidden') return context.rewrite(auditPage);

  const { CMS_URL, CMS_TIMEOUT_MS } = siteConfig();
  const { session } = context.locals;
  const path = auditCsvPath(slug, filtersOf(context.url.searchParams));
  const call = () =>
    fetch(`${CMS_URL}${path}`, {
      headers: { authorization: `Bearer ${session.accessToken() ?? ''}`, accept: 'text/csv' },
      signal: AbortSignal.timeout(CMS_TIMEOUT_MS * 6),
    });
  let upstream = await call();
  if (upstream.status === 401 && (await session.refresh())) upstream = await call();
  if (upstream.status === 404) return context.rewrite('/404');
  if (upstream.status === 403) return context.rewrite(auditPage);
  if (!upstream.ok || !upstream.body) throw new Error(`CMS answered ${upstream.status} for the audit CSV of ${slug}`);
  const filename = `${slug.replace(/[^a-z0-9-]/g, '')}-audit-log.csv`;
  return new Response(upstream.body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
};
