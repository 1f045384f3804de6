import { createHmac } from 'node:crypto';

/**
 * Preview links carry a signed, short-lived token instead of the shared secret itself, so a link
 * copied out of the admin stops working after an hour and reveals nothing reusable.
 * The site checks the token with the same PREVIEW_SECRET (site/src/lib/preview.ts).
 */
const PREVIEW_LIFETIME_SECONDS = 60 * 60;

export function signPreviewToken(documentId: string, secret: string, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + PREVIEW_LIFETIME_SECONDS;
  const signature = createHmac('sha256', secret).update(`${documentId}.${expires}`).digest('hex');
  return `${documentId}.${expires}.${signature}`;
}

function siteUrl(): string {
  return (process.env.SITE_URL || 'http://localhost:4321').replace(/\/$/, '');
}

/** Where each previewable type lives on the site (docs/design.md#addresses-on-the-site). */
async function sitePathFor(uid: string, documentId: string): Promise<string | null> {
  if (uid === 'api::case-study.case-study') {
    const study = await strapi.documents(uid).findOne({ documentId, status: 'draft', fields: ['slug'] });
    return study ? `/case-studies/${study.slug}` : null;
  }
  if (uid === 'api::page.page') {
    const page = await strapi.documents(uid).findOne({
      documentId,
      status: 'draft',
      fields: ['slug', 'isHome'],
      populate: { workspace: { fields: ['slug'] } },
    });
    if (!page?.workspace) return null;
    return page.isHome ? `/workspaces/${page.workspace.slug}` : `/workspaces/${page.workspace.slug}/pages/${page.slug}`;
  }
  return null;
}

export async function previewUrlFor(uid: string, documentId: string, status: 'draft' | 'published'): Promise<string | null> {
  const path = await sitePathFor(uid, documentId);
  if (!path) return null;
  if (status === 'published') return `${siteUrl()}${path}`;
  const secret = process.env.PREVIEW_SECRET;
  if (!secret) {
    strapi.log.warn('PREVIEW_SECRET is not set: draft preview is unavailable');
    return null;
  }
  return `${siteUrl()}${path}?preview=${encodeURIComponent(signPreviewToken(documentId, secret))}`;
}
