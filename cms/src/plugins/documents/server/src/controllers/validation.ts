import { BIDI_CONTROLS, DOCUMENT_COMMENT_MAX, DOCUMENT_NAME_MAX, DOCUMENT_VERSION_NAME_MAX, EXPORT_FORMATS } from '@futurenhs/contract';
import { z } from '@strapi/utils';
import { idSchema, nameOf, text } from '../../../../files/server/src/controllers/validation';

export { idSchema };

// Names, text and ids are read as the files plugin reads them: a document is one of its items.
export const newDocumentSchema = z.object({
  name: nameOf(DOCUMENT_NAME_MAX, 'The name', 'Enter a name for the document'),
  folderId: z.union([z.null(), idSchema('The folder')]).optional().default(null),
});

export const versionNameSchema = z.object({ name: text(DOCUMENT_VERSION_NAME_MAX, 'The version name', 'Enter a name for this version') });

export const newCommentSchema = z.object({
  quote: z
    .string()
    .optional()
    .default('')
    .transform((value) => value.normalize('NFC').replace(BIDI_CONTROLS, '').trim().slice(0, 500)),
  body: text(DOCUMENT_COMMENT_MAX, 'A comment', 'Enter your comment'),
});

export const replySchema = z.object({ body: text(DOCUMENT_COMMENT_MAX, 'A reply', 'Enter your reply') });

export const resolvedSchema = z.object({ resolved: z.boolean({ error: 'Say whether the comment is resolved (true or false)' }) });

export const formatSchema = z.enum(EXPORT_FORMATS, { error: 'Export as docx or pdf' });
