import { z } from 'zod';
import { authorSchema as forumAuthorSchema, optionalPlainText, plainText } from '../forum/schemas.ts';

/**
 * The forum plugin's moderation answers (GET /api/forum/workspaces/:slug/moderation, see
 * /work/notes/forum-api.md), validated on the way in. Only what the queue renders is described.
 * Plain text (names, titles, reasons) is escaped when rendered, but Unicode direction overrides
 * survive escaping and can disguise what a manager reads, so they are removed here.
 */
const plain = plainText;
const optionalPlain = optionalPlainText;

// The forum's author, cleaned the same way wherever a comment's author is shown.
const authorSchema = forumAuthorSchema.nullish().transform((value) => value ?? null);
export type ModerationAuthor = z.output<typeof authorSchema>;

export const MODERATION_STATES = ['open', 'hidden'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

// sitePath becomes a link: only a path on this site, never another host or a script URL.
const sitePathSchema = z.string().regex(/^\/(?![/\\])[^\s<>"]*$/, 'Expected a path on this site');

export const moderationItemSchema = z.object({
  comment: z.object({
    id: z.number().int().positive(),
    parentId: z.number().int().nullish().transform((value) => value ?? null),
    author: authorSchema,
    createdAt: z.string(),
    editedAt: z.string().nullish().transform((value) => value ?? null),
    state: z.enum(['visible', 'removed', 'hidden']),
    // Shown to managers even when hidden; null once removed.
    body: z.string().nullish().transform((value) => value ?? null),
    hiddenReason: optionalPlain,
  }),
  thread: z.object({
    kind: z.enum(['discussion', 'page', 'case-study']),
    id: z.number().int(),
    title: plain,
    sitePath: sitePathSchema,
  }),
  reports: z
    .array(z.object({ id: z.number().int(), reason: plain, reporter: authorSchema, createdAt: z.string() }))
    .default([]),
});
export type ModerationItem = z.output<typeof moderationItemSchema>;

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
