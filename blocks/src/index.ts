export * from './catalogue.ts';
export * from './parse-blocks.ts';
export { renderMarkdown, cleanText } from './lib/markdown.ts';
export type * from './types.ts';
