import { errors } from '@strapi/utils';
import type { CommentSort } from '../constants';

/**
 * "Show more" positions. A cursor names the last comment shown (and, sorted by likes, its like
 * count), so the next page starts right after it whatever was posted meanwhile: new comments
 * never make a page repeat or skip one, as page numbers would.
 */
export interface CommentCursor {
  id: number;
  likes?: number;
}

export function encodeCursor(cursor: CommentCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(value: string | undefined): CommentCursor | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>;
    const ok =
      Number.isSafeInteger(parsed.id) && (parsed.id as number) > 0 && (parsed.likes === undefined || (Number.isSafeInteger(parsed.likes) && (parsed.likes as number) >= 0));
    if (ok) return { id: parsed.id as number, likes: parsed.likes as number | undefined };
  } catch {
    // Falls through to the refusal below.
  }
  throw new errors.ValidationError('This "show more" link is not valid: go back to the first comments', {
    errors: [{ path: ['after'], message: 'Not a valid cursor' }],
  });
}

/** Where-clause and order for one page of comments after `cursor`, sorted by `sort`. */
export function pageOf(sort: CommentSort, cursor: CommentCursor | null) {
  if (sort === 'oldest') {
    return { where: cursor ? { id: { $gt: cursor.id } } : {}, orderBy: [{ id: 'asc' as const }] };
  }
  if (sort === 'liked') {
    const where = cursor
      ? { $or: [{ likeCount: { $lt: cursor.likes ?? 0 } }, { likeCount: cursor.likes ?? 0, id: { $lt: cursor.id } }] }
      : {};
    return { where, orderBy: [{ likeCount: 'desc' as const }, { id: 'desc' as const }] };
  }
  return { where: cursor ? { id: { $lt: cursor.id } } : {}, orderBy: [{ id: 'desc' as const }] };
}

export function cursorAfter(sort: CommentSort, last: { id: number; likeCount: number }): string {
  return encodeCursor(sort === 'liked' ? { id: last.id, likes: last.likeCount } : { id: last.id });
}
