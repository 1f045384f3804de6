/**
 * Two versions of a document side by side, block by block: blocks kept are 'same', and a run of
 * removed blocks followed by a run of added ones is read as those blocks 'changed', paired in order,
 * so an edited paragraph sits beside what it was instead of in two rows of its own.
 */
import type { DocumentDiffRow } from '@futurenhs/contract';
import { diffArrays } from 'diff';
import type { DocumentJson } from './nodes';
import { documentBlocks } from './text';

/**
 * Comparing is O(n·d): two long documents with little in common could take seconds. Past this
 * the versions are shown block beside block by position instead.
 */
const DIFF_TIMEOUT_MS = 2_000;

export function documentDiff(before: DocumentJson, after: DocumentJson): DocumentDiffRow[] {
  return diffBlocks(documentBlocks(before), documentBlocks(after));
}

export function diffBlocks(before: string[], after: string[]): DocumentDiffRow[] {
  const changes = diffArrays(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) return paired(before, after);
  const rows: DocumentDiffRow[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    rows.push(...paired(removed, added));
    removed = [];
    added = [];
  };
  for (const change of changes) {
    if (change.removed) removed.push(...change.value);
    else if (change.added) added.push(...change.value);
    else {
      flush();
      for (const block of change.value) rows.push({ change: 'same', before: block, after: block });
    }
  }
  flush();
  return rows;
}

/** Removed and added blocks between two kept ones: the first of each are one change, the rest stand alone. */
function paired(removed: string[], added: string[]): DocumentDiffRow[] {
  const rows: DocumentDiffRow[] = [];
  const length = Math.max(removed.length, added.length);
  for (let index = 0; index < length; index++) {
    const before = index < removed.length ? removed[index] : null;
    const after = index < added.length ? added[index] : null;
    if (before !== null && after !== null) rows.push({ change: before === after ? 'same' : 'changed', before, after });
    else if (before !== null) rows.push({ change: 'removed', before, after: null });
    else rows.push({ change: 'added', before: null, after });
  }
  return rows;
}
