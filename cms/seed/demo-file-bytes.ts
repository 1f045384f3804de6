import { crc32, deflateRawSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * The demo's files are made here, as demo images are (demo-images.ts): small, real documents of
 * each common kind, so the quick start works offline, the repository carries no binary assets, and
 * what members download opens in their usual programs. The PDF and the Word document have a real
 * text layer, so search finds their words.
 */

// ---- PDF ----------------------------------------------------------------------------------------

const pdfText = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '-');

/** A PDF of one page per entry, each page a title and its lines, in Helvetica. */
export function demoPdf(pages: { title: string; lines: string[] }[]): Buffer {
  const objects: string[] = [];
  const pageIds = pages.map((_, index) => 5 + index * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((page, index) => {
    const lines = page.lines.map((line) => `(${pdfText(line)}) Tj T*`).join(' ');
    const stream = `BT /F1 18 Tf 72 740 Td (${pdfText(page.title)}) Tj ET BT /F2 11 Tf 15 TL 72 705 Td ${lines} ET`;
    objects[pageIds[index]] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[index] + 1} 0 R >>`;
    objects[pageIds[index] + 1] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
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

// ---- Word ---------------------------------------------------------------------------------------

/** A ZIP archive of these entries, deflated (what Office documents are). */
function zip(entries: { name: string; data: string }[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.from(entry.data, 'utf8');
    const body = deflateRawSync(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // names in UTF-8
    header.writeUInt16LE(8, 8); // deflated
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(0x5b81, 12); // 2025-12-01
    header.writeUInt32LE(crc32(data) >>> 0, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    header.copy(central, 8, 6, 30);
    central.writeUInt32LE(offset, 42);
    parts.push(header, name, body);
    directory.push(central, name);
    offset += header.length + name.length + body.length;
  }
  const listing = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(listing.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, listing, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Word document: a title (Word's Title style) and one paragraph per entry. */
export function demoDocx(title: string, paragraphs: string[]): Buffer {
  const paragraph = (text: string, style?: string) =>
    `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
  return zip([
    {
      name: '[Content_Types].xml',
      data: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    },
    {
      name: 'word/document.xml',
      data: `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraph(title, 'Title')}${paragraphs.map((text) => paragraph(text)).join('')}<w:sectPr/></w:body></w:document>`,
    },
  ]);
}

// ---- CSV, PNG -----------------------------------------------------------------------------------

/** Comma-separated values with a header row, quoted where needed (RFC 4180). */
export function demoCsv(rows: (string | number)[][]): Buffer {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return Buffer.from(`${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** A simple pathway diagram: boxes joined by arrows, one per step, in NHS blue. */
export async function demoPathwayPng(steps: string[]): Promise<Buffer> {
  const width = 220 * steps.length + 40;
  const boxes = steps
    .map((step, index) => {
      const x = 20 + index * 220;
      const arrow = index < steps.length - 1 ? `<path d="M${x + 180} 90 h30 l-8 -6 m8 6 l-8 6" stroke="#425563" stroke-width="3" fill="none"/>` : '';
      return `<rect x="${x}" y="50" width="180" height="80" rx="6" fill="#005eb8"/><text x="${x + 90}" y="96" font-family="Arial, sans-serif" font-size="16" fill="#ffffff" text-anchor="middle">${escapeXml(step)}</text>${arrow}`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="180"><rect width="100%" height="100%" fill="#ffffff"/>${boxes}</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}
