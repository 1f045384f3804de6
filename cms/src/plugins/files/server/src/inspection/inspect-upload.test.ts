import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodFiles, hostileFiles, minimalDocx, zipOf, type CorpusFile } from './hostile-files';
import { InspectionRefusal, inspectUpload } from './index';
import { extensionOf } from './inspect-upload';

const MAX = 300 * 1024 ** 2;
let dir: string;
let hostile: CorpusFile[];
let good: CorpusFile[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inspection-'));
  [hostile, good] = await Promise.all([hostileFiles(join(dir, 'hostile')), goodFiles(join(dir, 'good'))]);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const refusalOf = async (path: string, name: string, maxBytes = MAX) => {
  const error = await inspectUpload(path, name, { maxBytes }).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, `${name} should be refused`).toBeInstanceOf(InspectionRefusal);
  return (error as InspectionRefusal).message;
};

const file = (list: CorpusFile[], name: string) => list.find((candidate) => candidate.name === name)!;

describe('inspectUpload: accepted kinds', () => {
  it('accepts a valid sample of every accepted kind as the type its bytes are', async () => {
    expect(good.length).toBeGreaterThanOrEqual(20);
    for (const sample of good) {
      const inspected = await inspectUpload(sample.path, sample.name, { maxBytes: MAX });
      expect(inspected.mime, sample.name).toBe(sample.mime);
      expect(inspected.ext.startsWith('.'), sample.name).toBe(true);
    }
  });

  it('gives the canonical extension, the label and what can be extracted', async () => {
    expect(await inspectUpload(file(good, 'board-pack.pdf').path, 'board-pack.pdf', { maxBytes: MAX })).toEqual({
      mime: 'application/pdf',
      ext: '.pdf',
      label: 'PDF',
      extractable: 'pdf',
    });
    expect(await inspectUpload(file(good, 'policy.docx').path, 'policy.docx', { maxBytes: MAX })).toMatchObject({ ext: '.docx', label: 'Word document', extractable: 'docx' });
    expect(await inspectUpload(file(good, 'photo.jpg').path, 'photo.JPEG', { maxBytes: MAX })).toMatchObject({ mime: 'image/jpeg', ext: '.jpg', extractable: null });
    expect(await inspectUpload(file(good, 'guide.md').path, 'guide.markdown', { maxBytes: MAX })).toMatchObject({ mime: 'text/markdown', ext: '.md', label: 'Markdown' });
  });

  it('gives a name without an extension the type of its content', async () => {
    expect(await inspectUpload(file(good, 'board-pack.pdf').path, 'Board pack 12.03.2025', { maxBytes: MAX })).toMatchObject({ mime: 'application/pdf', ext: '.pdf' });
    expect(await inspectUpload(file(good, 'logo.png').path, 'logo', { maxBytes: MAX })).toMatchObject({ mime: 'image/png', ext: '.png' });
    expect(extensionOf('Minutes 12.03.2025')).toBeNull();
    expect(extensionOf('Report.PDF')).toBe('.pdf');
  });
});

describe('inspectUpload: hostile files', () => {
  it('refuses every hostile file the corpus marks refused, and accepts the inert ones as their benign type', async () => {
    expect(hostile.filter((entry) => entry.expect === 'refused').length).toBeGreaterThanOrEqual(18);
    for (const entry of hostile) {
      if (entry.expect === 'refused') {
        await refusalOf(entry.path, entry.name);
      } else {
        expect((await inspectUpload(entry.path, entry.name, { maxBytes: MAX })).mime, entry.name).toBe(entry.mime);
      }
    }
  });

  const says: Array<[string, RegExp]> = [
    ['page.html', /^Files ending \.html are not accepted\. You can upload PDF/],
    ['report.pdf', /web page \(HTML\), which is not accepted/],
    ['drawing.svg', /Files ending \.svg are not accepted/],
    ['photo.png', /an SVG image, which is not accepted/],
    ['data.xml', /Files ending \.xml are not accepted/],
    ['app.js', /Files ending \.js are not accepted/],
    ['tool', /a program, which is not accepted/],
    ['minutes.pdf', /a Windows program, which is not accepted/],
    ['installer.doc', /not a Word, Excel or PowerPoint document/],
    ['macros.docx', /contains macros/],
    ['chart.pdf', /^The file's name says PDF but its content is a PNG image: rename it or choose the right file\.$/],
    ['bomb.zip', /zip bomb/],
    ['many.zip', /more than 10,000 files/],
    ['nested.zip', /archives inside archives/],
    ['escape.zip', /damaged/],
    ['hollow.docx', /The Word document is damaged/],
    ['huge.png', /100,000 by 100,000 pixels; images must be at most 100 megapixels/],
    ['empty.txt', /^The file is empty/],
  ];
  it.each(says)('refuses %s saying why', async (name, message) => {
    expect(await refusalOf(file(hostile, name).path, name)).toMatch(message);
  });

  it('refuses HTML, SVG and XML content under a text name or no name', async () => {
    expect(await refusalOf(file(hostile, 'page.html').path, 'page.txt')).toMatch(/web page \(HTML\)/);
    expect(await refusalOf(file(hostile, 'drawing.svg').path, 'drawing')).toMatch(/an SVG image/);
    expect(await refusalOf(file(hostile, 'data.xml').path, 'data.csv')).toMatch(/XML/);
    const script = join(dir, 'script.txt');
    await writeFile(script, '#!/bin/sh\nrm -rf ~\n');
    expect(await refusalOf(script, 'script.txt')).toMatch(/a script/);
  });

  it('refuses content that contradicts the name, either way', async () => {
    expect(await refusalOf(file(good, 'board-pack.pdf').path, 'board-pack.docx')).toBe(
      "The file's name says Word document but its content is a PDF: rename it or choose the right file.",
    );
    expect(await refusalOf(file(good, 'readme.txt').path, 'readme.pdf')).toMatch(/name says PDF but its content is text/);
    expect(await refusalOf(file(good, 'old-figures.xls').path, 'figures.doc')).toMatch(/name says Word document \(97-2003\) but its content is an Excel spreadsheet \(97-2003\)/);
    expect(await refusalOf(file(good, 'figures.xlsx').path, 'figures.docx')).toMatch(/name says Word document but its content is an Excel spreadsheet/);
  });

  it('refuses a file over the size limit, saying the limit', async () => {
    const big = join(dir, 'big.txt');
    await writeFile(big, 'a line of minutes\n'.repeat(120_000)); // 2.16 MB
    expect(await refusalOf(big, 'big.txt', 1024 ** 2)).toBe('The file must be 1 MB or smaller.');
    expect(await refusalOf(big, 'big.txt', 1.5 * 1024 ** 2)).toBe('The file must be 1.5 MB or smaller.');
    expect(await refusalOf(big, 'big.txt', 512 * 1024)).toBe('The file must be 512 KB or smaller.');
    await expect(inspectUpload(big, 'big.txt', { maxBytes: 3 * 1024 ** 2 })).resolves.toMatchObject({ mime: 'text/plain' });
  });

  it('refuses text that is not UTF-8, saying how to save it', async () => {
    const latin1 = join(dir, 'latin1.csv');
    await writeFile(latin1, Buffer.from('name,town\nZoë,Bromley\n', 'latin1'));
    expect(await refusalOf(latin1, 'people.csv')).toMatch(/not in UTF-8.*CSV UTF-8/);
    const nul = join(dir, 'nul.txt');
    await writeFile(nul, Buffer.from('text\0with a NUL\n', 'latin1'));
    expect(await refusalOf(nul, 'nul.txt')).toMatch(/could not be recognised/);
  });

  it('refuses password-protected archives and zip bombs that only declare their size', async () => {
    const encrypted = zipOf([{ name: 'secret.txt', data: 'x' }]);
    encrypted.writeUInt16LE(0x0801, 6); // the local header's encryption flag
    encrypted.writeUInt16LE(0x0801, encrypted.indexOf(Buffer.from('PK\x01\x02', 'latin1')) + 8);
    const encryptedPath = join(dir, 'encrypted.zip');
    await writeFile(encryptedPath, encrypted);
    expect(await refusalOf(encryptedPath, 'encrypted.zip')).toMatch(/Password-protected archives/);

    const declared = zipOf([{ name: 'big.bin', data: Buffer.alloc(2000, 7) }]);
    const central = declared.indexOf(Buffer.from('PK\x01\x02', 'latin1'));
    declared.writeUInt32LE(3 * 1024 ** 3, central + 24); // declares 3 GB uncompressed
    const declaredPath = join(dir, 'declared.zip');
    await writeFile(declaredPath, declared);
    expect(await refusalOf(declaredPath, 'declared.zip')).toMatch(/more than 2 GB/);
  });

  it('accepts a nested archive one level deep, and an Office document inside a ZIP whatever it embeds', async () => {
    const withEmbedding = zipOf([
      { name: 'report.docx', data: zipOf([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/embeddings/chart.xlsx', data: zipOf([{ name: 'x', data: 'y' }]) }]) },
    ]);
    const path = join(dir, 'embedding.zip');
    await writeFile(path, withEmbedding);
    expect((await inspectUpload(path, 'embedding.zip', { maxBytes: MAX })).mime).toBe('application/zip');
  });

  it('refuses an OOXML file whose declared main part is missing even when other parts exist', async () => {
    const docx = minimalDocx(['x'], { withoutDocumentPart: true });
    const path = join(dir, 'partless.docx');
    await writeFile(path, docx);
    expect(await refusalOf(path, 'partless.docx')).toMatch(/damaged/);
  });
});

describe('the corpus', () => {
  it('holds real polyglots: the GIF parses as JavaScript and the PDF holds an HTML script', async () => {
    const { readFile } = await import('node:fs/promises');
    const gif = await readFile(file(hostile, 'cat.gif').path);
    expect(() => new Function(gif.toString('latin1'))).not.toThrow();
    expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    const pdf = (await readFile(file(hostile, 'paper.pdf').path)).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain('<script>');
  });
});
