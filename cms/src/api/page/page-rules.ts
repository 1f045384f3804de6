import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Rules Strapi's schema cannot state: a page's slug is unique within its workspace (not across
 * the platform), every page belongs to a workspace, and a workspace has one home page (choosing
 * a new home page moves the role from the old one).
 */
const PAGE_UID = 'api::page.page';

type RelationInput =
  | string
  | number
  | null
  | undefined
  | { documentId?: string; id?: number; connect?: RelationInput[]; set?: RelationInput[]; disconnect?: RelationInput[] };

async function workspaceDocumentIdOf(strapi: Core.Strapi, value: RelationInput): Promise<string | null | undefined> {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    const row = await strapi.db.query('api::workspace.workspace').findOne({ where: { id: value }, select: ['documentId'] });
    return row?.documentId ?? null;
  }
  const linked = value.set ?? value.connect;
  if (linked) return linked.length ? workspaceDocumentIdOf(strapi, linked[linked.length - 1]) : value.set ? null : undefined;
  if (value.documentId) return value.documentId;
  if (value.id !== undefined) return workspaceDocumentIdOf(strapi, value.id);
  if (value.disconnect?.length) return null;
  return undefined;
}

export function registerPageRules(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== PAGE_UID || (context.action !== 'create' && context.action !== 'update')) return next();

    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    const data = params.data ?? {};
    const current =
      context.action === 'update' && params.documentId
        ? await strapi.documents(PAGE_UID).findOne({
            documentId: params.documentId,
            status: 'draft',
            fields: ['slug', 'isHome'],
            populate: { workspace: { fields: ['documentId'] } },
          })
        : null;

    const requestedWorkspace = await workspaceDocumentIdOf(strapi, data.workspace as RelationInput);
    const workspaceDocumentId = requestedWorkspace === undefined ? current?.workspace?.documentId : requestedWorkspace;
    if (!workspaceDocumentId) throw new errors.ValidationError('A page must belong to a workspace');

    const slug = (data.slug as string | undefined) ?? current?.slug;
    const otherPages = await strapi.documents(PAGE_UID).findMany({
      status: 'draft',
      fields: ['slug', 'isHome'],
      filters: { workspace: { documentId: workspaceDocumentId }, ...(params.documentId ? { documentId: { $ne: params.documentId } } : {}) },
      limit: -1,
    } as never);
    if (slug && otherPages.some((page) => page.slug === slug)) {
      throw new errors.ValidationError(`This workspace already has a page at "${slug}": choose another address`, {
        errors: [{ path: ['slug'], message: 'This workspace already has a page with this address', name: 'ValidationError' }],
      });
    }

    const result = await next();

    if (data.isHome === true) {
      const formerHomes = otherPages.filter((page) => page.isHome).map((page) => page.documentId);
      if (formerHomes.length) {
        // Straight to the rows (draft and published alike): which page is home is navigation, not editorial content.
        await strapi.db.query(PAGE_UID).updateMany({ where: { documentId: { $in: formerHomes } }, data: { isHome: false } });
      }
    }
    return result;
  });
}
