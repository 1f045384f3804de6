/**
 * Who is asking, as far as shared caches are concerned. Every visitor is anonymous until
 * accounts arrive (next issue). Then this returns the viewer's access class (e.g. "member" when
 * a page renders the same for every signed-in member) or null for a page personalised for one
 * viewer, which the page cache then never stores or serves.
 */
export type CacheVariant = string | null;

export function pageCacheVariant(_request: Request): CacheVariant {
  return 'anonymous';
}
