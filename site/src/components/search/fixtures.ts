import { searchAnswerSchema, type SearchAnswer } from '@futurenhs/contract';

/**
 * Search answers as the CMS sends them (contract/src/search.ts), for the search page's component
 * tests. Each goes through the contract's schema, as the site's client puts every answer.
 */
export const HOSTILE_TITLE = '<script>window.__pwned=1</script>';
export const HOSTILE_SNIPPET = '<img src=x onerror=alert(1)> rota for nights';
export const LONG_WORD = 'a'.repeat(300);

const emptyFacets = { type: [], workspace: [], region: [], topic: [] };

export function answer(overrides: Partial<SearchAnswer> = {}): SearchAnswer {
  return searchAnswerSchema.parse({
    query: 'night staffing',
    total: 24,
    page: 1,
    pageSize: 10,
    hits: [
      {
        id: 'discussion:1',
        type: 'discussion',
        title: [
          { text: HOSTILE_TITLE, match: true },
          { text: ' Night \u202Estaffing', match: false },
        ],
        snippet: [
          { text: HOSTILE_SNIPPET, match: false },
          { text: ' staffing ', match: true },
          { text: LONG_WORD, match: false },
        ],
        url: '/workspaces/virtual-wards/discussions/1',
        workspace: { slug: 'virtual-wards', title: 'Virtual Wards Network' },
        updatedAt: '2026-11-24T21:30:00.000Z',
        context: 'Ada Lovelace, Ward manager',
      },
      {
        id: 'case-study:7',
        type: 'case-study',
        title: [{ text: 'Total triage', match: true }],
        snippet: [],
        url: '/case-studies/total-triage',
        workspace: null,
        updatedAt: null,
        context: 'Rural Practice Partnership',
      },
    ],
    facets: {
      type: [
        { value: 'workspace', label: 'Workspaces', count: 2 },
        { value: 'discussion', label: 'Discussions', count: 10 },
        { value: 'comment', label: 'Comments', count: 11 },
        { value: 'case-study', label: 'Case studies', count: 1 },
      ],
      workspace: [
        { value: 'virtual-wards', label: 'Virtual Wards Network', count: 20 },
        { value: 'primary-care', label: 'Digital Primary Care', count: 3 },
      ],
      region: [{ value: 'london', label: 'London', count: 1 }],
      topic: [{ value: 'workforce', label: 'Workforce', count: 1 }],
    },
    didYouMean: null,
    ...overrides,
  });
}

/** Nothing found, with the CMS's suggestion of words that would find something. */
export const nothingFound = (didYouMean: string | null = 'night staffing') =>
  answer({ query: 'nigth stafing', total: 0, hits: [], facets: emptyFacets, didYouMean });
