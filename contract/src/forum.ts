import { z } from 'zod';

/** The forum's limits (cms/src/plugins/forum): the CMS refuses past them, the site's forms say so first. */
export const DISCUSSION_TITLE_MAX = 100;
export const DISCUSSION_BODY_MAX = 20_000;
export const COMMENT_BODY_MAX = 5_000;
/** A report's reason, and a moderator's reason for hiding a comment (its author is shown it). */
export const REASON_MAX = 500;

/** Replies shown under each top-level comment of a page; the rest are one "show all" away. */
export const FIRST_REPLIES = 3;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;

export const COMMENT_SORTS = ['newest', 'oldest', 'liked'] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];
export const DISCUSSION_SORTS = ['activity', 'newest', 'title'] as const;
export type DiscussionSort = (typeof DISCUSSION_SORTS)[number];

export const COMMENT_STATES = ['visible', 'removed', 'hidden'] as const;
export type CommentState = (typeof COMMENT_STATES)[number];

/**
 * What the asker may do with one comment, as the CMS decides it (`commentAbilities` in
 * cms/src/plugins/forum/server/src/services/comments.ts, the rule its writes enforce). The site
 * shows an action only when told it may.
 */
export const COMMENT_ACTIONS = ['like', 'report', 'reply', 'edit', 'delete', 'hide'] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];
export type CommentAbilities = Record<CommentAction, boolean>;

/** Nothing: what the site assumes of a comment the CMS said nothing about (it fails closed). */
export const NO_COMMENT_ABILITIES: CommentAbilities = Object.freeze({ like: false, report: false, reply: false, edit: false, delete: false, hide: false });

const abilitiesSchema = z.object(Object.fromEntries(COMMENT_ACTIONS.map((action) => [action, z.boolean().catch(false)])) as Record<CommentAction, z.ZodCatch<z.ZodBoolean>>);

/**
 * The asker's own facts about one thread (GET …/comments/mine): what differs per reader, so it is
 * never in the comment lists every reader shares. `can` covers the comments the asker is shown
 * (the ids they name); a comment missing from it gets no action.
 */
export const mineSchema = z.object({
  data: z.object({
    liked: z.array(z.number().int()).default([]),
    hidden: z.array(z.object({ id: z.number().int(), reason: z.string().nullish().transform((value) => value ?? '') })).default([]),
    can: z.record(z.string(), abilitiesSchema).default({}),
  }),
});
export type Mine = z.output<typeof mineSchema>['data'];
