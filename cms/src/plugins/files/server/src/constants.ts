export const PLUGIN_ID = 'files';

export const FOLDER_UID = 'plugin::files.folder';
export const ITEM_UID = 'plugin::files.item';
export const VERSION_UID = 'plugin::files.version';
export const STORED_FILE_UID = 'plugin::upload.file';
export const USER_UID = 'plugin::users-permissions.user';
export const WORKSPACE_UID = 'api::workspace.workspace';

// The limits the site must agree with live in the contract (contract/src/files.ts).
export {
  DEFAULT_FILE_MAX_MB,
  DEFAULT_SORT_ORDER,
  FILE_DESCRIPTION_MAX,
  FILE_NAME_MAX,
  FILE_SORTS,
  FILES_PAGE_SIZE,
  FILES_PAGE_SIZE_MAX,
  FOLDER_CHILDREN_MAX,
  FOLDER_DEPTH_MAX,
  FOLDER_NAME_MAX,
  SORT_ORDERS,
  UPLOAD_FILES_MAX,
  VERSION_COMMENT_MAX,
  type FileSort,
  type ScanState,
  type SortOrder,
} from '@futurenhs/contract';

/** Types a browser shows without running anything: previewed inline; everything else only downloads. */
export const PREVIEW_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** Jobs (the jobs plugin): scanning a new version, and extracting its text for search. */
export const SCAN_JOB = 'files.scan';
export const EXTRACT_JOB = 'files.extract';
