import type { SearchSegment } from '@futurenhs/contract';

/**
 * What a search box's suggestions carry to the browser (src/pages/search/suggest.ts to
 * src/client/search-suggest.ts): a hit's title (its matched stretches marked, shown as text),
 * what it is, where it lives and where it goes. Nothing else of the hit leaves the server. Types
 * and one number only: the browser's script imports this file, and must not bundle the contract.
 */
export const SUGGEST_MIN_LENGTH = 2;

export interface Suggestion {
  title: SearchSegment[];
  type: string;
  workspace: string | null;
  url: string;
}

export interface SuggestAnswer {
  query: string;
  suggestions: Suggestion[];
}
