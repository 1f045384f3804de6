/**
 * ZIP-based files (ZIP archives, OOXML, OpenDocument) read through their central directory, never
 * inflated whole: bombs are refused by what the directory declares, and yauzl checks the declared
 * sizes against the real ones whenever an entry is read.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { InspectionRefusal } from './refusal';

export const ZIP_LIMITS = {
  /** Entries in one file, nested archives' entries included. */
  maxEntries: 10_000,
  /** Everything the file would unpack to, nested archives included. */
  maxTotalUncompressed: 2 * 1024 ** 3,
  /** Uncompressed size over compressed size of one entry, above the grace size. */
  maxRatio: 250,
  /** Entries smaller than this unpack to too little to matter, whatever their ratio. */
  ratioGraceBytes: 1024 ** 2,
  /** A nested archive is unpacked to a temporary file to look inside it: at most this big. */
  maxNestedBytes: 256 * 1024 ** 2,
};

const DAMAGED = 'The file is damaged or is not a real ZIP-based file: open it on your computer, save it again, and upload the new copy.';

export async function openZip(path: string): Promise<ZipFile> {
  try {
    // decodeStrings makes yauzl refuse absolute names and '..' (files that unpack outside their folder).
    return await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true });
  } catch {
    throw new InspectionRefusal(DAMAGED);
  }
}

/** Every entry of the central directory, refusing at once if there are too many. */
export function entriesOf(zip: ZipFile, maxEntries = ZIP_LIMITS.maxEntries): Promise<Entry[]> {
  if (zip.entryCount > maxEntries) return Promise.reject(tooManyEntries());
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', () => reject(new InspectionRefusal(DAMAGED)));
    zip.readEntry();
  });
}

const tooManyEntries = () =>
  new InspectionRefusal(`The archive holds more than ${ZIP_LIMITS.maxEntries.toLocaleString('en-GB')} files: split it into smaller archives.`);

export function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}

/** An entry's content, or null when it unpacks to more than maxBytes. */
export async function readEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Buffer | null> {
  if (entry.uncompressedSize > maxBytes) return null;
  const stream = await openEntry(zip, entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The first bytes of an entry (enough to tell an archive), inflating no more than that. */
async function headOf(zip: ZipFile, entry: Entry, bytes = 262): Promise<Buffer> {
  if (entry.uncompressedSize === 0) return Buffer.alloc(0);
  const stream = await openEntry(zip, entry);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= bytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}

export interface Totals {
  entries: number;
  uncompressed: number;
}

/** Refuses a bomb by what the central directory declares. */
export function checkBounds(entries: Entry[], totals: Totals = { entries: 0, uncompressed: 0 }): Totals {
  for (const entry of entries) {
    totals.entries += 1;
    totals.uncompressed += entry.uncompressedSize;
    if (totals.entries > ZIP_LIMITS.maxEntries) throw tooManyEntries();
    if (totals.uncompressed > ZIP_LIMITS.maxTotalUncompressed) {
      throw new InspectionRefusal('The archive would unpack to more than 2 GB: split it into smaller archives.');
    }
    if (entry.uncompressedSize > ZIP_LIMITS.ratioGraceBytes && entry.uncompressedSize > entry.compressedSize * ZIP_LIMITS.maxRatio) {
      throw new InspectionRefusal(
        'The archive is compressed far more than real documents are (it may be a "zip bomb"), so it was not accepted. If it is genuine, upload the files inside it instead.',
      );
    }
  }
  return totals;
}

function refuseEncrypted(entries: Entry[]) {
  if (entries.some((entry) => entry.isEncrypted())) {
    throw new InspectionRefusal('Password-protected archives cannot be checked: upload the files without a password.');
  }
}

const ARCHIVE_SIGNATURES: Buffer[] = [
  Buffer.from('PK\x03\x04', 'latin1'), // ZIP (and the documents built on it)
  Buffer.from('PK\x05\x06', 'latin1'), // empty ZIP
  Buffer.from([0x1f, 0x8b]), // gzip
  Buffer.from('7z\xbc\xaf\x27\x1c', 'latin1'),
  Buffer.from('Rar!\x1a\x07', 'latin1'),
  Buffer.from('BZh', 'latin1'),
  Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), // xz
  Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), // zstd
  Buffer.from('MSCF', 'latin1'), // cab
];

const isArchive = (head: Buffer) =>
  ARCHIVE_SIGNATURES.some((signature) => head.subarray(0, signature.length).equals(signature)) ||
  // tar: 'ustar' at 257
  head.subarray(257, 262).toString('latin1') === 'ustar';

const isZip = (head: Buffer) => head.subarray(0, 4).toString('latin1') === 'PK\x03\x04';

/** Whether a ZIP's entries are those of an Office or OpenDocument file rather than a plain archive. */
const isDocumentPackage = (entries: Entry[]) =>
  entries.some((entry) => entry.fileName === '[Content_Types].xml') || entries[0]?.fileName === 'mimetype';

/**
 * A ZIP archive: bounded, not encrypted, and nesting archives at most one level deep. Office and
 * OpenDocument files inside count as documents, not archives (they often embed a spreadsheet),
 * but their size still counts towards the bounds.
 */
export async function checkZipArchive(path: string): Promise<void> {
  const zip = await openZip(path);
  let scratch: string | null = null;
  try {
    const entries = await entriesOf(zip);
    const totals = checkBounds(entries);
    refuseEncrypted(entries);
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const head = await headOf(zip, entry).catch(() => {
        throw new InspectionRefusal(DAMAGED);
      });
      if (!isArchive(head)) continue;
      if (!isZip(head)) {
        throw tooDeep(); // an archive we cannot look inside: allowed only at the top
      }
      if (entry.uncompressedSize > ZIP_LIMITS.maxNestedBytes) {
        throw new InspectionRefusal('The archive holds another archive too large to check: upload the inner archive on its own.');
      }
      scratch ??= await mkdtemp(join(tmpdir(), 'futurenhs-zip-'));
      const inner = join(scratch, 'inner.zip');
      try {
        await pipeline(await openEntry(zip, entry), createWriteStream(inner));
      } catch {
        throw new InspectionRefusal(DAMAGED);
      }
      await checkNested(inner, totals);
    }
  } finally {
    zip.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

const tooDeep = () =>
  new InspectionRefusal('The archive holds archives inside archives, which cannot be checked: unpack it and upload the files or a single archive of them.');

async function checkNested(path: string, totals: Totals): Promise<void> {
  const zip = await openZip(path);
  try {
    const entries = await entriesOf(zip, ZIP_LIMITS.maxEntries - totals.entries);
    checkBounds(entries, totals);
    refuseEncrypted(entries);
    if (isDocumentPackage(entries)) return;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const head = await headOf(zip, entry).catch(() => {
        throw new InspectionRefusal(DAMAGED);
      });
      if (isArchive(head)) throw tooDeep();
    }
  } finally {
    zip.close();
  }
}

const MAIN_CONTENT_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
};

/** Where an OOXML file's main part is, as its [Content_Types].xml declares it; null when it declares none. */
export async function ooxmlMainPart(zip: ZipFile, entries: Entry[], kind: 'docx' | 'xlsx' | 'pptx'): Promise<Entry | null> {
  const types = entries.find((entry) => entry.fileName === '[Content_Types].xml');
  if (!types) return null;
  const xml = (await readEntry(zip, types, 1024 ** 2))?.toString('utf8');
  if (!xml) return null;
  for (const match of xml.matchAll(/<Override\b[^>]*>/g)) {
    const contentType = /ContentType\s*=\s*"([^"]*)"/.exec(match[0])?.[1];
    const partName = /PartName\s*=\s*"([^"]*)"/.exec(match[0])?.[1];
    if (contentType?.toLowerCase() !== MAIN_CONTENT_TYPES[kind] || !partName) continue;
    const name = decodeURIComponent(partName.replace(/^\//, ''));
    return entries.find((entry) => entry.fileName.toLowerCase() === name.toLowerCase()) ?? null;
  }
  return null;
}

/** An Office (OOXML) or OpenDocument file: bounded, without macros, holding its main part. */
export async function checkDocumentPackage(path: string, kind: string, label: string): Promise<void> {
  const zip = await openZip(path);
  try {
    const entries = await entriesOf(zip);
    checkBounds(entries);
    const damaged = new InspectionRefusal(`The ${label} is damaged: open it on your computer, save it again, and upload the new copy.`);
    if (entries.some((entry) => entry.isEncrypted())) throw damaged;
    if (kind === 'docx' || kind === 'xlsx' || kind === 'pptx') {
      if (entries.some((entry) => /(^|\/)vbaProject\.bin$/i.test(entry.fileName))) throw macros(label);
      const main = await ooxmlMainPart(zip, entries, kind).catch(() => null);
      if (!main) throw damaged;
    } else if (!entries.some((entry) => entry.fileName === 'content.xml')) {
      throw damaged;
    }
  } finally {
    zip.close();
  }
}

export const macros = (label: string) =>
  new InspectionRefusal(`The ${label} contains macros, which are not accepted: save it without macros (for example as .docx, .xlsx or .pptx) and upload that.`);
