import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { validateBlockInput } from '@futurenhs/blocks';

/**
 * Blocks are checked against their own schemas when they are saved, wherever from (the admin,
 * the seed, later the page builder), so a block the site would skip is refused with a message
 * at the field instead of silently missing from the published page.
 */
const DYNAMIC_ZONES: Record<string, string> = {
  'api::page.page': 'blocks',
  'api::case-study.case-study': 'body',
};

export function registerBlockValidation(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const attribute = DYNAMIC_ZONES[context.uid];
    if (!attribute || (context.action !== 'create' && context.action !== 'update')) return next();
    const data = (context.params as { data?: Record<string, unknown> }).data;
    const issues = validateBlockInput(data?.[attribute]);
    if (issues.length) {
      const first = issues[0];
      throw new errors.ValidationError(`Block ${Number(first.path[0]) + 1}: ${first.message}`, {
        errors: issues.map((issue) => ({ path: [attribute, ...issue.path.map(String)], message: issue.message, name: 'ValidationError' })),
      });
    }
    return next();
  });
}
