import { cleanText } from '@futurenhs/blocks';
import { COMMENT_STATES } from '@futurenhs/contract';
import { z } from 'zod';

/**
 * The forum plugin's answers (/work/notes/forum-api.md, issue 4), validated on the way in: a
 * shape the contract does not promise is a CMS fault (parseCms throws), never a half-rendered
 * thread. Only the fields the site renders are described.
 */
/**
 * Names, job titles and organisations come from members' profiles: escaping on render keeps them
 * inert, but Unicode direction overrides survive escaping and could disguise who wrote what.
 */
export const plainText = z.string().transform((value) => cleanText(value));
export const optionalPlainText = z
  .string()
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : cleanText(value)));

export const authorSchema = z.object({
  id: z.coerce.number(),
  name: plainText,
  jobTitle: optionalPlainText,
  organisation: optionalPlainText,
});
export type Author = z.infer<typeof authorSchema>;

const commentFields = {
  id: z.number().int(),
  parentId: z.number().int().nullish().transform((value) => value ?? null),
  author: authorSchema.nullish().transform((value) => value ?? null),
  createdAt: z.string(),
  editedAt: z.string().nullish().transform((value) => value ?? null),
  state: z.enum(COMMENT_STATES),
  removedBy: z.enum(['author', 'manager']).nullish().transform((value) => value ?? null),
  body: z.string().nullish().transform((value) => value ?? null),
  likeCount: z.number().int().nonnegative().default(0),
  replyCount: z.number().int().nonnegative().default(0),
};

export const replySchema = z.object(commentFields).transform((comment) => ({ ...comment, replies: [] as ForumComment[] }));
export const commentSchema = z.object({ ...commentFields, replies: z.array(replySchema).default([]) });

export interface ForumComment {
  id: number;
  parentId: number | null;
  author: Author | null;
  createdAt: string;
  editedAt: string | null;
  state: (typeof COMMENT_STATES)[number];
  removedBy: 'author' | 'manager' | null;
  body: string | null;
  likeCount: number;
  replyCount: number;
  replies: ForumComment[];
}

export const threadSchema = z.object({
  kind: z.enum(['discussion', 'page', 'case-study']),
  title: z.string(),
  locked: z.boolean().default(false),
  commentCount: z.number().int().nonnegative().default(0),
});
export type ThreadInfo = z.infer<typeof threadSchema>;

export const commentPageSchema = z.object({
  data: z.array(commentSchema),
  meta: z.object({
    thread: threadSchema,
    nextCursor: z.string().nullish().transform((value) => value ?? null),
    total: z.number().int().nonnegative().default(0),
  }),
});
export type CommentPage = { comments: ForumComment[]; thread: ThreadInfo; nextCursor: string | null; total: number };

export const repliesSchema = z.object({
  data: z.object({ comment: commentSchema, replies: z.array(replySchema) }),
  meta: z.object({ nextCursor: z.string().nullish().transform((value) => value ?? null) }).default({ nextCursor: null }),
});
export type RepliesPage = { comment: ForumComment; replies: ForumComment[]; nextCursor: string | null };

export const likersSchema = z.object({ data: z.array(authorSchema) });

export const discussionCardSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  author: authorSchema.nullish().transform((value) => value ?? null),
  createdAt: z.string(),
  pinned: z.boolean().default(false),
  locked: z.boolean().default(false),
  commentCount: z.number().int().nonnegative().default(0),
  lastActivityAt: z.string().nullish().transform((value) => value ?? null),
  lastComment: z
    .object({ id: z.number().int(), author: authorSchema.nullish().transform((value) => value ?? null), createdAt: z.string(), excerpt: z.string() })
    .nullish()
    .transform((value) => value ?? null),
});
export type DiscussionCard = z.infer<typeof discussionCardSchema>;

export const discussionSchema = discussionCardSchema.extend({
  body: z.string().default(''),
  editedAt: z.string().nullish().transform((value) => value ?? null),
});
export type Discussion = z.infer<typeof discussionSchema>;

export const discussionListSchema = z.object({
  data: z.array(discussionCardSchema),
  meta: z.object({
    pagination: z.object({ page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int(), total: z.number().int() }),
  }),
});
export type DiscussionList = { discussions: DiscussionCard[]; page: number; pageCount: number; total: number };

export const discussionResponseSchema = z.object({ data: discussionSchema });
export const createdSchema = z.object({ data: z.object({ id: z.coerce.number() }) });
