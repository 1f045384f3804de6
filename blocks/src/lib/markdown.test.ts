import { describe, expect, test } from 'vitest';
import { descendants, markupProblems, parseHtml, queryAll, tagsIn, textOf } from '../test-support/html.ts';
import { cleanText, renderCommentMarkdown, renderMarkdown } from './markdown.ts';

/** Renders and parses, so each test can ask what elements and attributes came out. */
function render(source: string) {
  const html = renderMarkdown(source);
  return { html, root: parseHtml(html) };
}

const ALLOWED_TAGS = new Set(['h2', 'h3', 'h4', 'p', 'br', 'strong', 'em', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del']);

const hostile: Array<[string, string]> = [
  ['script tag', '<script>alert(1)</script>'],
  ['script inline in a paragraph', 'Hello <script>alert(1)</script> there'],
  ['event handler on raw HTML', '<img src=x onerror=alert(1)>'],
  ['event handler on an allowed tag', '<p onclick="alert(1)">click</p>'],
  ['raw anchor with javascript:', '<a href="javascript:alert(1)">x</a>'],
  ['Markdown link with javascript:', '[x](javascript:alert(1))'],
  ['Markdown link with encoded javascript:', '[x](jav&#x61;script:alert(1))'],
  ['Markdown link with upper-case JAVASCRIPT:', '[x](JAVASCRIPT:alert(1))'],
  ['Markdown link with data:', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['Markdown link with vbscript:', '[x](vbscript:msgbox(1))'],
  ['protocol-relative link', '[x](//evil.example/phish)'],
  ['backslash host-relative link', '[x](/\\evil.example/phish)'],
  ['reference link with javascript:', '[x][1]\n\n[1]: javascript:alert(1)'],
  ['image with onerror', '![x" onerror="alert(1)](https://example.com/a.png)'],
  ['SVG with onload', '<svg onload="alert(1)"><circle r="10"/></svg>'],
  ['iframe', '<iframe src="https://evil.example"></iframe>'],
  ['style tag', '<style>body{display:none}</style>'],
  ['form', '<form action="https://evil.example"><input name="password"></form>'],
  ['HTML comment hiding a script', '<!-- --><script>alert(1)</script>'],
  ['math element', '<math><mtext><img src=x onerror=alert(1)></mtext></math>'],
  ['h1 as raw HTML', '<h1>Big</h1>'],
  ['object and embed', '<object data="x.swf"></object><embed src="x.swf">'],
];

describe('renderMarkdown', () => {
  test('renders everyday Markdown with NHS.UK classes', () => {
    const { root } = render('Some **bold** and _emphasis_.\n\n- one\n- two\n\n1. first\n2. second');
    expect(textOf(queryAll(root, 'strong')[0])).toBe('bold');
    expect(queryAll(root, 'ul.nhsuk-list.nhsuk-list--bullet li')).toHaveLength(2);
    expect(queryAll(root, 'ol.nhsuk-list.nhsuk-list--number li')).toHaveLength(2);
  });

  test('returns an empty string for empty input', () => {
    expect(renderMarkdown('')).toBe('');
    expect(renderMarkdown(null)).toBe('');
    expect(renderMarkdown(undefined)).toBe('');
  });

  test.each([
    ['# One', 'h2'],
    ['## Two', 'h2'],
    ['### Three', 'h3'],
    ['#### Four', 'h4'],
    ['##### Five', 'h4'],
    ['###### Six', 'h4'],
    ['Setext one\n===', 'h2'],
  ])('heading %j becomes <%s>', (source, tag) => {
    expect([...tagsIn(render(source).root)]).toEqual([tag]);
  });

  test('links get rel="nofollow ugc noopener", the NHS.UK link class and never a target', () => {
    const { root } = render('[NHS England](https://www.england.nhs.uk/ "title") and <https://www.nhs.uk>');
    const links = queryAll(root, 'a');
    expect(links.map((a) => a.attrs)).toEqual([
      { class: 'nhsuk-link', rel: 'nofollow ugc noopener', href: 'https://www.england.nhs.uk/' },
      { class: 'nhsuk-link', rel: 'nofollow ugc noopener', href: 'https://www.nhs.uk' },
    ]);
  });

  test('mailto:, tel: and site paths are kept as links', () => {
    const { root } = render('[mail](mailto:team@nhs.net) [call](tel:+441234567890) [page](/case-studies)');
    expect(queryAll(root, 'a').map((a) => a.attrs.href)).toEqual(['mailto:team@nhs.net', 'tel:+441234567890', '/case-studies']);
  });


  test.each(hostile)('%s comes out inert', (_name, source) => {
    const { root } = render(source);
    expect(markupProblems(root)).toEqual([]);
    for (const el of descendants(root)) {
      expect(ALLOWED_TAGS.has(el.tag), `<${el.tag}> is not allowed`).toBe(true);
      for (const name of Object.keys(el.attrs)) expect(['href', 'rel', 'class', 'scope']).toContain(name);
      if (el.attrs.href) expect(el.attrs.href).toMatch(/^(https?:\/\/|mailto:|tel:|\/(?![/\\]))/);
    }
  });

  test('raw HTML is shown as text rather than dropped, so the reader sees what was written', () => {
    const { root } = render('Use <b>bold</b> here');
    expect(tagsIn(root)).not.toContain('b');
    expect(textOf(root)).toBe('Use <b>bold</b> here');
  });

  test('Unicode direction overrides and isolates are removed', () => {
    const html = renderMarkdown('Open \u202Etxt.exe\u202C and \u2066isolated\u2069 [link\u202E](https://www.nhs.uk)');
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(textOf(parseHtml(html))).toBe('Open txt.exe and isolated link');
  });

  test('tables get NHS.UK table classes and column scope', () => {
    const { root } = render('| A | B |\n| - | - |\n| 1 | 2 |');
    expect(queryAll(root, 'table.nhsuk-table thead.nhsuk-table__head tr.nhsuk-table__row th.nhsuk-table__header[scope=col]')).toHaveLength(2);
    expect(queryAll(root, 'tbody.nhsuk-table__body td.nhsuk-table__cell')).toHaveLength(2);
  });

  test('a table scrolls in its own named, focusable region, and markup typed as text makes none', () => {
    const { root } = render('| A | B |\n| - | - |\n| 1 | 2 |\n\n<table class="nhsuk-table"></table>');
    const [region, ...others] = queryAll(root, 'div.app-table-container');
    expect(others).toHaveLength(0);
    expect(region.attrs).toMatchObject({ role: 'region', 'aria-label': 'Table', tabindex: '0' });
    expect(queryAll(region, 'table.nhsuk-table')).toHaveLength(1);
    expect(queryAll(root, 'table')).toHaveLength(1);
  });

  test('code keeps its text literally', () => {
    const { root } = render('Run `a < b && c`');
    expect(textOf(queryAll(root, 'code')[0])).toBe('a < b && c');
  });
});

describe('renderCommentMarkdown', () => {
  const COMMENT_TAGS = new Set(['p', 'br', 'strong', 'em', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr', 'del']);
  const comment = (source: string) => parseHtml(renderCommentMarkdown(source));

  test.each(['# One', '## Two', '### Three', '###### Six', 'Setext\n==='])('heading %j becomes a bold paragraph, never a heading', (source) => {
    const root = comment(source);
    expect([...tagsIn(root)]).toEqual(['p', 'strong']);
    expect(queryAll(root, 'p strong')).toHaveLength(1);
  });

  test('a Markdown table stays text, never a table', () => {
    const root = comment('| A | B |\n| - | - |\n| 1 | 2 |');
    expect(tagsIn(root)).not.toContain('table');
    expect(textOf(root)).toContain('A');
    expect(textOf(root)).toContain('2');
  });

  test('raw table and heading HTML are shown as text', () => {
    const root = comment('<table><tr><td>x</td></tr></table> <h2>Big</h2>');
    expect([...tagsIn(root)].filter((tag) => tag !== 'p')).toEqual([]);
  });

  test('links keep rel="nofollow ugc noopener" and the NHS.UK link class', () => {
    const root = comment('See [NHS](https://www.nhs.uk) and <https://www.england.nhs.uk>');
    expect(queryAll(root, 'a').map((a) => a.attrs)).toEqual([
      { class: 'nhsuk-link', rel: 'nofollow ugc noopener', href: 'https://www.nhs.uk' },
      { class: 'nhsuk-link', rel: 'nofollow ugc noopener', href: 'https://www.england.nhs.uk' },
    ]);
  });

  test('everyday Markdown still renders with NHS.UK list classes', () => {
    const root = comment('Some **bold**.\n\n- one\n- two\n\n> quoted');
    expect(queryAll(root, 'ul.nhsuk-list.nhsuk-list--bullet li')).toHaveLength(2);
    expect(queryAll(root, 'blockquote')).toHaveLength(1);
  });

  test.each(hostile)('%s comes out inert in a comment', (_name, source) => {
    const root = comment(source);
    expect(markupProblems(root)).toEqual([]);
    for (const el of descendants(root)) {
      expect(COMMENT_TAGS.has(el.tag), `<${el.tag}> is not allowed`).toBe(true);
      for (const name of Object.keys(el.attrs)) expect(['href', 'rel', 'class']).toContain(name);
      if (el.attrs.href) expect(el.attrs.href).toMatch(/^(https?:\/\/|mailto:|tel:|\/(?![/\\]))/);
    }
  });

  test('direction overrides are removed and empty input is empty', () => {
    expect(renderCommentMarkdown('a\u202Eb')).toBe('<p>ab</p>\n');
    expect(renderCommentMarkdown(null)).toBe('');
  });
});

describe('cleanText', () => {
  test('removes direction overrides and leaves everything else alone', () => {
    expect(cleanText('a\u202Eb\u2066c <d> é')).toBe('abc <d> é');
    expect(cleanText(null)).toBe('');
  });
});
