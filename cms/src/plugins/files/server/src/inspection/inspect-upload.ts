/**
 * What an uploaded file is, decided by its bytes: never by its name or the type the browser
 * declared. The name must agree with the content; zip-based files, images and legacy Office
 * containers are checked beyond their leading bytes.
 */
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import sharp from 'sharp';
import type * as FileType from 'file-type/source/index.js';
import { cfbKind } from './cfb';
import { ACCEPTED, DETECTED, KINDS, MACRO_TYPES, TEXT_KINDS, kindOfExtension, type Kind, type KindName } from './kinds';
import { InspectionRefusal } from './refusal';
import { sniffText } from './text';
import { checkDocumentPackage, checkZipArchive, macros } from './zip';

export interface Inspected {
  /** The type the bytes are, e.g. 'application/pdf'; what the file is served as when inline-safe. */
  mime: string;
  /** Canonical extension with the dot, e.g. '.pdf'. */
  ext: string;
  /** Human kind, e.g. 'PDF', 'Word document', 'PNG image'. */
  label: string;
  /** Whether extractText can read it. */
  extractable: 'pdf' | 'docx' | null;
}

/** Images over this many pixels are refused: decoding one (for a preview, by a viewer) would take gigabytes. */
export const MAX_IMAGE_PIXELS = 100_000_000;

// file-type is ESM-only: loaded on first use (require(esm) in the compiled CommonJS).
let fileType: Promise<typeof FileType> | null = null;
const loadFileType = () => (fileType ??= import('file-type' as string) as Promise<typeof FileType>);

/** '100 MB', '1.5 MB', '512 KB'. */
const sizeOf = (bytes: number) => {
  const [value, unit] = bytes >= 1024 ** 2 ? [bytes / 1024 ** 2, 'MB'] : [bytes / 1024, 'KB'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
};

const notAccepted = (what: string) => new InspectionRefusal(`The file is ${what}, which is not accepted. ${ACCEPTED}`);

export async function inspectUpload(path: string, originalName: string, options: { maxBytes: number }): Promise<Inspected> {
  const stats = await stat(path);
  if (!stats.isFile() || stats.size === 0) throw new InspectionRefusal('The file is empty: choose the file again.');
  if (stats.size > options.maxBytes) throw new InspectionRefusal(`The file must be ${sizeOf(options.maxBytes)} or smaller.`);

  const nameExt = extensionOf(originalName);
  const claimed = nameExt ? kindOfExtension(nameExt) : null;
  if (nameExt && !claimed) throw new InspectionRefusal(`Files ending ${nameExt} are not accepted. ${ACCEPTED}`);
  const name = await kindOfContent(path, claimed);
  const kind: Kind = KINDS[name];

  if (nameExt && !kind.exts.includes(nameExt)) {
    const says = KINDS[claimed!].label;
    throw new InspectionRefusal(`The file's name says ${says} but its content is ${article(kind.label)}: rename it or choose the right file.`);
  }

  if (kind.check === 'image') await checkImage(path, kind.label);
  else if (kind.check === 'zip') await checkZipArchive(path);
  else if (kind.check === 'ooxml' || kind.check === 'odf') await checkDocumentPackage(path, name, kind.label);

  return { mime: kind.mime, ext: kind.exts[0], label: kind.label, extractable: kind.extractable };
}

/**
 * A name's extension, lower case with the dot, or null: only letters and digits after the last
 * dot, starting with a letter, count ('Minutes 12.03.2024' has none).
 */
export function extensionOf(name: string): string | null {
  const ext = extname(name).toLowerCase();
  return /^\.[a-z][a-z0-9]{0,9}$/.test(ext) ? ext : null;
}

/** 'a PNG image', 'an Excel spreadsheet', 'text', 'CSV'. */
const article = (label: string) => {
  if (label === 'Text') return 'text';
  if (label === 'CSV' || label === 'Markdown') return label;
  return `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`;
};

/** The accepted kind the bytes are; `claimed` (from the name) only chooses among the text kinds. */
async function kindOfContent(path: string, claimed: KindName | null): Promise<KindName> {
  const { fileTypeFromFile } = await loadFileType();
  const detected = await fileTypeFromFile(path).catch(() => undefined);
  const textKind = claimed && TEXT_KINDS.includes(claimed) ? claimed : 'txt';

  if (detected) {
    const accepted = DETECTED[detected.ext];
    if (accepted) return accepted;
    if (detected.ext === 'cfb') return cfbKind(path);
    if (MACRO_TYPES.has(detected.ext)) throw macros('document');
  }
  const verdict = await sniffText(path);
  if (verdict.markup) throw notAccepted(verdict.markup);
  // A weak signature can match the start of real text ('BM' is a bitmap, and a CSV of BMI
  // figures starts so): text named as text, or not named at all, is read as text.
  if (verdict.text && (!detected || !claimed || TEXT_KINDS.includes(claimed))) return textKind;
  if (detected) throw notAccepted(describe(detected.ext));
  if (verdict.notUtf8 && claimed && TEXT_KINDS.includes(claimed)) {
    throw new InspectionRefusal(
      'The text is not in UTF-8: save it again as UTF-8 (in Excel choose "CSV UTF-8"; in Notepad choose the UTF-8 encoding) and upload that.',
    );
  }
  throw notAccepted('of a kind that could not be recognised');
}

const DESCRIPTIONS: Record<string, string> = {
  exe: 'a Windows program',
  elf: 'a program',
  macho: 'a program',
  xml: 'XML',
  html: 'a web page (HTML)',
};

const describe = (ext: string): string => DESCRIPTIONS[ext] ?? `a .${ext} file`;

async function checkImage(path: string, label: string): Promise<void> {
  let width: number | undefined;
  let height: number | undefined;
  try {
    // A header read: the pixels are never decoded, and the member gets back the bytes they sent.
    ({ width, height } = await sharp(path, { limitInputPixels: false }).metadata());
  } catch {
    throw new InspectionRefusal(`The ${label} is damaged: open it on your computer, save it again, and upload the new copy.`);
  }
  if (!width || !height) throw new InspectionRefusal(`The ${label} is damaged: open it on your computer, save it again, and upload the new copy.`);
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new InspectionRefusal(
      `The image is ${width.toLocaleString('en-GB')} by ${height.toLocaleString('en-GB')} pixels; images must be at most 100 megapixels: make it smaller and upload it again.`,
    );
  }
}
