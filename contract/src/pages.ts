/** A workspace page's settings (cms/src/plugins/page-builder): the CMS refuses past them, the site's forms say so first. */
export const PAGE_TITLE_MAX = 120;
export const PAGE_SLUG_MAX = 80;
/** Lower-case letters, numbers and single hyphens: a page's and a workspace's address. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
