/**
 * A stand-in for Strapi's REST API at the HTTP boundary (a `fetch` function), for testing the CMS
 * client and the content rules without a CMS. It answers from fixed documents and records every
 * request, so tests can also assert what was *not* asked.
 */
export interface FakeDocument {
  documentId: string;
  [field: string]: unknown;
}

export interface FakeStrapi {
  fetch: typeof fetch;
  requests: URL[];
  /** Makes every request fail like an unreachable CMS. */
  down: boolean;
}

export function fakeStrapi(routes: (url: URL) => { status?: number; body: unknown } | undefined): FakeStrapi {
  const fake: FakeStrapi = {
    requests: [],
    down: false,
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      fake.requests.push(url);
      if (fake.down) throw new TypeError('fetch failed');
      const headers = new Headers(init?.headers);
      if (headers.get('authorization') !== 'Bearer test-token') return Response.json({ error: 'Unauthorized' }, { status: 401 });
      const answer = routes(url);
      if (!answer) return Response.json({ error: { status: 404, name: 'NotFoundError' } }, { status: 404 });
      // As Strapi does: no count query, no pageCount or total.
      const body = answer.body as { meta?: { pagination?: Record<string, unknown> } };
      if (url.searchParams.get('pagination[withCount]') === 'false' && body?.meta?.pagination) {
        const { pageCount: _pageCount, total: _total, ...uncounted } = body.meta.pagination;
        body.meta.pagination = uncounted;
      }
      return Response.json(body, { status: answer.status ?? 200 });
    }) as typeof fetch,
  };
  return fake;
}

export function list(data: unknown[], total = data.length) {
  return { data, meta: { pagination: { page: 1, pageSize: 25, pageCount: Math.ceil(total / 25), total } } };
}
