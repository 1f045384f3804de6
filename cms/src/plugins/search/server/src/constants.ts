export const PLUGIN_ID = 'search';

export const WORKSPACE_UID = 'api::workspace.workspace';
export const PAGE_UID = 'api::page.page';
export const CASE_STUDY_UID = 'api::case-study.case-study';
export const TOPIC_UID = 'api::topic.topic';
export const DISCUSSION_UID = 'plugin::forum.discussion';
export const COMMENT_UID = 'plugin::forum.comment';
export const FILE_ITEM_UID = 'plugin::files.item';
export const FILE_VERSION_UID = 'plugin::files.version';
export const MEMBERSHIP_UID = 'plugin::membership.membership';
export const USER_UID = 'plugin::users-permissions.user';
