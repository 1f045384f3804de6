const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});

const formatted = new Map<string, string>();
const MEMO_ENTRIES = 20_000;

/**
 * "24 November 2026 at 9:26pm", in UK time (the NHS.UK style for dates and times); '' for an
 * invalid date. Absolute, not "2 hours ago": rendered posts and blocks are shared between viewers
 * and cached until the forum changes, so a relative time would go stale.
 */
export function ukDateTime(iso: string): string {
  const remembered = formatted.get(iso);
  if (remembered !== undefined) return remembered;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const parts = Object.fromEntries(dateTime.formatToParts(date).map((part) => [part.type, part.value]));
  const text = `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}${(parts.dayPeriod ?? '').toLowerCase().replace(/\s|\./g, '')}`;
  // Intl formatting was the costliest step of rendering a thread; posts' times repeat on every view.
  if (formatted.size >= MEMO_ENTRIES) formatted.delete(formatted.keys().next().value!);
  formatted.set(iso, text);
  return text;
}
