import { z } from 'zod';
import { isoTime, optionalPlainText, plainText, sitePathSchema } from './text.ts';

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

// -------------------------------------------------------------------------------------------
// The forum plugin's answers (cms/src/plugins/forum/README.md), as the site and the latest-discussions
// block read them: a shape these do not describe is a CMS fault (the site's parseCms throws), never a
// half-rendered thread. Only the fields the site renders are described; names, job titles,
// organisations, titles and reasons come from members and lose their direction overrides here.

export const THREAD_KINDS = ['discussion', 'page', 'case-study'] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];

const orNull = <S extends z.ZodType>(schema: S) => schema.nullish().transform((value) => value ?? null);

export const authorSchema = z.object({
  id: z.coerce.number(),
  name: plainText,
  jobTitle: optionalPlainText,
  organisation: optionalPlainText,
});
export type Author = z.infer<typeof authorSchema>;

const commentFields = {
  id: z.number().int(),
  parentId: orNull(z.number().int()),
  author: orNull(authorSchema),
  createdAt: z.string(),
  editedAt: orNull(z.string()),
  state: z.enum(COMMENT_STATES),
  removedBy: orNull(z.enum(['author', 'manager'])),
  body: orNull(z.string()),
  likeCount: z.number().int().nonnegative().default(0),
  replyCount: z.number().int().nonnegative().default(0),
};

export interface ForumComment {
  id: number;
  parentId: number | null;
  author: Author | null;
  createdAt: string;
  editedAt: string | null;
  state: CommentState;
  removedBy: 'author' | 'manager' | null;
  body: string | null;
  likeCount: number;
  replyCount: number;
  replies: ForumComment[];
}

export const replySchema = z.object(commentFields).transform((comment) => ({ ...comment, replies: [] as ForumComment[] }));
export const commentSchema = z.object({ ...commentFields, replies: z.array(replySchema).default([]) });

export const threadSchema = z.object({
  kind: z.enum(THREAD_KINDS),
  title: z.string(),
  locked: z.boolean().default(false),
  commentCount: z.number().int().nonnegative().default(0),
});
export type ThreadInfo = z.infer<typeof threadSchema>;

/** GET …/comments: a page of top-level comments with their first replies. */
export const commentPageSchema = z.object({
  data: z.array(commentSchema),
  meta: z.object({
    thread: threadSchema,
    nextCursor: orNull(z.string()),
    total: z.number().int().nonnegative().default(0),
  }),
});
export type CommentPage = { comments: ForumComment[]; thread: ThreadInfo; nextCursor: string | null; total: number };

/** GET …/comments/:id/replies: one comment and a page of its replies. */
export const repliesSchema = z.object({
  data: z.object({ comment: commentSchema, replies: z.array(replySchema) }),
  meta: z.object({ nextCursor: orNull(z.string()) }).default({ nextCursor: null }),
});
export type RepliesPage = { comment: ForumComment; replies: ForumComment[]; nextCursor: string | null };

/** GET …/comments/:id/likes: who liked a comment. */
export const likersSchema = z.object({ data: z.array(authorSchema) });

/** One discussion as the workspace's list shows it (and the latest-discussions block). */
export const discussionCardSchema = z.object({
  id: z.number().int().positive(),
  title: plainText,
  author: orNull(authorSchema),
  createdAt: isoTime,
  pinned: z.boolean().default(false),
  locked: z.boolean().default(false),
  commentCount: z.number().int().nonnegative().default(0),
  lastActivityAt: isoTime,
  lastComment: orNull(z.object({ id: z.number().int(), author: orNull(authorSchema), createdAt: z.string(), excerpt: z.string() })),
});
export type DiscussionCard = z.output<typeof discussionCardSchema>;

export const discussionSchema = discussionCardSchema.extend({
  body: z.string().default(''),
  editedAt: orNull(z.string()),
});
export type Discussion = z.infer<typeof discussionSchema>;

/** GET /api/forum/workspaces/:slug/discussions. */
export const discussionListSchema = z.object({
  data: z.array(discussionCardSchema),
  meta: z.object({
    pagination: z.object({ page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int(), total: z.number().int() }),
  }),
});
export type DiscussionList = { discussions: DiscussionCard[]; page: number; pageCount: number; total: number };

export const discussionResponseSchema = z.object({ data: discussionSchema });
export const createdSchema = z.object({ data: z.object({ id: z.coerce.number() }) });

// -------------------------------------------------------------------------------------------
// Moderation (GET /api/forum/workspaces/:slug/moderation): what the queue renders.

export const MODERATION_STATES = ['open', 'hidden'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

export const moderationItemSchema = z.object({
  comment: z.object({
    id: z.number().int().positive(),
    parentId: orNull(z.number().int()),
    author: orNull(authorSchema),
    createdAt: z.string(),
    editedAt: orNull(z.string()),
    state: z.enum(COMMENT_STATES),
    // Shown to managers even when hidden; null once removed.
    body: orNull(z.string()),
    hiddenReason: optionalPlainText,
  }),
  thread: z.object({
    kind: z.enum(THREAD_KINDS),
    id: z.number().int(),
    title: plainText,
    // It becomes a link.
    sitePath: sitePathSchema,
  }),
  reports: z.array(z.object({ id: z.number().int(), reason: plainText, reporter: orNull(authorSchema), createdAt: z.string() })).default([]),
});
export type ModerationItem = z.output<typeof moderationItemSchema>;
export type ModerationAuthor = ModerationItem['comment']['author'];

export const moderationPageSchema = z.object({
  data: z.array(moderationItemSchema),
  meta: z
    .object({
      pagination: z.object({ page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int(), total: z.number().int() }).partial(),
    })
    .partial()
    .optional(),
});

export const moderationActionSchema = z.object({
  data: z.object({ ok: z.boolean().optional(), message: z.string().optional() }).passthrough(),
});
