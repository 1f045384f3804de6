export { documentHtml, escapeHtml } from './html';
export { documentBlocks, documentText, documentWords } from './text';
export { documentDiff, diffBlocks } from './diff';
export { documentDocx } from './docx';
export { documentPdf } from './pdf';
export type { ExportOptions, ResolveImage, ResolvedImage } from './export-options';
export { EVERY_KIND_DOCUMENT, EVERY_KIND_WORDS, EVERY_KIND_IMAGE_SRC, EVERY_KIND_IMAGE_ALT, EVERY_KIND_LINK_HREF, EVERY_KIND_COMMENT_ID, TINY_PNG } from './fixtures';
