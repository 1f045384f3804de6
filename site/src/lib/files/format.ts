import type { ScanState } from '@futurenhs/contract';

/** Sizes as people read them: "512 bytes", "12 KB", "3.4 MB" (1 KB = 1,024 bytes, as file managers show). */
export function humanSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes.toLocaleString('en-GB')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${shown.toLocaleString('en-GB')} ${units[unit]}`;
}

/** The upload limit in words, for hints and errors: "250 MB". */
export function limitInWords(bytes: number): string {
  return humanSize(bytes);
}

/**
 * A version's virus check in words, or nothing when there is nothing to say (scanning off, or
 * clean): the page shows these beside the file, never a colour alone.
 */
export function scanWords(scan: ScanState): { text: string; tag: string } | null {
  switch (scan) {
    case 'pending':
      return { text: 'Being checked for viruses', tag: 'nhsuk-tag--yellow' };
    case 'failed':
      return { text: 'Failed virus check', tag: 'nhsuk-tag--orange' };
    case 'infected':
      return { text: 'Virus found: cannot be downloaded', tag: 'nhsuk-tag--red' };
    default:
      return null;
  }
}

/** Whether a version's bytes may be fetched now (the CMS decides again; this only hides dead links). */
export function downloadable(scan: ScanState): boolean {
  return scan === 'unscanned' || scan === 'clean';
}

/** The first characters of a SHA-256, enough to compare by eye. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}
