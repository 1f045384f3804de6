export const PLUGIN_ID = 'storage';

export const OWNER_UID = 'plugin::storage.owner';
export const FILE_UID = 'plugin::upload.file';
export const WORKSPACE_UID = 'api::workspace.workspace';
export const PAGE_UID = 'api::page.page';
export const CASE_STUDY_UID = 'api::case-study.case-study';
export const USER_UID = 'plugin::users-permissions.user';

/** Where Strapi keeps which file a media field of which row (or component) holds. */
export const MORPH_TABLE = 'files_related_mph';

/** The static path of the local upload provider. */
export const UPLOADS_PREFIX = '/uploads/';

/**
 * A stored file's hash (its name on disk or in a bucket, without extension): random, so that it
 * says nothing of who uploaded it, for which workspace, or what it was called.
 */
export const STORED_HASH = /^[a-f0-9]{32}$/;
export const STORED_HASH_BYTES = 16;

/** The size variants Strapi's upload plugin makes of an image, named `<variant>_<hash><ext>`. */
export const SIZE_VARIANTS = ['thumbnail', 'small', 'medium', 'large', 'xlarge'] as const;
