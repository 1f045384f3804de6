/**
 * The kinds of file members may upload: what each is served as, the names it may carry, and the
 * words members see. Everything not listed here is refused.
 */
export interface Kind {
  mime: string;
  /** The canonical extension first; a file's name may end with any of these. */
  exts: string[];
  label: string;
  extractable: 'pdf' | 'docx' | null;
  /** How the content is checked beyond its leading bytes. */
  check: 'none' | 'image' | 'zip' | 'ooxml' | 'odf' | 'text';
}

const kind = (mime: string, exts: string[], label: string, check: Kind['check'], extractable: Kind['extractable'] = null): Kind => ({
  mime,
  exts,
  label,
  extractable,
  check,
});

export const KINDS = {
  pdf: kind('application/pdf', ['.pdf'], 'PDF', 'none', 'pdf'),
  docx: kind('application/vnd.openxmlformats-officedocument.wordprocessingml.document', ['.docx'], 'Word document', 'ooxml', 'docx'),
  xlsx: kind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ['.xlsx'], 'Excel spreadsheet', 'ooxml'),
  pptx: kind('application/vnd.openxmlformats-officedocument.presentationml.presentation', ['.pptx'], 'PowerPoint presentation', 'ooxml'),
  odt: kind('application/vnd.oasis.opendocument.text', ['.odt'], 'OpenDocument text', 'odf'),
  ods: kind('application/vnd.oasis.opendocument.spreadsheet', ['.ods'], 'OpenDocument spreadsheet', 'odf'),
  odp: kind('application/vnd.oasis.opendocument.presentation', ['.odp'], 'OpenDocument presentation', 'odf'),
  doc: kind('application/msword', ['.doc'], 'Word document (97-2003)', 'none'),
  xls: kind('application/vnd.ms-excel', ['.xls'], 'Excel spreadsheet (97-2003)', 'none'),
  ppt: kind('application/vnd.ms-powerpoint', ['.ppt'], 'PowerPoint presentation (97-2003)', 'none'),
  rtf: kind('application/rtf', ['.rtf'], 'Rich Text document', 'none'),
  png: kind('image/png', ['.png'], 'PNG image', 'image'),
  jpeg: kind('image/jpeg', ['.jpg', '.jpeg'], 'JPEG image', 'image'),
  gif: kind('image/gif', ['.gif'], 'GIF image', 'image'),
  webp: kind('image/webp', ['.webp'], 'WebP image', 'image'),
  txt: kind('text/plain', ['.txt'], 'Text', 'text'),
  csv: kind('text/csv', ['.csv'], 'CSV', 'text'),
  md: kind('text/markdown', ['.md', '.markdown'], 'Markdown', 'text'),
  zip: kind('application/zip', ['.zip'], 'ZIP archive', 'zip'),
} satisfies Record<string, Kind>;

export type KindName = keyof typeof KINDS;

/** What file-type calls a kind we accept (file-type's `ext`); CFB is told apart by its streams. */
export const DETECTED: Record<string, KindName> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  pptx: 'pptx',
  odt: 'odt',
  ods: 'ods',
  odp: 'odp',
  rtf: 'rtf',
  png: 'png',
  // An animated PNG is a PNG to every browser and viewer.
  apng: 'png',
  jpg: 'jpeg',
  gif: 'gif',
  webp: 'webp',
  zip: 'zip',
};

/** Office files that carry macros: refused, with a message that says how to save them without. */
export const MACRO_TYPES = new Set(['docm', 'dotm', 'xlsm', 'xltm', 'pptm', 'potm', 'ppsm']);

export const ACCEPTED =
  'You can upload PDF, Word, Excel and PowerPoint files (also 97-2003), OpenDocument files, RTF, PNG, JPEG, GIF and WebP images, text (.txt, .csv, .md) and ZIP archives.';

/** The kind a file's name claims, by its extension (lower case, with the dot). */
export function kindOfExtension(ext: string): KindName | null {
  for (const [name, candidate] of Object.entries(KINDS) as [KindName, Kind][]) {
    if (candidate.exts.includes(ext)) return name;
  }
  return null;
}

export const TEXT_KINDS: KindName[] = ['txt', 'csv', 'md'];
