import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_SENTENCE, goodFiles, minimalDocx, minimalPdf, zipOf, type CorpusFile } from './hostile-files';
import { extractText } from './index';

let dir: string;
let good: CorpusFile[];
const path = (name: string) => good.find((file) => file.name === name)!.path;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'extract-'));
  good = await goodFiles(dir);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const write = async (name: string, data: Buffer | string) => {
  const file = join(dir, name);
  await writeFile(file, data);
  return file;
};

describe('extractText', () => {
  it('reads the text layer of a PDF, page after page', async () => {
    const text = await extractText(path('board-pack.pdf'), 'pdf');
    expect(text).toContain(KNOWN_SENTENCE);
    expect(text).toContain('Appendix: figures by quarter.');
    expect(text.indexOf(KNOWN_SENTENCE)).toBeLessThan(text.indexOf('Appendix'));
  });

  it('reads only the first 50 pages of a PDF', async () => {
    const pages = Array.from({ length: 60 }, (_, i) => `Page marker ${i + 1}.`);
    const text = await extractText(await write('long.pdf', minimalPdf(pages)), 'pdf');
    expect(text).toContain('Page marker 50.');
    expect(text).not.toContain('Page marker 51.');
  });

  it('reads the paragraphs of a DOCX as lines, entities decoded', async () => {
    const text = await extractText(path('policy.docx'), 'docx');
    expect(text).toBe(`${KNOWN_SENTENCE}\nOwner: Finance & Estates <team>.`);
  });

  it('never gives more than maxChars', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => `Paragraph ${i} of a long policy.`);
    const docx = await extractText(await write('long.docx', minimalDocx(many)), 'docx', { maxChars: 500 });
    expect(docx.length).toBe(500);
    expect(docx.startsWith('Paragraph 0 of a long policy.\nParagraph 1')).toBe(true);
    const pdf = await extractText(path('board-pack.pdf'), 'pdf', { maxChars: 20 });
    expect(pdf).toBe(KNOWN_SENTENCE.slice(0, 20));
  });

  it("gives '' for damaged or hostile files instead of throwing", async () => {
    const truncated = (await import('node:fs/promises')).readFile(path('board-pack.pdf')).then((pdf) => pdf.subarray(0, 40));
    expect(await extractText(await write('truncated.pdf', await truncated), 'pdf')).toBe('');
    expect(await extractText(await write('not.pdf', 'hello'), 'pdf')).toBe('');
    expect(await extractText(await write('not.docx', 'hello'), 'docx')).toBe('');
    expect(await extractText(await write('hollow.docx', minimalDocx(['x'], { withoutDocumentPart: true })), 'docx')).toBe('');
    // A DOCX whose document part is a bomb: the zip-bomb bounds stop it before anything is inflated.
    const bombed = zipOf([
      { name: '[Content_Types].xml', data: '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>' },
      {
        name: 'word/document.xml',
        data: Buffer.concat([Buffer.from('<w:document><w:body><w:p><w:r><w:t>Readable before the padding</w:t></w:r></w:p>'), Buffer.alloc(20 * 1024 ** 2, 0x20)]),
      },
    ]);
    expect(await extractText(await write('bombed.docx', bombed), 'docx')).toBe('');
    expect(await extractText(join(dir, 'missing.pdf'), 'pdf')).toBe('');
  });

  it("gives '' when the time runs out", async () => {
    const many = Array.from({ length: 200 }, (_, i) => `Page ${i}.`);
    const file = await write('slow.pdf', minimalPdf(many));
    expect(await extractText(file, 'pdf', { timeoutMs: 1 })).toBe('');
  });
});
