import { BIDI_CONTROLS } from '@futurenhs/contract';
import { z } from '@strapi/utils';
import {
  ABILITIES_MAX,
  COMMENT_BODY_MAX,
  COMMENT_SORTS,
  DEFAULT_PAGE_SIZE,
  DISCUSSION_BODY_MAX,
  DISCUSSION_SORTS,
  MAX_PAGE_SIZE,
  REASON_MAX,
  SUBMISSION_KEY_MAX,
  TITLE_MAX,
} from '../constants';

// Unicode direction overrides disguise text and links ("txt.exe" shown as "exe.txt"); they have
// no place in a post, a title or a reason, so they are never stored.

const text = (max: number, label: string, missing: string) =>
  z
    .string({ error: missing })
    .overwrite((value) => value.replace(BIDI_CONTROLS, ''))
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` });

/** A form's one-off key: the same key from the same author is the same post (double submits). */
const submissionKey = z
  .string()
  .max(SUBMISSION_KEY_MAX)
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'submissionKey may hold only letters, digits, - and _' })
  .optional();

export const idSchema = (label: string) => z.coerce.number({ error: `${label} must be a number` }).int().positive().max(2_147_483_647);

export const newDiscussionSchema = z.object({
  title: text(TITLE_MAX, 'The title', 'Enter a title'),
  body: text(DISCUSSION_BODY_MAX, 'The opening post', 'Enter your opening post'),
  submissionKey,
});

export const discussionSettingsSchema = z
  .object({ pinned: z.boolean().optional(), locked: z.boolean().optional() })
  .refine((input) => input.pinned !== undefined || input.locked !== undefined, { error: 'Say whether to pin or lock' });

export const newCommentSchema = z.object({
  body: text(COMMENT_BODY_MAX, 'Your comment', 'Enter your comment'),
  parentId: idSchema('parentId').optional().nullable(),
  submissionKey,
});

export const editCommentSchema = z.object({ body: text(COMMENT_BODY_MAX, 'Your comment', 'Enter your comment') });
export const reportSchema = z.object({ reason: text(REASON_MAX, 'The reason', 'Say why you are reporting this comment') });
export const hideSchema = z.object({ reason: text(REASON_MAX, 'The reason', 'Give a reason: the author will see it') });
export const pageSettingsSchema = z.object({ commentsEnabled: z.boolean({ error: 'Say whether comments are on' }) });

const limit = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE);
const cursor = z.string().max(200).optional();

export const commentQuerySchema = z.object({
  sort: z.enum(COMMENT_SORTS, { error: 'Sort by newest, oldest or liked' }).default('newest'),
  after: cursor,
  limit,
});
export const repliesQuerySchema = z.object({ after: cursor, limit });
/** The comments the asker is shown (`ids=4,5,9`): what `mine` answers `can` for. */
export const mineQuerySchema = z.object({
  ids: z
    .string()
    // Room for ABILITIES_MAX ids of ten digits: anything longer names too many.
    .max(ABILITIES_MAX * 11, { error: `Name at most ${ABILITIES_MAX} comments` })
    .regex(/^\d{1,10}(,\d{1,10})*$/, { error: 'ids must be comment ids separated by commas' })
    .optional()
    .transform((value) => (value ? [...new Set(value.split(',').map(Number))] : []))
    .refine((ids) => ids.length <= ABILITIES_MAX, { error: `Name at most ${ABILITIES_MAX} comments` }),
});
export const discussionQuerySchema = z.object({
  sort: z.enum(DISCUSSION_SORTS, { error: 'Sort by activity, newest or title' }).default('activity'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: limit,
});
export const moderationQuerySchema = z.object({
  state: z.enum(['open', 'hidden'], { error: 'State must be open or hidden' }).default('open'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: limit,
});

export { parse } from '../../../../common/plugin';
