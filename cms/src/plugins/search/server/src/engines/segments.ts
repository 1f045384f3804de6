/**
 * Highlighted text as `Segment[]` (engine.ts): an engine asks its highlighter to wrap matches in two
 * marker characters that cannot occur in stored text (they are stripped on write), then cuts the
 * marked text here. Unicode noncharacters are reserved for a program's internal use and never
 * meant to be interchanged, so no member's text needs them.
 */
import type { Segment } from './engine';

export const MATCH_OPEN = '\uFDD0';
export const MATCH_CLOSE = '\uFDD1';

const MARKERS = /[\uFDD0\uFDD1]/gu;

/** Text as stored: without the markers, so a highlight can never be confused with content. */
export function stripMarkers(text: string): string {
  return text.replace(MARKERS, '');
}

/**
 * Cuts marked text into matched and unmatched stretches. Joined, the texts give back the text
 * without its markers; neighbours of the same kind are merged and empty ones dropped.
 */
export function segmentsOf(marked: string, open = MATCH_OPEN, close = MATCH_CLOSE): Segment[] {
  const segments: Segment[] = [];
  let match = false;
  let text = '';
  const push = () => {
    if (text === '') return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
    text = '';
  };
  for (const char of marked) {
    if (char === open || char === close) {
      push();
      match = char === open;
    } else {
      text += char;
    }
  }
  push();
  return segments;
}

/** True when any stretch matched. */
export function hasMatch(segments: Segment[]): boolean {
  return segments.some((segment) => segment.match);
}
