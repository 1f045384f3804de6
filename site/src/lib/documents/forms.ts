import { DOCUMENT_COMMENT_MAX, DOCUMENT_NAME_MAX, DOCUMENT_VERSION_NAME_MAX } from '@futurenhs/contract';
import { z } from 'zod';

/**
 * What the documents' forms accept; the CMS checks the same limits again (contract/src/documents.ts).
 * The same schemas check the editor's JSON, so its messages match the pages'.
 */
const limited = (max: number, label: string, missing: string) =>
  z
    .string()
    .trim()
    .min(1, missing)
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`);

export const documentFormSchema = z.object({
  name: limited(DOCUMENT_NAME_MAX, 'The document name', 'Enter a document name').refine((value) => !/[\\/]/.test(value), 'The document name cannot contain / or \\'),
});
export const DOCUMENT_FIELDS = ['name'] as const;

export const versionFormSchema = z.object({ name: limited(DOCUMENT_VERSION_NAME_MAX, 'The version name', 'Enter a name for the version') });

export const commentBody = limited(DOCUMENT_COMMENT_MAX, 'The comment', 'Enter a comment');
export const replyBody = limited(DOCUMENT_COMMENT_MAX, 'The reply', 'Enter a reply');

/** The quoted words a comment is made on: the editor's selection, trimmed to what the CMS keeps. */
export const commentQuote = z
  .string()
  .transform((value) => value.replace(/\s+/g, ' ').trim().slice(0, DOCUMENT_COMMENT_MAX))
  .pipe(z.string().min(1, 'Select the words to comment on'));

export const COMMENT_ACTIONS = ['reply', 'resolve', 'reopen'] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

/** A comment's id from a form or a URL segment. */
export const commentId = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/)
  .transform(Number);
