import { booleanKind } from './boolean.ts';
import { caseStudyKind } from './case-study.ts';
import { choiceKind } from './choice.ts';
import { imageKind } from './image.ts';
import { integerKind } from './integer.ts';
import type { Field, FieldKind, FieldKindName } from './kind.ts';
import { listKind } from './list.ts';
import { markdownKind } from './markdown.ts';
import { textKind } from './text.ts';
import { urlKind } from './url.ts';

/**
 * Every field kind, by the name a field declares. A kind is one module of this folder, owning its
 * field factories (zod schema, Strapi attribute, populate) and its behaviour (kind.ts: FieldKind);
 * a new kind is a new module and one entry here.
 */
export const fieldKinds: Record<FieldKindName, FieldKind> = {
  text: textKind,
  multiline: textKind,
  markdown: markdownKind,
  url: urlKind,
  choice: choiceKind,
  boolean: booleanKind,
  integer: integerKind,
  image: imageKind,
  'case-study': caseStudyKind,
  list: listKind,
};

export function fieldKind(field: Pick<Field, 'kind'>): FieldKind {
  const kind = fieldKinds[field.kind];
  if (!kind) throw new Error(`Unknown field kind "${field.kind}"`);
  return kind;
}

export * from './kind.ts';
export { text, textWithDefault, multiline } from './text.ts';
export { markdown, markdownPlainText } from './markdown.ts';
export { url, SAFE_URL_PATTERN } from './url.ts';
export { choice, headingLevel, headingBelow, HEADING_LEVELS, type HeadingLevel } from './choice.ts';
export { boolean } from './boolean.ts';
export { integer, integerWithDefault } from './integer.ts';
export { image, imageSchema, type Image } from './image.ts';
export { caseStudy, caseStudyReferenceSchema, type CaseStudyReference } from './case-study.ts';
export { list, partUid, populateFor, type ObjectShape, type ListItemInput, type ListItemOutput } from './list.ts';
