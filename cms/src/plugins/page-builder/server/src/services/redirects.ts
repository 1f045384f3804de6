import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PAGE_UID, REDIRECT_UID } from '../constants';

const { NotFoundError } = errors;
const NO_REDIRECT = 'No page moved from this address';

/**
 * Where a page's former address now leads. A redirect names the page, not its new slug, so a page
 * renamed twice is found from both of its old addresses. Only published pages are answered: a
 * draft's address is nobody's business but its managers'.
 */
export const redirectsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async lookup(workspaceId: number, from: string): Promise<{ slug: string; isHome: boolean }> {
    const redirect = (await strapi.db.query(REDIRECT_UID).findOne({ select: ['pageDocumentId'], where: { workspaceId, fromSlug: from } })) as {
      pageDocumentId: string;
    } | null;
    if (!redirect) throw new NotFoundError(NO_REDIRECT);
    const page = (await strapi.db.query(PAGE_UID).findOne({
      select: ['slug', 'isHome'],
      where: { documentId: redirect.pageDocumentId, workspace: { id: workspaceId }, publishedAt: { $notNull: true } },
    })) as { slug: string; isHome: boolean | null } | null;
    if (!page || page.slug === from) throw new NotFoundError(NO_REDIRECT);
    return { slug: page.slug, isHome: Boolean(page.isHome) };
  },
});

export type RedirectsService = ReturnType<typeof redirectsService>;
