export const PLUGIN_ID = 'forum';

export const DISCUSSION_UID = 'plugin::forum.discussion';
export const COMMENT_UID = 'plugin::forum.comment';
export const LIKE_UID = 'plugin::forum.like';
export const REPORT_UID = 'plugin::forum.report';
export const USER_UID = 'plugin::users-permissions.user';
export const PAGE_UID = 'api::page.page';
export const CASE_STUDY_UID = 'api::case-study.case-study';

export const SUBJECT_TYPES = ['discussion', 'page', 'case-study'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const TITLE_MAX = 100;
export const DISCUSSION_BODY_MAX = 20_000;
export const COMMENT_BODY_MAX = 5_000;
export const REASON_MAX = 500;
export const SUBMISSION_KEY_MAX = 64;

/** Replies shown under each top-level comment of a page; the rest are one "show all" away. */
export const FIRST_REPLIES = 3;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;
export const MAX_LIKERS_LISTED = 500;
export const EXCERPT_LENGTH = 140;

export const COMMENT_SORTS = ['newest', 'oldest', 'liked'] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];
export const DISCUSSION_SORTS = ['activity', 'newest', 'title'] as const;
export type DiscussionSort = (typeof DISCUSSION_SORTS)[number];

/**
 * Emitted after every forum write (and after its transaction commits): the app tells the site to
 * drop the cached forum data carrying these tags (cms/src/bootstrap/site-revalidation.ts).
 */
export const SITE_CHANGED_EVENT = 'site.changed';
