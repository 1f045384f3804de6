export const PLUGIN_ID = 'page-builder';

export const VERSION_UID = 'plugin::page-builder.version';
export const REDIRECT_UID = 'plugin::page-builder.redirect';
export const PRESENCE_UID = 'plugin::page-builder.presence';
export const DRAFT_SAVE_UID = 'plugin::page-builder.draft-save';
export const PAGE_UID = 'api::page.page';
export const WORKSPACE_UID = 'api::workspace.workspace';
export const CASE_STUDY_UID = 'api::case-study.case-study';
export const FILE_UID = 'plugin::upload.file';
export const USER_UID = 'plugin::users-permissions.user';

export { SITE_CHANGED_EVENT } from '../../../common/plugin';

// A page's limits, which the site's forms check too, live in the contract.
export { PAGE_SLUG_MAX as SLUG_MAX, PAGE_TITLE_MAX as TITLE_MAX, SLUG_PATTERN } from '@futurenhs/contract';
/** A page holds at most this many blocks: more is a page nobody reads, and a form nobody can edit. */
export const BLOCKS_MAX = 100;
/** Pages per workspace: the workspace navigation lists them all. */
export const PAGES_MAX = 100;

/** Managers seen in the editor within this window are "also editing". */
export const PRESENCE_SECONDS = 60;

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const IMAGE_MAX_PIXELS = 40_000_000;
export const IMAGE_MAX_WIDTH = 1600;
/** Decided from the file's bytes, never its name or declared type; SVG (scriptable) is never accepted. */
export const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif']);
/** What the image route serves: raster images only, whatever else a stored file is. */
export const SERVED_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export const VERSION_KINDS = ['publish', 'restore', 'conflict', 'replaced'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];
