import { BIDI_CONTROLS, cleanText } from '@futurenhs/contract';
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown written by editors and members becomes HTML here and only here.
 * Raw HTML in the source is escaped, the output is sanitized against an allow-list,
 * headings are kept within levels 2–4 (the page owns h1), and every link gets
 * rel="nofollow ugc noopener" and NHS.UK classes.
 */
const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML in the source is shown as text, never interpreted.
    html({ text }) {
      return escapeHtml(text);
    },
    heading({ tokens, depth }) {
      const level = Math.min(4, Math.max(2, depth));
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

/**
 * Member comments sit inside a page that owns its heading outline, so a comment's "headings" are
 * shown as bold paragraphs, and tables (wide, hard to read on a phone, rarely meant) stay text.
 */
const commentMarked = new Marked({
  gfm: true,
  breaks: false,
  tokenizer: {
    // Returning undefined lets marked fall back to a paragraph: the table stays readable as text.
    table() {
      return undefined;
    },
  },
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    heading({ tokens }) {
      return `<p><strong>${this.parser.parseInline(tokens)}</strong></p>\n`;
    },
  },
});

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// "//host" and "/\\host" look like paths but browsers resolve them to another host.
const HOST_RELATIVE = /^[/\\]{2}|^\/\\/;

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'strong', 'em', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del'],
  allowedAttributes: {
    a: ['href', 'rel', 'class'],
    th: ['scope', 'class'],
    td: ['class'],
    tr: ['class'],
    thead: ['class'],
    tbody: ['class'],
    table: ['class'],
    ul: ['class'],
    ol: ['class'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Anything not on the list is dropped together with its content when it can only be code or markup
  // (script, style, svg, math...), otherwise unwrapped to its text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'svg', 'math', 'title', 'iframe', 'object', 'template'],
  transformTags: {
    a: (tagName, attribs) => {
      const safe: sanitizeHtml.Attributes = { class: 'nhsuk-link', rel: 'nofollow ugc noopener' };
      if (attribs.href && !HOST_RELATIVE.test(attribs.href.trim())) safe.href = attribs.href;
      return { tagName, attribs: safe };
    },
    ul: (tagName) => ({ tagName, attribs: { class: 'nhsuk-list nhsuk-list--bullet' } }),
    ol: (tagName) => ({ tagName, attribs: { class: 'nhsuk-list nhsuk-list--number' } }),
    // NHS.UK table markup; Markdown tables only have column headers, so every th is scope="col".
    table: (tagName) => ({ tagName, attribs: { class: 'nhsuk-table' } }),
    thead: (tagName) => ({ tagName, attribs: { class: 'nhsuk-table__head' } }),
    tbody: (tagName) => ({ tagName, attribs: { class: 'nhsuk-table__body' } }),
    tr: (tagName) => ({ tagName, attribs: { class: 'nhsuk-table__row' } }),
    th: (tagName) => ({ tagName, attribs: { class: 'nhsuk-table__header', scope: 'col' } }),
    td: (tagName) => ({ tagName, attribs: { class: 'nhsuk-table__cell' } }),
  },
};

/**
 * A table scrolls sideways in its own named, focusable region instead of widening a phone's page
 * (WCAG 1.4.10; the site's app-table-container). Added after sanitizing, where every table tag is
 * exactly the one transformTags wrote and text can hold no markup.
 */
const TABLE_OPEN = '<table class="nhsuk-table">';
const TABLE_REGION = '<div class="app-table-container" role="region" aria-label="Table" tabindex="0">';

function inTableRegions(html: string): string {
  return html.includes(TABLE_OPEN) ? html.replaceAll(TABLE_OPEN, `${TABLE_REGION}${TABLE_OPEN}`).replaceAll('</table>', '</table></div>') : html;
}

const COMMENT_SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  ...SANITIZE_OPTIONS,
  allowedTags: ['p', 'br', 'strong', 'em', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr', 'del'],
  allowedAttributes: { a: ['href', 'rel', 'class'], ul: ['class'], ol: ['class'] },
};

/**
 * Parsing and sanitising are a pure function of the source and were the largest part of
 * rendering a page for a signed-in member (pages for one viewer are never page-cached), so
 * results are remembered: bounded by entries, and long sources are not kept.
 */
const rendered = new Map<string, string>();
const MEMO_ENTRIES = 4000;
const MEMO_MAX_SOURCE = 16_000;

export function renderMarkdown(source: string | null | undefined): string {
  if (!source) return '';
  const remembered = rendered.get(source);
  if (remembered !== undefined) return remembered;
  const html = inTableRegions(sanitizeHtml(marked.parse(source.replace(BIDI_CONTROLS, ''), { async: false }) as string, SANITIZE_OPTIONS));
  if (source.length <= MEMO_MAX_SOURCE) {
    // Oldest first in a Map: drop it when full.
    if (rendered.size >= MEMO_ENTRIES) rendered.delete(rendered.keys().next().value!);
    rendered.set(source, html);
  }
  return html;
}

const renderedComments = new Map<string, string>();

/**
 * Markdown written by members in comments and discussions: the same sanitizer and link rules as
 * renderMarkdown, but no headings (bold paragraphs instead) and no tables. Memoised like
 * renderMarkdown because a long thread renders the same comment bodies for every reader.
 */
export function renderCommentMarkdown(source: string | null | undefined): string {
  if (!source) return '';
  const remembered = renderedComments.get(source);
  if (remembered !== undefined) return remembered;
  const html = sanitizeHtml(commentMarked.parse(source.replace(BIDI_CONTROLS, ''), { async: false }) as string, COMMENT_SANITIZE_OPTIONS);
  if (source.length <= MEMO_MAX_SOURCE) {
    if (renderedComments.size >= MEMO_ENTRIES) renderedComments.delete(renderedComments.keys().next().value!);
    renderedComments.set(source, html);
  }
  return html;
}

/** For plain-text fields: removes the direction overrides that markup escaping leaves alone (the contract's). */
export { cleanText };
