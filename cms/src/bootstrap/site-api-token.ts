import { createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';

/**
 * The site reads the CMS with one API token whose value it is given (CMS_API_TOKEN), so the
 * two can be configured together without anyone copying a token out of the admin panel.
 * The token may only read the types the site renders: the public role reads nothing, and
 * drafts (reachable with status=draft) are only ever fetched by the site behind a preview token.
 */
export const SITE_TOKEN_NAME = 'futurenhs-site';

export const SITE_TOKEN_PERMISSIONS = [
  'api::workspace.workspace.find',
  'api::workspace.workspace.findOne',
  'api::page.page.find',
  'api::page.page.findOne',
  'api::case-study.case-study.find',
  'api::case-study.case-study.findOne',
  'api::topic.topic.find',
  'api::topic.topic.findOne',
  // Search as an anonymous visitor: the route answers the token with public documents only.
  'plugin::search.search.search',
];

function hashAccessKey(strapi: Core.Strapi, accessKey: string): string {
  // The same keyed hash Strapi uses to look tokens up (admin::api-token hash()).
  return createHmac('sha512', strapi.config.get('admin.apiToken.salt') as string)
    .update(accessKey)
    .digest('hex');
}

export async function ensureSiteApiToken(strapi: Core.Strapi): Promise<void> {
  const accessKey = process.env.CMS_API_TOKEN;
  if (!accessKey) {
    strapi.log.warn('CMS_API_TOKEN is not set: the site cannot read content until it is.');
    return;
  }
  if (accessKey.length < 16) throw new Error('CMS_API_TOKEN must be at least 16 characters long');

  const tokens = strapi.service('admin::api-token');
  const existing = await strapi.db.query('admin::api-token').findOne({ where: { name: SITE_TOKEN_NAME } });
  const token = existing
    ? await tokens.update(existing.id, { type: 'custom', permissions: SITE_TOKEN_PERMISSIONS })
    : await tokens.create({
        name: SITE_TOKEN_NAME,
        description: 'Used by the FutureNHS site to read published content (managed by the CMS at start-up).',
        type: 'custom',
        kind: 'content-api',
        lifespan: null,
        permissions: SITE_TOKEN_PERMISSIONS,
      });

  await strapi.db.query('admin::api-token').update({
    where: { id: token.id },
    data: {
      accessKey: hashAccessKey(strapi, accessKey),
      encryptedKey: strapi.service('admin::encryption').encrypt(accessKey),
    },
  });
}
