export const PLUGIN_ID = 'forum';

export const DISCUSSION_UID = 'plugin::forum.discussion';
export const COMMENT_UID = 'plugin::forum.comment';
export const LIKE_UID = 'plugin::forum.like';
export const REPORT_UID = 'plugin::forum.report';
export const USER_UID = 'plugin::users-permissions.user';
export const PAGE_UID = 'api::page.page';
export const CASE_STUDY_UID = 'api::case-study.case-study';

/** What a thread hangs on: the contract's thread kinds (contract/src/forum.ts). */
export type { ThreadKind as SubjectType } from '@futurenhs/contract';

/** The comments `mine()` answers `can` for at most: a page of comments with their first replies, and then some. */
export const ABILITIES_MAX = 200;

// The limits, sorts and page sizes the site must agree with live in the contract.
export {
  COMMENT_BODY_MAX,
  COMMENT_SORTS,
  DEFAULT_PAGE_SIZE,
  DISCUSSION_BODY_MAX,
  DISCUSSION_SORTS,
  DISCUSSION_TITLE_MAX as TITLE_MAX,
  FIRST_REPLIES,
  MAX_PAGE_SIZE,
  REASON_MAX,
  type CommentSort,
  type DiscussionSort,
} from '@futurenhs/contract';
export const SUBMISSION_KEY_MAX = 64;

export const MAX_LIKERS_LISTED = 500;
export const EXCERPT_LENGTH = 140;

export { SITE_CHANGED_EVENT } from '../../../common/plugin';
