import type { ScanState } from '@futurenhs/contract';

/**
 * The files' addresses on the site (docs/design.md#addresses-on-the-site), built in one place for
 * the block, rich-text links to a file, and the site's files pages.
 */
const workspacePath = (slug: string) => `/workspaces/${encodeURIComponent(slug)}`;

/** The top level of a workspace's files. */
export const filesHref = (slug: string) => `${workspacePath(slug)}/files`;
/** A folder's page; null is the top level. */
export const folderHref = (slug: string, folderId: number | null) => (folderId === null ? filesHref(slug) : `${filesHref(slug)}/${folderId}`);
/** A file's page: its details, versions and download. */
export const fileHref = (slug: string, itemId: number) => `${filesHref(slug)}/items/${itemId}`;

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** "812 bytes", "1 byte", "240 KB", "3.4 MB": one decimal under 10 of a unit, as file managers show sizes. */
export function fileSizeText(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1023.7 KB rounds to 1024 KB: say 1 MB instead.
  if (rounded >= 1024 && unit < UNITS.length - 1) return `1 ${UNITS[unit + 1]}`;
  return `${rounded.toLocaleString('en-GB')} ${UNITS[unit]}`;
}

/** What a file's virus check means for a reader, when it is anything but "served as it is". */
export function scanNote(scan: ScanState): string | null {
  if (scan === 'pending' || scan === 'failed') return 'being checked for viruses';
  if (scan === 'infected') return 'failed virus check';
  return null;
}

/** When a file last changed, as the forum shows every time. */
export { ukDateTime as updatedTime } from '../lib/uk-time.ts';
