/**
 * Reading ProseMirror JSON defensively: the renderers walk stored JSON themselves, so a field of
 * the wrong type or a node nested absurdly deep must give less output, never a thrown error.
 */
import { isAllowedDocumentLink, type DocumentJson } from '@futurenhs/contract/document-schema';

export type { DocumentJson };

/** Deeper than any list a person nests; past it content is dropped rather than risk the stack. */
export const MAX_DEPTH = 64;

export type Mark = NonNullable<DocumentJson['marks']>[number];

export function childrenOf(node: DocumentJson | undefined): DocumentJson[] {
  const content = node?.content;
  return Array.isArray(content) ? content.filter((child): child is DocumentJson => !!child && typeof child === 'object') : [];
}

export function marksOf(node: DocumentJson): Mark[] {
  const marks = node.marks;
  return Array.isArray(marks) ? marks.filter((mark): mark is Mark => !!mark && typeof mark === 'object' && typeof mark.type === 'string') : [];
}

export function attr(node: { attrs?: Record<string, unknown> }, name: string): unknown {
  const attrs = node.attrs;
  return attrs && typeof attrs === 'object' ? attrs[name] : undefined;
}

export function stringAttr(node: { attrs?: Record<string, unknown> }, name: string): string {
  const value = attr(node, name);
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** A small positive integer attribute (list start, colspan), or the fallback when absent or silly. */
export function intAttr(node: DocumentJson, name: string, fallback: number, max: number): number {
  const value = Number(attr(node, name));
  return Number.isInteger(value) && value >= 1 && value <= max ? value : fallback;
}

/** Headings 2-4 only (the document's name is the level 1 heading); anything else is brought in range. */
export function headingLevel(node: DocumentJson): 2 | 3 | 4 {
  const level = Number(attr(node, 'level'));
  if (level >= 4) return 4;
  if (level === 3) return 3;
  return 2;
}

export function textOf(node: DocumentJson): string {
  return typeof node.text === 'string' ? node.text : '';
}

/**
 * Characters XML 1.0 cannot hold (C0 controls but tab and newline, lone surrogates, U+FFFE/F):
 * a DOCX holding one is refused by Word, and none has a glyph anywhere.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function printable(value: string): string {
  return value.replace(UNPRINTABLE, '');
}

/**
 * The node's text with hard breaks as newlines and anything unknown read for its text only:
 * what a block says when its marks and structure are not wanted.
 */
export function inlineText(node: DocumentJson, depth = 0): string {
  if (depth > MAX_DEPTH) return '';
  if (node.type === 'text') return printable(textOf(node));
  if (node.type === 'hardBreak') return '\n';
  return childrenOf(node)
    .map((child) => inlineText(child, depth + 1))
    .join('');
}

/** Inline content: text, hard breaks, and unknown nodes holding nothing but those. */
export function isInline(node: DocumentJson, depth = 0): boolean {
  if (node.type === 'text' || node.type === 'hardBreak') return true;
  if (KNOWN_BLOCKS.has(node.type) || depth > MAX_DEPTH) return false;
  return childrenOf(node).every((child) => isInline(child, depth + 1));
}

export const KNOWN_BLOCKS = new Set([
  'doc',
  'paragraph',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
  'codeBlock',
  'horizontalRule',
  'image',
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
]);

/** A row whose cells are all header cells is the table's head: its headers label columns. */
export function isHeaderRow(row: DocumentJson): boolean {
  const cells = childrenOf(row);
  return cells.length > 0 && cells.every((cell) => cell.type === 'tableHeader');
}

/**
 * A link's address when the contract allows it, or null. Browsers drop tabs and newlines from an
 * address and read a leading `/\` as `//`, so `/<tab>/evil.example` or `/\evil.example` would leave
 * the site while looking like a path: those are refused here as well.
 */
export function safeHref(mark: Mark): string | null {
  const href = stringAttr(mark, 'href').replace(/[\t\n\r]/g, '').trim();
  if (!href || !isAllowedDocumentLink(href)) return null;
  if (/^\/[\/\\]/.test(href)) return null;
  return href;
}

/** A link that leaves the site (web or email), as opposed to a path on it. */
export function isExternalHref(href: string): boolean {
  return !href.startsWith('/');
}
