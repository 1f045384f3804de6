import { ukDateTime } from '@futurenhs/blocks';
import type { Author } from '@futurenhs/contract';

/** "24 November 2026 at 9:30pm", UK time: the one format of every forum time (blocks and pages). */
export const formatWhen = ukDateTime;

/** For <time datetime>: a valid ISO string or nothing. */
export function isoOrUndefined(iso: string | null): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An account deleted since: its posts stay, under no name (docs/design.md#people: no anonymous posts otherwise). */
export function authorName(author: Author | null): string {
  return author?.name.trim() || 'Former member';
}

/** "Job title, Organisation", or whichever of them is known. */
export function authorRole(author: Author | null): string {
  if (!author) return '';
  return [author.jobTitle, author.organisation].filter((part) => part && part.trim()).join(', ');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}
