import { describe, expect, it } from 'vitest';
import { EVERY_KIND_DOCUMENT, EVERY_KIND_IMAGE_ALT, EVERY_KIND_IMAGE_SRC, EVERY_KIND_WORDS } from './fixtures';
import { documentHtml, escapeHtml } from './html';
import type { DocumentJson } from './nodes';

const doc = (...content: DocumentJson[]): DocumentJson => ({ type: 'doc', content });
const p = (...content: DocumentJson[]): DocumentJson => ({ type: 'paragraph', content });
const text = (value: string, marks?: DocumentJson['marks']): DocumentJson => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const link = (href: string, words = 'click'): DocumentJson => p(text(words, [{ type: 'link', attrs: { href } }]));

/** Text a reader sees: tags removed, entities decoded. */
const visible = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('documentHtml', () => {
  const html = documentHtml(EVERY_KIND_DOCUMENT);

  it('shows every word of the document', () => {
    for (const word of EVERY_KIND_WORDS) expect(visible(html)).toContain(word);
  });

  it('writes each node as its HTML element', () => {
    expect(html).toContain('<h2>Aardvark heading</h2>');
    expect(html).toContain('<h3>Bison subheading</h3>');
    expect(html).toContain('<h4>Capybara minor heading</h4>');
    expect(html).toContain('<strong>Dromedary</strong>');
    expect(html).toContain('<em>Echidna</em>');
    expect(html).toContain('<u>Flamingo</u>');
    expect(html).toContain('<s>Gazelle</s>');
    expect(html).toContain('<code>Hedgehog</code>');
    expect(html).toContain('<a href="https://example.org/ibex" rel="nofollow ugc noopener">Ibex</a>');
    expect(html).toContain('<mark class="app-document__comment" data-comment-id="7">Jackal</mark><br>Kangaroo after a break');
    expect(html).toMatch(/<ul>\s*<li><p>Lemur bullet<\/p>\s*<ol>\s*<li><p>Meerkat nested<\/p>\s*<\/li>\s*<li><p>Narwhal nested<\/p>\s*<\/li>\s*<\/ol>\s*<\/li>/);
    expect(html).toContain('<ol start="3">');
    expect(html).toMatch(/<blockquote>\s*<p>Reindeer quoted<\/p>\s*<\/blockquote>/);
    expect(html).toContain('<pre><code>const salamander = 1;\nreturn salamander;</code></pre>');
    expect(html).toContain('<hr>');
    expect(html).toContain('<table class="nhsuk-table">');
    expect(html).toContain('<thead class="nhsuk-table__head">');
    expect(html).toContain('<th scope="col" class="nhsuk-table__header"><p>Tapir header</p>\n</th>');
    expect(html).toContain('<td class="nhsuk-table__cell"><p>Wombat cell</p>\n</td>');
    expect(html).toContain(`<img src="${EVERY_KIND_IMAGE_SRC}" alt="${EVERY_KIND_IMAGE_ALT}" title="Yak title" loading="lazy">`);
    expect(html).toContain('<a href="/workspaces/demo" rel="nofollow ugc noopener">Zorilla</a>');
  });

  it('escapes text, so markup typed into a document stays text', () => {
    const out = documentHtml(doc(p(text('<script>alert("x")</script> & \'quoted\''))));
    expect(out).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;</p>\n');
  });

  it('escapes attribute values', () => {
    const src = EVERY_KIND_IMAGE_SRC;
    const out = documentHtml(doc({ type: 'image', attrs: { src, alt: '" onerror="alert(1)', title: "' onload='x" } }));
    expect(out).toContain('alt="&quot; onerror=&quot;alert(1)"');
    expect(out).toContain('title="&#39; onload=&#39;x"');
    // Every attribute is a double-quoted value with no double quote inside: nothing breaks out.
    expect(out).toMatch(/^<img( [a-z]+="[^"]*")+>\n$/);
    expect([...out.matchAll(/ ([a-z]+)="/g)].map((match) => match[1])).toEqual(['src', 'alt', 'title', 'loading']);
    const href = documentHtml(link('https://example.org/?q="><script>'));
    expect(href).toContain('href="https://example.org/?q=&quot;&gt;&lt;script&gt;"');
  });

  it('keeps only links to the web, to email or to a path on the site', () => {
    for (const href of ['https://example.org/a', 'http://example.org', 'mailto:someone@example.org', '/workspaces/demo']) {
      expect(documentHtml(link(href)), href).toContain(`<a href="${escapeHtml(href)}"`);
    }
    for (const href of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      '//evil.example/x',
      '/\\evil.example',
      '/\t/evil.example',
      'ftp://example.org',
      'relative/path',
      '',
    ]) {
      const out = documentHtml(link(href));
      expect(out, href).not.toContain('<a');
      expect(out, href).toBe('<p>click</p>\n');
    }
    expect(documentHtml(doc(p(text('x', [{ type: 'link', attrs: { href: 42 } }]))))).toBe('<p>x</p>\n');
    expect(documentHtml(doc(p(text('x', [{ type: 'link' }]))))).toBe('<p>x</p>\n');
  });

  it('shows only pictures from the workspace files', () => {
    for (const src of ['https://evil.example/x.png', 'javascript:alert(1)', 'data:image/png;base64,AAAA', '/workspaces/demo/files/items/1/preview?x', '//evil.example/workspaces/demo/files/items/1/preview']) {
      expect(documentHtml(doc({ type: 'image', attrs: { src, alt: 'a' } })), src).toBe('');
    }
  });

  it('refuses comment ids that are not numbers', () => {
    const out = documentHtml(doc(p(text('said', [{ type: 'comment', attrs: { commentId: '"><script>alert(1)</script>' } }]))));
    expect(out).toBe('<p>said</p>\n');
    expect(documentHtml(doc(p(text('said', [{ type: 'comment', attrs: { commentId: '12' } }]))))).toContain('data-comment-id="12"');
  });

  it('gives unknown nodes and marks as their escaped text only', () => {
    const out = documentHtml(
      doc(
        { type: 'script', attrs: { src: 'https://evil.example/x.js' }, content: [text('alert(1)<b>')] },
        { type: 'iframe', content: [p(text('inside a frame'))] },
        p(text('marked', [{ type: 'onclick', attrs: { value: 'x' } }]), { type: 'mention', attrs: { id: '<x>' }, content: [text('@someone')] }),
      ),
    );
    expect(out).toBe('<p>alert(1)&lt;b&gt;</p>\n<p>inside a frame</p>\n<p>marked@someone</p>\n');
  });

  it('keeps attribute numbers in range and drops ones that are not numbers', () => {
    expect(documentHtml(doc({ type: 'heading', attrs: { level: 1 }, content: [text('one')] }))).toBe('<h2>one</h2>\n');
    expect(documentHtml(doc({ type: 'heading', attrs: { level: 6 }, content: [text('six')] }))).toBe('<h4>six</h4>\n');
    expect(documentHtml(doc({ type: 'heading', attrs: { level: '3" onclick="x' }, content: [text('odd')] }))).toBe('<h2>odd</h2>\n');
    expect(documentHtml(doc({ type: 'orderedList', attrs: { start: '2" onclick="x' }, content: [] }))).toBe('<ol>\n</ol>\n');
    const table = documentHtml(
      doc({
        type: 'table',
        content: [
          {
            type: 'tableRow',
            content: [
              { type: 'tableHeader', attrs: { colspan: 2, rowspan: '3" x' }, content: [p(text('wide'))] },
              { type: 'tableCell', attrs: { colspan: 1 }, content: [p(text('plain'))] },
            ],
          },
        ],
      }),
    );
    // A header cell in a body row labels its row.
    expect(table).toContain('<th scope="row" class="nhsuk-table__header" colspan="2"><p>wide</p>\n</th>');
    expect(table).not.toContain('rowspan');
    expect(table).not.toContain('<thead');
  });

  it('survives malformed and absurdly deep JSON', () => {
    expect(documentHtml(null as unknown as DocumentJson)).toBe('');
    expect(documentHtml({ type: 'doc', content: 'nope' as unknown as DocumentJson[] })).toBe('');
    expect(documentHtml(doc(p({ type: 'text', text: 42 as unknown as string }), p(null as unknown as DocumentJson)))).toBe('<p></p>\n<p></p>\n');
    let deep: DocumentJson = p(text('bottom'));
    for (let i = 0; i < 20_000; i++) deep = { type: 'blockquote', content: [deep] };
    expect(() => documentHtml(doc(deep))).not.toThrow();
  });

  it('drops characters no HTML document may hold', () => {
    expect(documentHtml(doc(p(text('a\u0000b\u0007c\ud800d'))))).toBe('<p>abcd</p>\n');
  });
});
