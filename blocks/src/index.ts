export * from './catalogue.ts';
export * from './parse-blocks.ts';
export * from './validate-input.ts';
export { renderMarkdown, renderCommentMarkdown, cleanText } from './lib/markdown.ts';
export { ukDateTime } from './lib/uk-time.ts';
export type * from './types.ts';
export { HEADING_LEVELS, SAFE_URL_PATTERN } from './lib/fields.ts';
export type { HeadingLevel } from './lib/fields.ts';
