import { DOCUMENT_COMMENTS_MAX, DOCUMENT_REPLIES_MAX, type DocumentComment } from '@futurenhs/contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { COMMENTS_TABLE } from '../constants';
import { accounts, refusal } from '../utils';

const { NotFoundError } = errors;

interface CommentRow {
  id: number;
  item_id: number;
  parent_id: number | null;
  quote: string;
  body: string;
  author_id: number | null;
  resolved: boolean | number;
  resolved_by: number | null;
  resolved_at: string | Date | null;
  created_at: string | Date;
}

const iso = (value: string | Date) => new Date(value).toISOString();

/**
 * Comments anchored to a document's text (docs/documents.md#comments). The document holds only a
 * mark with the comment's id where it applies; the words, their author and whether the thread is
 * resolved are kept here, written by the CMS with the signed-in member as author, so nobody can
 * post in another's name by editing the document.
 */
export const commentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  async function threadOf(itemId: number, commentId: number): Promise<CommentRow> {
    const row = (await knex()(COMMENTS_TABLE).where({ item_id: itemId, id: commentId }).whereNull('parent_id').first()) as CommentRow | undefined;
    if (!row) throw new NotFoundError('This comment does not exist');
    return row;
  }

  async function shaped(rows: CommentRow[]): Promise<DocumentComment[]> {
    const people = await accounts(strapi).people.byId(rows.flatMap((row) => [row.author_id, row.resolved_by]));
    const person = (id: number | null) => (id === null ? null : (people.get(id) ?? null));
    const threads = rows.filter((row) => row.parent_id === null);
    return threads.map((thread) => ({
      id: thread.id,
      quote: thread.quote,
      body: thread.body,
      author: person(thread.author_id),
      createdAt: iso(thread.created_at),
      resolved: Boolean(thread.resolved),
      resolvedBy: person(thread.resolved_by),
      resolvedAt: thread.resolved_at ? iso(thread.resolved_at) : null,
      replies: rows
        .filter((row) => row.parent_id === thread.id)
        .map((reply) => ({ id: reply.id, body: reply.body, author: person(reply.author_id), createdAt: iso(reply.created_at) })),
    }));
  }

  return {
    async list(itemId: number): Promise<DocumentComment[]> {
      const rows = (await knex()(COMMENTS_TABLE).where('item_id', itemId).orderBy('id', 'asc')) as CommentRow[];
      return shaped(rows);
    },

    async add(itemId: number, authorId: number, input: { quote?: string; body: string }): Promise<DocumentComment> {
      const count = Number((await knex()(COMMENTS_TABLE).where('item_id', itemId).whereNull('parent_id').count({ n: '*' }).first())?.n ?? 0);
      if (count >= DOCUMENT_COMMENTS_MAX) throw refusal(`This document has ${DOCUMENT_COMMENTS_MAX} comments, the most it can hold: resolve and reply to those`);
      const [row] = (await knex()(COMMENTS_TABLE)
        .insert({ item_id: itemId, parent_id: null, quote: input.quote ?? '', body: input.body, author_id: authorId, created_at: new Date() })
        .returning('*')) as CommentRow[];
      return (await shaped([row!]))[0]!;
    },

    async reply(itemId: number, commentId: number, authorId: number, body: string): Promise<DocumentComment> {
      await threadOf(itemId, commentId);
      const count = Number((await knex()(COMMENTS_TABLE).where('parent_id', commentId).count({ n: '*' }).first())?.n ?? 0);
      if (count >= DOCUMENT_REPLIES_MAX) throw refusal(`This comment has ${DOCUMENT_REPLIES_MAX} replies, the most it can hold: start a new comment`);
      await knex()(COMMENTS_TABLE).insert({ item_id: itemId, parent_id: commentId, quote: '', body, author_id: authorId, created_at: new Date() });
      return this.one(itemId, commentId);
    },

    async resolve(itemId: number, commentId: number, actorId: number, resolved: boolean): Promise<DocumentComment> {
      await threadOf(itemId, commentId);
      await knex()(COMMENTS_TABLE)
        .where('id', commentId)
        .update(resolved ? { resolved: true, resolved_by: actorId, resolved_at: new Date() } : { resolved: false, resolved_by: null, resolved_at: null });
      return this.one(itemId, commentId);
    },

    async one(itemId: number, commentId: number): Promise<DocumentComment> {
      const rows = (await knex()(COMMENTS_TABLE)
        .where('item_id', itemId)
        .andWhere((builder) => builder.where('id', commentId).orWhere('parent_id', commentId))
        .orderBy('id', 'asc')) as CommentRow[];
      return (await shaped(rows))[0]!;
    },
  };
};
