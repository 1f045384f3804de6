import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../../../../files/server/src/inspection/extract-text';
import type { ResolveImage } from './export-options';
import { EVERY_KIND_DOCUMENT, EVERY_KIND_IMAGE_ALT, EVERY_KIND_IMAGE_SRC, EVERY_KIND_LINK_HREF, EVERY_KIND_WORDS, TINY_PNG } from './fixtures';
import type { DocumentJson } from './nodes';
import { documentPdf, winAnsi } from './pdf';

let dir: string;
let count = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'render-pdf-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const noImages: ResolveImage = async () => null;

/** The PDF's text as the files plugin reads it for search (pdf.js, through unpdf). */
async function textOf(buffer: Buffer): Promise<string> {
  const path = join(dir, `document-${++count}.pdf`);
  await writeFile(path, buffer);
  return extractText(path, 'pdf');
}

async function pagesOf(buffer: Buffer): Promise<number> {
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(buffer), { verbosity: 0 });
  try {
    return pdf.numPages;
  } finally {
    await pdf.loadingTask.destroy();
  }
}

const raw = (buffer: Buffer) => buffer.toString('latin1');
const p = (value: string): DocumentJson => ({ type: 'paragraph', content: [{ type: 'text', text: value }] });

describe('documentPdf', () => {
  it('is a PDF whose text holds the title and every word of the document', async () => {
    const pdf = await documentPdf(EVERY_KIND_DOCUMENT, { title: 'Project plan', resolveImage: noImages });
    expect(raw(pdf.subarray(0, 5))).toBe('%PDF-');
    const text = await textOf(pdf);
    expect(text.startsWith('Project plan')).toBe(true);
    for (const word of EVERY_KIND_WORDS) expect(text).toContain(word);
    expect(text).toContain('3. Pangolin numbered');
    expect(text).toMatch(/Tapir header\s+Urial header/);
  });

  it('links words to the web and leaves paths on the site as text', async () => {
    const pdf = raw(await documentPdf(EVERY_KIND_DOCUMENT, { title: 'Plan', resolveImage: noImages }));
    expect(pdf).toContain(`/URI (${EVERY_KIND_LINK_HREF})`);
    expect(pdf.match(/\/Subtype \/Link/g)).toHaveLength(1);
  });

  it('embeds PNG and JPEG pictures resolveImage gives, and shows alt text when it gives none', async () => {
    const asked: string[] = [];
    const withPicture = await documentPdf(EVERY_KIND_DOCUMENT, {
      title: 'Plan',
      resolveImage: async (src) => {
        asked.push(src);
        return { data: TINY_PNG, type: 'png', width: 3000, height: 3000 };
      },
    });
    expect(asked).toEqual([EVERY_KIND_IMAGE_SRC]);
    expect(raw(withPicture)).toContain('/Subtype /Image');
    expect(await textOf(withPicture)).not.toContain(`[${EVERY_KIND_IMAGE_ALT}]`);

    const without = await documentPdf(EVERY_KIND_DOCUMENT, { title: 'Plan', resolveImage: noImages });
    expect(raw(without)).not.toContain('/Subtype /Image');
    expect(await textOf(without)).toContain(`[${EVERY_KIND_IMAGE_ALT}]`);
    expect(withPicture.length).toBeGreaterThan(without.length);
  });

  it('shows alt text for pictures it cannot draw: GIF, BMP, bytes that are no picture, a failed fetch', async () => {
    const fails: ResolveImage[] = [
      async () => ({ data: Buffer.from('GIF89a'), type: 'gif', width: 1, height: 1 }),
      async () => ({ data: Buffer.from('not a png at all'), type: 'png', width: 1, height: 1 }),
      async () => {
        throw new Error('storage down');
      },
    ];
    for (const resolveImage of fails) {
      const pdf = await documentPdf(EVERY_KIND_DOCUMENT, { title: 'Plan', resolveImage });
      expect(raw(pdf)).not.toContain('/Subtype /Image');
      expect(await textOf(pdf)).toContain(`[${EVERY_KIND_IMAGE_ALT}]`);
    }
  });

  it('runs long documents over pages, repeating a table’s head row on each', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => ({
      type: 'tableRow',
      content: [
        { type: 'tableCell', content: [p(`row ${i}`)] },
        { type: 'tableCell', content: [p('a cell with enough words in it to wrap onto a second line of the narrow column')] },
      ],
    }));
    const head = { type: 'tableRow', content: ['Name', 'Detail'].map((value) => ({ type: 'tableHeader', content: [p(value)] })) };
    const json: DocumentJson = {
      type: 'doc',
      content: [...Array.from({ length: 60 }, (_, i) => p(`Paragraph ${i} of a long document.`)), { type: 'table', content: [head, ...rows] }],
    };
    const pdf = await documentPdf(json, { title: 'Long', resolveImage: noImages });
    expect(await pagesOf(pdf)).toBeGreaterThan(3);
    const text = await textOf(pdf);
    expect(text).toContain('Paragraph 59 of a long document.');
    expect(text).toContain('row 79');
    expect(text.match(/Name\s+Detail/g)!.length).toBeGreaterThan(2);
  });

  it('writes characters the standard fonts lack as ?, keeping accents and typographic punctuation', async () => {
    expect(winAnsi('Zoe\u0308 “quoted” – £5 €6 中文 😀\tx\u0001')).toBe('Zoë “quoted” – £5 €6 ?? ?    x');
    const text = await textOf(await documentPdf({ type: 'doc', content: [p('Zoë “quoted” 中文 😀')] }, { title: 'Café', resolveImage: noImages }));
    expect(text).toContain('Café');
    expect(text).toContain('Zoë “quoted” ?? ?');
  });

  it('keeps hostile and malformed input as text without failing', async () => {
    let deep: DocumentJson = p('bottom');
    for (let i = 0; i < 5_000; i++) deep = { type: 'bulletList', content: [{ type: 'listItem', content: [deep] }] };
    const json: DocumentJson = {
      type: 'doc',
      content: [
        p('<script>alert(1)</script> (parens) \\backslash'),
        { type: 'paragraph', content: [{ type: 'text', text: 'bad link', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] },
        { type: 'mystery', content: [{ type: 'text', text: 'unknown node text' }] },
        { type: 'paragraph', content: 'nope' as unknown as DocumentJson[] },
        { type: 'heading', attrs: { level: 1 } },
        { type: 'table', content: [] },
        deep,
      ],
    };
    const pdf = await documentPdf(json, { title: 'Hostile', resolveImage: noImages });
    const text = await textOf(pdf);
    expect(text).toContain('<script>alert(1)</script> (parens) \\backslash');
    expect(text).toContain('bad link');
    expect(text).toContain('unknown node text');
    expect(raw(pdf)).not.toContain('javascript');
  });
});
