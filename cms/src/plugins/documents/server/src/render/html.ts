/**
 * A document as HTML for readers without JavaScript, written from the stored JSON by hand: every
 * piece of text and every attribute value goes through escapeHtml, links and images pass the
 * contract's checks, and a node this file does not know gives only its text.
 */
import { isAllowedDocumentImage } from '@futurenhs/contract/document-schema';
import {
  childrenOf,
  headingLevel,
  inlineText,
  intAttr,
  isHeaderRow,
  isInline,
  marksOf,
  MAX_DEPTH,
  printable,
  safeHref,
  stringAttr,
  textOf,
  type DocumentJson,
  type Mark,
} from './nodes';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text and in a double- or single-quoted attribute value. */
export function escapeHtml(value: string): string {
  return printable(String(value)).replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

export function documentHtml(json: DocumentJson): string {
  if (!json || typeof json !== 'object') return '';
  return json.type === 'doc' ? blocks(json, 0) : block(json, 0);
}

function blocks(parent: DocumentJson, depth: number): string {
  return childrenOf(parent)
    .map((child) => block(child, depth + 1))
    .join('');
}

function block(node: DocumentJson, depth: number): string {
  if (depth > MAX_DEPTH) return '';
  switch (node.type) {
    case 'paragraph':
      return `<p>${inline(node, depth)}</p>\n`;
    case 'heading': {
      const level = headingLevel(node);
      return `<h${level}>${inline(node, depth)}</h${level}>\n`;
    }
    case 'blockquote':
      return `<blockquote>\n${blocks(node, depth)}</blockquote>\n`;
    case 'bulletList':
      return `<ul>\n${blocks(node, depth)}</ul>\n`;
    case 'orderedList': {
      const start = intAttr(node, 'start', 1, 1_000_000);
      return `<ol${start === 1 ? '' : ` start="${start}"`}>\n${blocks(node, depth)}</ol>\n`;
    }
    case 'listItem':
      return `<li>${blocks(node, depth)}</li>\n`;
    case 'codeBlock':
      return `<pre><code>${escapeHtml(inlineText(node))}</code></pre>\n`;
    case 'horizontalRule':
      return '<hr>\n';
    case 'image':
      return image(node);
    case 'table':
      return table(node, depth);
    case 'text':
    case 'hardBreak':
      // Inline content where a block belongs (only in malformed JSON): shown as a paragraph.
      return `<p>${inline({ type: 'paragraph', content: [node] }, depth)}</p>\n`;
    default:
      return unknown(node, depth);
  }
}

/** Not in the schema: its text, as a paragraph or as the blocks it holds, never its markup. */
function unknown(node: DocumentJson, depth: number): string {
  if (isInline(node)) {
    const text = inlineText(node);
    return text ? `<p>${escapeWithBreaks(text)}</p>\n` : '';
  }
  return blocks(node, depth);
}

function image(node: DocumentJson): string {
  const src = stringAttr(node, 'src');
  if (!isAllowedDocumentImage(src)) return '';
  const title = stringAttr(node, 'title');
  return `<img src="${escapeHtml(src)}" alt="${escapeHtml(stringAttr(node, 'alt'))}"${title ? ` title="${escapeHtml(title)}"` : ''} loading="lazy">\n`;
}

function table(node: DocumentJson, depth: number): string {
  const rows = childrenOf(node).filter((row) => row.type === 'tableRow');
  if (!rows.length) return '';
  const head = isHeaderRow(rows[0]) ? rows[0] : undefined;
  const body = head ? rows.slice(1) : rows;
  let html = '<table class="nhsuk-table">\n';
  if (head) html += `<thead class="nhsuk-table__head">\n${row(head, 'col', depth)}</thead>\n`;
  if (body.length) html += `<tbody class="nhsuk-table__body">\n${body.map((each) => row(each, 'row', depth)).join('')}</tbody>\n`;
  return `${html}</table>\n`;
}

/** Header cells in the head label columns; header cells in a body row label that row. */
function row(node: DocumentJson, scope: 'col' | 'row', depth: number): string {
  const cells = childrenOf(node)
    .map((cell) => {
      const span = spans(cell);
      const content = blocks(cell, depth + 1);
      if (cell.type === 'tableHeader') return `<th scope="${scope}" class="nhsuk-table__header"${span}>${content}</th>`;
      return `<td class="nhsuk-table__cell"${span}>${content}</td>`;
    })
    .join('');
  return `<tr class="nhsuk-table__row">${cells}</tr>\n`;
}

function spans(cell: DocumentJson): string {
  const colspan = intAttr(cell, 'colspan', 1, 1000);
  const rowspan = intAttr(cell, 'rowspan', 1, 1000);
  return (colspan > 1 ? ` colspan="${colspan}"` : '') + (rowspan > 1 ? ` rowspan="${rowspan}"` : '');
}

function inline(node: DocumentJson, depth: number): string {
  return childrenOf(node)
    .map((child) => {
      if (child.type === 'text') return marked(escapeHtml(textOf(child)), marksOf(child));
      if (child.type === 'hardBreak') return '<br>';
      if (depth > MAX_DEPTH) return '';
      // An inline node the schema does not have: its text, unmarked.
      return escapeWithBreaks(inlineText(child));
    })
    .join('');
}

function escapeWithBreaks(text: string): string {
  return text.split('\n').map(escapeHtml).join('<br>');
}

/** Wraps already-escaped text in its marks: the link outermost, so one link holds its styled words. */
function marked(html: string, marks: Mark[]): string {
  if (!html) return '';
  const ordered = [...marks].sort((a, b) => rank(b) - rank(a));
  return ordered.reduce((inner, mark) => wrap(inner, mark), html);
}

const RANK: Record<string, number> = { link: 0, comment: 1, bold: 2, italic: 3, underline: 4, strike: 5, code: 6 };
const rank = (mark: Mark) => RANK[mark.type] ?? 99;

function wrap(html: string, mark: Mark): string {
  switch (mark.type) {
    case 'bold':
      return `<strong>${html}</strong>`;
    case 'italic':
      return `<em>${html}</em>`;
    case 'underline':
      return `<u>${html}</u>`;
    case 'strike':
      return `<s>${html}</s>`;
    case 'code':
      return `<code>${html}</code>`;
    case 'link': {
      const href = safeHref(mark);
      if (!href) return html;
      return `<a href="${escapeHtml(href)}" rel="nofollow ugc noopener">${html}</a>`;
    }
    case 'comment': {
      const id = stringAttr(mark, 'commentId');
      if (!/^\d{1,12}$/.test(id)) return html;
      return `<mark class="app-document__comment" data-comment-id="${id}">${html}</mark>`;
    }
    default:
      return html;
  }
}
