import type { Author } from './schemas.ts';

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});

/** "24 November 2026 at 9:30pm", UK time (the NHS.UK style for dates and times). */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const parts = Object.fromEntries(dateTime.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}${(parts.dayPeriod ?? '').toLowerCase().replace(/\s|\./g, '')}`;
}

/** For <time datetime>: a valid ISO string or nothing. */
export function isoOrUndefined(iso: string | null): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An account deleted since: its posts stay, under no name (DESIGN.md §1: no anonymous posts otherwise). */
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
