export * from './catalogue.ts';
export * from './parse-blocks.ts';
export * from './validate-input.ts';
export { renderMarkdown, renderCommentMarkdown, cleanText } from './lib/markdown.ts';
export { ukDateTime } from './lib/uk-time.ts';
export type * from './types.ts';
export { HEADING_LEVELS, SAFE_URL_PATTERN } from './lib/fields.ts';
export type { HeadingLevel } from './lib/fields.ts';
export { fieldKinds, fieldKind, markdownPlainText } from './lib/fields.ts';
export type { FieldKind, FieldKindName, FormContext, FormInput, FormReading, InputCommon, KindForm, MediaRead, PostedForm, Reference, ReferenceKind } from './lib/fields.ts';
export { formChecks, formInputs, listBounds, newFormValue, readFormFields } from './lib/form-fields.ts';
export type { FormInputsContext } from './lib/form-fields.ts';
export {
  OMIT,
  walkFields,
  mapFields,
  toInputFields,
  toReadFields,
  shapeFields,
  completeFields,
  documentFields,
  referencesOf,
  referenceIds,
  holdsReference,
  plainTextOf,
  emptyValueOf,
} from './lib/walk-fields.ts';
export type { FieldEntry, FieldPath, FieldValues, Fields, FoundReference, MapOptions } from './lib/walk-fields.ts';
export type { Field } from './lib/fields.ts';
