import { documentSchema as schemaOf } from '@futurenhs/contract/document-schema';
import { getSchema, Mark, mergeAttributes } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { Schema } from '@tiptap/pm/model';

let schema: Schema | undefined;

/**
 * The documents' ProseMirror schema, built from the CMS's own (CommonJS) TipTap, so it shares one
 * copy of prosemirror-model with y-prosemirror: nodes from another copy would be refused.
 */
export function documentSchema(): Schema {
  schema ??= schemaOf({ getSchema, Mark, mergeAttributes, StarterKit, TableKit, Image });
  return schema;
}
