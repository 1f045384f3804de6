import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../../../../files/server/src/inspection/extract-text';
import { checkDocumentPackage, entriesOf, openZip, readEntry } from '../../../../files/server/src/inspection/zip';
import { documentDocx } from './docx';
import type { ResolveImage } from './export-options';
import { EVERY_KIND_DOCUMENT, EVERY_KIND_IMAGE_ALT, EVERY_KIND_IMAGE_SRC, EVERY_KIND_LINK_HREF, EVERY_KIND_WORDS, TINY_PNG } from './fixtures';
import type { DocumentJson } from './nodes';

let dir: string;
let count = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'render-docx-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const noImages: ResolveImage = async () => null;
const tinyImages: ResolveImage = async () => ({ data: TINY_PNG, type: 'png', width: 1, height: 1 });

/** The DOCX written to disk, checked as the files plugin checks uploads, with its parts by name. */
async function open(buffer: Buffer) {
  const path = join(dir, `document-${++count}.docx`);
  await writeFile(path, buffer);
  await checkDocumentPackage(path, 'docx', 'document');
  const zip = await openZip(path);
  const parts = new Map<string, string>();
  try {
    for (const entry of await entriesOf(zip)) {
      const data = await readEntry(zip, entry, 16 * 1024 ** 2);
      parts.set(entry.fileName, entry.fileName.startsWith('word/media/') ? '(binary)' : (data?.toString('utf8') ?? ''));
    }
  } finally {
    zip.close();
  }
  return { path, parts, text: await extractText(path, 'docx') };
}

describe('documentDocx', () => {
  it('is a Word file holding the title and every word of the document', async () => {
    const { text, parts } = await open(await documentDocx(EVERY_KIND_DOCUMENT, { title: 'Project plan', resolveImage: noImages }));
    expect(text.split('\n')[0]).toBe('Project plan');
    for (const word of EVERY_KIND_WORDS) expect(text).toContain(word);
    expect(text).toContain('Jackal\nKangaroo after a break');
    expect(text).toContain('Tapir header\nUrial header');
    expect(parts.get('docProps/core.xml')).toContain('<dc:title>Project plan</dc:title>');
  });

  it('uses Word’s own headings, lists, table head and hyperlinks', async () => {
    const { parts } = await open(await documentDocx(EVERY_KIND_DOCUMENT, { title: 'Plan', resolveImage: noImages }));
    const xml = parts.get('word/document.xml')!;
    for (const style of ['Title', 'Heading1', 'Heading2', 'Heading3']) expect(xml).toContain(`<w:pStyle w:val="${style}"/>`);
    // Lemur at the top level, Meerkat one level in.
    expect(xml).toMatch(/<w:ilvl w:val="0"\/>(?:(?!<\/w:p>).)*Lemur/s);
    expect(xml).toMatch(/<w:ilvl w:val="1"\/>(?:(?!<\/w:p>).)*Meerkat/s);
    expect(parts.get('word/numbering.xml')).toMatch(/<w:start w:val="3"\/>/);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*Dromedary/s);
    expect(xml).toMatch(/<w:i\/>(?:(?!<\/w:r>).)*Echidna/s);
    expect(xml).toMatch(/<w:u w:val="single"\/>(?:(?!<\/w:r>).)*Flamingo/s);
    expect(xml).toMatch(/<w:strike\/>(?:(?!<\/w:r>).)*Gazelle/s);
    expect(xml).toMatch(/Courier New(?:(?!<\/w:r>).)*Hedgehog/s);
    expect(xml).toMatch(/<w:hyperlink [^>]*>(?:(?!<\/w:hyperlink>).)*Ibex/s);
    expect(parts.get('word/_rels/document.xml.rels')).toContain(`Target="${EVERY_KIND_LINK_HREF}"`);
    // A path on the site means nothing in Word: Zorilla is text, not a link.
    expect(xml).not.toMatch(/<w:hyperlink [^>]*>(?:(?!<\/w:hyperlink>).)*Zorilla/s);
    expect(parts.get('word/_rels/document.xml.rels')).not.toContain('/workspaces/demo"');
  });

  it('embeds pictures resolveImage gives, with their alt text', async () => {
    const asked: string[] = [];
    const resolveImage: ResolveImage = async (src) => {
      asked.push(src);
      return { data: TINY_PNG, type: 'png', width: 4000, height: 2000 };
    };
    const { parts, text } = await open(await documentDocx(EVERY_KIND_DOCUMENT, { title: 'Plan', resolveImage }));
    expect(asked).toEqual([EVERY_KIND_IMAGE_SRC]);
    expect([...parts.keys()].filter((name) => name.startsWith('word/media/'))).toHaveLength(1);
    const xml = parts.get('word/document.xml')!;
    expect(xml).toContain(`descr="${EVERY_KIND_IMAGE_ALT}"`);
    // Scaled down to the page's width (6.27 inches), keeping its shape: EMUs, 914400 to the inch.
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(xml)!;
    expect(Number(extent[1]) / 914400).toBeCloseTo(6.27, 1);
    expect(Number(extent[1]) / Number(extent[2])).toBeCloseTo(2, 2);
    expect(text).not.toContain(`[${EVERY_KIND_IMAGE_ALT}]`);
  });

  it('shows the alt text in brackets for a picture that cannot be had', async () => {
    for (const resolveImage of [
      noImages,
      async () => {
        throw new Error('storage down');
      },
      async () => ({ data: Buffer.alloc(0), type: 'png' as const, width: 1, height: 1 }),
    ]) {
      const { parts, text } = await open(await documentDocx(EVERY_KIND_DOCUMENT, { title: 'Plan', resolveImage }));
      expect([...parts.keys()].some((name) => name.startsWith('word/media/'))).toBe(false);
      expect(text).toContain(`[${EVERY_KIND_IMAGE_ALT}]`);
    }
  });

  it('never asks for pictures from outside the workspace files', async () => {
    const asked: string[] = [];
    const json: DocumentJson = { type: 'doc', content: [{ type: 'image', attrs: { src: 'https://evil.example/x.png', alt: 'outside' } }] };
    const { text } = await open(
      await documentDocx(json, {
        title: 'Plan',
        resolveImage: async (src) => {
          asked.push(src);
          return { data: TINY_PNG, type: 'png', width: 1, height: 1 };
        },
      }),
    );
    expect(asked).toEqual([]);
    expect(text).toContain('[outside]');
  });

  it('keeps hostile text as text and drops characters XML cannot hold', async () => {
    const json: DocumentJson = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: '<w:p>injected</w:p> & "quotes" \u0001bell\u0007' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'bad link', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] },
        { type: 'mystery', content: [{ type: 'text', text: 'unknown node text' }] },
      ],
    };
    const { parts, text } = await open(await documentDocx(json, { title: 'Title <b>&\u0000', resolveImage: noImages }));
    expect(text).toContain('<w:p>injected</w:p> & "quotes" bell');
    expect(text).toContain('Title <b>&');
    expect(text).toContain('bad link');
    expect(text).toContain('unknown node text');
    expect(parts.get('word/document.xml')).not.toMatch(/[\u0000-\u0008]/);
    expect(parts.get('word/_rels/document.xml.rels')).not.toContain('javascript');
  });

  it('writes an empty document as its title alone', async () => {
    const { text } = await open(await documentDocx({ type: 'doc', content: [] }, { title: 'Empty', resolveImage: noImages }));
    expect(text).toBe('Empty');
  });
});
