/**
 * Test support, shared by the inspection tests, the files plugin's HTTP tests and the browser
 * tests: hostile files that must be refused or served inert, and a valid sample of every accepted
 * kind. Everything is generated here (no binary fixtures): images with sharp, ZIP-based files with
 * node:zlib, PDF and CFB containers by hand. Not part of the plugin build.
 */
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import sharp from 'sharp';

export interface CorpusFile {
  name: string;
  path: string;
  why: string;
  /** 'inert': accepted, as the benign type in `mime`, and must be served so that it cannot run. */
  expect: 'refused' | 'inert' | 'accepted';
  /** What inspection must say the file is, for accepted and inert files. */
  mime?: string;
  /** A sentence extractText must find in it (the PDF and DOCX samples). */
  text?: string;
}

export const KNOWN_SENTENCE = 'The quarterly board pack covers waiting times for community dental services.';

/** The EICAR anti-virus test string: harmless, and flagged by every scanner. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

// ---- ZIP -------------------------------------------------------------------------------------

export interface ZipEntryInput {
  name: string;
  data?: Buffer | string;
  /** Stored rather than deflated (an OpenDocument's mimetype must be). */
  store?: boolean;
  /** Already deflated content, for entries too large to hold (the bomb). */
  deflated?: { bytes: Buffer; size: number; crc: number };
}

/** A ZIP file of the given entries, in order. */
export function zipOf(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    let method: number;
    let body: Buffer;
    let size: number;
    let crc: number;
    if (entry.deflated) {
      ({ bytes: body, size, crc } = entry.deflated);
      method = 8;
    } else {
      const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? '', 'utf8');
      size = data.length;
      crc = crc32(data);
      method = entry.store || data.length === 0 ? 0 : 8;
      body = method === 8 ? deflateRawSync(data) : data;
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x5b21, 12); // 2025-09-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    local.copy(central, 8, 6, 30); // flags through name length: the same fields
    central.writeUInt16LE(0, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `size` zero bytes, deflated a megabyte at a time (never held whole). */
async function deflatedZeros(size: number): Promise<{ bytes: Buffer; size: number; crc: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const block = Buffer.alloc(1024 ** 2);
  let crc = 0;
  for (let written = 0; written < size; written += block.length) {
    crc = crc32(block, crc);
    if (!deflate.write(block)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  return { bytes: Buffer.concat(chunks), size, crc };
}

// ---- Office and OpenDocument ------------------------------------------------------------------

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function contentTypes(overrides: Record<string, string>): string {
  return `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${Object.entries(
    overrides,
  )
    .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
    .join('')}</Types>`;
}

const relationships = (target: string) =>
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

/** A minimal Word document: one paragraph per string. */
export function minimalDocx(paragraphs: string[], options: { withoutDocumentPart?: boolean; macros?: boolean } = {}): Buffer {
  const body = paragraphs.map((text) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`).join('');
  const entries: ZipEntryInput[] = [
    { name: '[Content_Types].xml', data: contentTypes({ '/word/document.xml': WORD_MAIN }) },
    { name: '_rels/.rels', data: relationships('word/document.xml') },
  ];
  if (!options.withoutDocumentPart) {
    entries.push({
      name: 'word/document.xml',
      data: `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`,
    });
  }
  if (options.macros) entries.push({ name: 'word/vbaProject.bin', data: Buffer.alloc(64, 1) });
  return zipOf(entries);
}

function minimalXlsx(): Buffer {
  return zipOf([
    {
      name: '[Content_Types].xml',
      data: contentTypes({
        '/xl/workbook.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
        '/xl/worksheets/sheet1.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
      }),
    },
    { name: '_rels/.rels', data: relationships('xl/workbook.xml') },
    {
      name: 'xl/workbook.xml',
      data: `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Waiting list</t></is></c><c r="B1"><v>42</v></c></row></sheetData></worksheet>`,
    },
  ]);
}

function minimalPptx(): Buffer {
  return zipOf([
    {
      name: '[Content_Types].xml',
      data: contentTypes({ '/ppt/presentation.xml': 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml' }),
    },
    { name: '_rels/.rels', data: relationships('ppt/presentation.xml') },
    {
      name: 'ppt/presentation.xml',
      data: `${XML}<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>`,
    },
  ]);
}

function minimalOdf(kind: 'text' | 'spreadsheet' | 'presentation'): Buffer {
  const mime = `application/vnd.oasis.opendocument.${kind}`;
  return zipOf([
    { name: 'mimetype', data: mime, store: true },
    {
      name: 'META-INF/manifest.xml',
      data: `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mime}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
    },
    {
      name: 'content.xml',
      data: `${XML}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:${kind}><text:p>${escapeXml(KNOWN_SENTENCE)}</text:p></office:${kind}></office:body></office:document-content>`,
    },
  ]);
}

/**
 * A Compound File Binary container (version 3, 512-byte sectors) holding empty streams of the
 * given names: the shape of a legacy Office file's directory.
 */
export function minimalCfb(streams: string[]): Buffer {
  if (streams.length > 3) throw new Error('minimalCfb holds at most three streams');
  const FREE = 0xffffffff;
  const END = 0xfffffffe;
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // the directory starts at sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(END, 0x3c);
  header.writeUInt32LE(END, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREE, 0x4c + i * 4);
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0 is the FAT
  fat.writeUInt32LE(END, 4); // sector 1, the directory, ends its chain
  const directory = Buffer.alloc(512);
  const entry = (index: number, name: string, type: number, child: number, right: number) => {
    const at = index * 128;
    directory.write(name, at, 'utf16le');
    directory.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    directory[at + 0x42] = type;
    directory[at + 0x43] = 1; // black
    directory.writeUInt32LE(FREE, at + 0x44);
    directory.writeUInt32LE(right, at + 0x48);
    directory.writeUInt32LE(child, at + 0x4c);
    directory.writeUInt32LE(END, at + 0x74);
  };
  entry(0, 'Root Entry', 5, streams.length ? 1 : FREE, FREE);
  streams.forEach((name, i) => entry(i + 1, name, 2, FREE, i + 2 <= streams.length ? i + 2 : FREE));
  return Buffer.concat([header, fat, directory]);
}

// ---- PDF, images ------------------------------------------------------------------------------

const escapePdf = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);

/** A PDF with a real text layer, one page per string; `preamble` goes after the header line (for polyglots). */
export function minimalPdf(pages: string[], preamble = ''): Buffer {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((text, i) => {
    const stream = `BT /F1 12 Tf 72 720 Td (${escapePdf(text)}) Tj ET`;
    objects[pageIds[i]] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`;
    objects[pageIds[i] + 1] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });
  let pdf = `%PDF-1.4\n${preamble}%\xe2\xe3\xcf\xd3\n`;
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(pdf, 'latin1');
    pdf += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) pdf += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

const pngChunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0, 0);
  return Buffer.concat([length, body, crc]);
};

/** A PNG whose header declares width by height pixels (its pixel data is one empty row). */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateRawSync(Buffer.alloc(1))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A GIF that is also JavaScript: the screen width's two bytes open a comment ('/*'), a GIF
 * comment block closes it and assigns, and the bytes after the GIF's end close the last comment.
 */
export function gifJavascriptPolyglot(): Buffer {
  const script = Buffer.from("*/=alert('polyglot');/*", 'latin1');
  return Buffer.concat([
    Buffer.from('GIF89a/*', 'latin1'), // width 0x2a2f
    Buffer.from([0x01, 0x00, 0x00, 0x00, 0x00]), // height 1, no global colour table
    Buffer.from([0x21, 0xfe, script.length]),
    script,
    Buffer.from([0x00]),
    Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0x80]), // a 1x1 image with a two-colour local table
    Buffer.from([0x00, 0x5e, 0xb8, 0xff, 0xff, 0xff]),
    Buffer.from([0x02, 0x02, 0x44, 0x01, 0x00]), // its pixel data
    Buffer.from(';*/', 'latin1'), // the GIF trailer, then the end of the script's comment
  ]);
}

const image = (format: 'png' | 'jpeg' | 'gif' | 'webp') =>
  sharp({ create: { width: 16, height: 12, channels: 3, background: '#005eb8' } })
    [format]()
    .toBuffer();

// ---- The corpora --------------------------------------------------------------------------------

async function write(dir: string, files: Array<Omit<CorpusFile, 'path'> & { data: Buffer | string }>): Promise<CorpusFile[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    files.map(async ({ data, ...file }) => {
      const path = join(dir, file.name);
      await writeFile(path, data);
      return { ...file, path };
    }),
  );
}

/**
 * Hostile files, written into dir. EICAR is 'inert' with scanning off (the default): it is plain
 * text, and only a virus scanner refuses it (it is the scanner tests' infected sample).
 */
export async function hostileFiles(dir: string): Promise<CorpusFile[]> {
  const html = '<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n';
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>\n';
  const manyEntries = Array.from({ length: 10_001 }, (_, i) => ({ name: `item-${String(i).padStart(5, '0')}.txt`, data: '' }));
  const innermost = zipOf([{ name: 'note.txt', data: 'deep' }]);
  return write(dir, [
    { name: 'page.html', data: html, why: 'an HTML page', expect: 'refused' },
    { name: 'report.pdf', data: html, why: 'an HTML page named as a PDF', expect: 'refused' },
    { name: 'drawing.svg', data: svg, why: 'an SVG image with a script', expect: 'refused' },
    { name: 'photo.png', data: `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`, why: 'an SVG image named as a PNG', expect: 'refused' },
    { name: 'data.xml', data: `${XML}<minutes><item>Budget</item></minutes>\n`, why: 'XML', expect: 'refused' },
    { name: 'app.js', data: 'fetch("/api/users/me").then((r) => r.text()).then(alert);\n', why: 'JavaScript', expect: 'refused' },
    {
      name: 'tool',
      data: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]),
      why: 'an ELF program header, without a name extension',
      expect: 'refused',
    },
    {
      name: 'minutes.pdf',
      data: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(56), Buffer.from('PE\0\0', 'latin1')]),
      why: 'a Windows program (EXE) named as a PDF',
      expect: 'refused',
    },
    { name: 'installer.doc', data: minimalCfb(['\u4840\u3f3f\u4577', 'SummaryInformation']), why: 'a CFB container that is no Office document (as an .msi is) named .doc', expect: 'refused' },
    { name: 'macros.docx', data: minimalDocx([KNOWN_SENTENCE], { macros: true }), why: 'a Word document carrying macros (vbaProject.bin)', expect: 'refused' },
    { name: 'cat.gif', data: gifJavascriptPolyglot(), why: 'a GIF that is also JavaScript', expect: 'inert', mime: 'image/gif' },
    {
      name: 'paper.pdf',
      data: minimalPdf([KNOWN_SENTENCE], "%<html><body><script>alert('polyglot')</script></body></html>\n"),
      why: 'a PDF that is also HTML',
      expect: 'inert',
      mime: 'application/pdf',
    },
    { name: 'chart.pdf', data: await image('png'), why: 'a PNG image named as a PDF', expect: 'refused' },
    {
      name: 'bomb.zip',
      data: zipOf([{ name: 'zeros.bin', deflated: await deflatedZeros(200 * 1024 ** 2) }]),
      why: 'a zip bomb: 200 KB that unpacks to 200 MB',
      expect: 'refused',
    },
    { name: 'many.zip', data: zipOf(manyEntries), why: 'a ZIP with 10,001 entries', expect: 'refused' },
    {
      name: 'nested.zip',
      data: zipOf([{ name: 'inner.zip', data: zipOf([{ name: 'innermost.zip', data: innermost }]) }]),
      why: 'archives nested two levels deep',
      expect: 'refused',
    },
    { name: 'escape.zip', data: zipOf([{ name: '../../etc/cron.d/job', data: 'x' }]), why: 'a ZIP whose entry unpacks outside its folder', expect: 'refused' },
    { name: 'hollow.docx', data: minimalDocx([KNOWN_SENTENCE], { withoutDocumentPart: true }), why: 'a DOCX with no document part', expect: 'refused' },
    { name: 'huge.png', data: pngHeader(100_000, 100_000), why: 'a pixel bomb: a PNG header declaring 10 gigapixels', expect: 'refused' },
    { name: 'empty.txt', data: Buffer.alloc(0), why: 'an empty file', expect: 'refused' },
    { name: 'eicar.txt', data: EICAR, why: 'the EICAR test string: inert text with scanning off, infected with it on', expect: 'inert', mime: 'text/plain' },
    {
      name: 'notes.txt',
      data: 'Agenda\n1. Apologies\n2. Minutes of the last meeting\n<script>alert(document.cookie)</script>\n',
      why: 'a text file with a script tag after some lines',
      expect: 'inert',
      mime: 'text/plain',
    },
  ]);
}

/** A valid sample of every accepted kind, written into dir. */
export async function goodFiles(dir: string): Promise<CorpusFile[]> {
  const accepted = (name: string, mime: string, data: Buffer | string, why: string, text?: string) => ({ name, mime, data, why, text, expect: 'accepted' as const });
  return write(dir, [
    accepted('board-pack.pdf', 'application/pdf', minimalPdf([KNOWN_SENTENCE, 'Appendix: figures by quarter.']), 'PDF with a text layer', KNOWN_SENTENCE),
    accepted(
      'policy.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      minimalDocx([KNOWN_SENTENCE, 'Owner: Finance & Estates <team>.']),
      'Word document',
      KNOWN_SENTENCE,
    ),
    accepted('figures.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', minimalXlsx(), 'Excel spreadsheet'),
    accepted('slides.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', minimalPptx(), 'PowerPoint presentation'),
    accepted('letter.odt', 'application/vnd.oasis.opendocument.text', minimalOdf('text'), 'OpenDocument text'),
    accepted('budget.ods', 'application/vnd.oasis.opendocument.spreadsheet', minimalOdf('spreadsheet'), 'OpenDocument spreadsheet'),
    accepted('talk.odp', 'application/vnd.oasis.opendocument.presentation', minimalOdf('presentation'), 'OpenDocument presentation'),
    accepted('old-policy.doc', 'application/msword', minimalCfb(['WordDocument', '1Table']), 'Word 97-2003 document'),
    accepted('old-figures.xls', 'application/vnd.ms-excel', minimalCfb(['Workbook']), 'Excel 97-2003 spreadsheet'),
    accepted('old-slides.ppt', 'application/vnd.ms-powerpoint', minimalCfb(['PowerPoint Document', 'Current User']), 'PowerPoint 97-2003 presentation'),
    accepted('memo.rtf', 'application/rtf', `{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}}\\f0 ${KNOWN_SENTENCE}\\par}`, 'RTF'),
    accepted('logo.png', 'image/png', await image('png'), 'PNG image'),
    accepted('photo.jpg', 'image/jpeg', await image('jpeg'), 'JPEG image'),
    accepted('icon.gif', 'image/gif', await image('gif'), 'GIF image'),
    accepted('banner.webp', 'image/webp', await image('webp'), 'WebP image'),
    accepted('readme.txt', 'text/plain', `${KNOWN_SENTENCE}\nCafé, naïve, 5 × 3 — all UTF-8.\n`, 'UTF-8 text'),
    accepted('bmi.csv', 'text/csv', 'BMI,weight\n22.5,70\n', "CSV whose first bytes ('BM') are a bitmap's signature"),
    accepted('guide.md', 'text/markdown', '# Guide\n\nSee [the policy](https://example.org).\n', 'Markdown'),
    accepted('NOTES', 'text/plain', 'No extension: the content decides.\n', 'text without a name extension'),
    accepted(
      'papers.zip',
      'application/zip',
      zipOf([
        { name: 'agenda.txt', data: 'Agenda' },
        { name: 'policy.docx', data: minimalDocx([KNOWN_SENTENCE]) },
        { name: 'appendices.zip', data: zipOf([{ name: 'a.txt', data: 'Appendix A' }]) },
        { name: 'scans/', data: '' },
      ]),
      'ZIP holding a document and one nested archive',
    ),
  ]);
}
