export const PLUGIN_ID = 'documents';
export { ITEM_UID, FOLDER_UID } from '../../../files/server/src/constants';
export { MEMBERSHIP_UID, WORKSPACE_UID } from '../../../membership/server/src/constants';
export const USER_UID = 'plugin::users-permissions.user';

/** The plugin's own tables (bytes Strapi's content types cannot hold: Yjs state is a binary column). */
export const STATES_TABLE = 'documents_states';
export const VERSIONS_TABLE = 'documents_versions';
export const COMMENTS_TABLE = 'documents_comments';

/**
 * Hocuspocus stores a document this long after its last change, and at least this often while
 * people keep typing: a crash loses at most the changes of one window (docs/documents.md#saving).
 */
export const STORE_DEBOUNCE_MS = 2_000;
export const STORE_MAX_DEBOUNCE_MS = 10_000;
