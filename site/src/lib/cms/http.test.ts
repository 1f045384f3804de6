import { describe, expect, it } from 'vitest';
import { CmsUnavailableError } from './errors.ts';
import { callCms, CmsRequestError, parseCmsErrorBody } from './http.ts';

const respond = (status: number, body: string) => (async () => new Response(body, { status })) as typeof fetch;

describe('callCms', () => {
  it('maps Strapi’s validation error to a message and field errors', async () => {
    const body = JSON.stringify({
      data: null,
      error: {
        status: 400,
        name: 'ValidationError',
        message: 'Registration is open to people with an NHS email',
        details: { errors: [{ path: ['email'], message: 'Registration is open to people with an NHS email' }, { path: ['profile', 'firstName'], message: 'Enter your first name' }] },
      },
    });
    const error = await callCms({ baseUrl: 'http://cms.test', timeoutMs: 1000, fetch: respond(400, body) }, '/api/auth/local/register', { method: 'POST', body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CmsRequestError);
    expect(error).toMatchObject({
      status: 400,
      reason: 'Registration is open to people with an NHS email',
      fieldErrors: [
        { field: 'email', message: 'Registration is open to people with an NHS email' },
        { field: 'profile.firstName', message: 'Enter your first name' },
      ],
    });
  });

  it('reports a CMS that is down or failing as unavailable, not as the member’s mistake', async () => {
    await expect(callCms({ baseUrl: 'http://cms.test', timeoutMs: 1000, fetch: respond(502, 'Bad gateway') }, '/api/x')).rejects.toBeInstanceOf(CmsUnavailableError);
    const unreachable = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(callCms({ baseUrl: 'http://cms.test', timeoutMs: 1000, fetch: unreachable }, '/api/x')).rejects.toBeInstanceOf(CmsUnavailableError);
  });

  it('names the path in its messages, never the query string (what someone searched for)', async () => {
    for (const status of [400, 502]) {
      const error = (await callCms({ baseUrl: 'http://cms.test', timeoutMs: 1000, fetch: respond(status, '{}') }, '/api/search?q=private%20diagnosis').catch(
        (caught: unknown) => caught,
      )) as Error;
      expect(error.message).toContain('GET /api/search');
      expect(error.message).not.toMatch(/diagnosis|q=/);
    }
  });

  it('answers nothing for 204', async () => {
    const noContent = (async () => new Response(null, { status: 204 })) as typeof fetch;
    expect(await callCms({ baseUrl: 'http://cms.test', timeoutMs: 1000, fetch: noContent }, '/api/accounts/me', { method: 'DELETE', body: {} })).toEqual({ json: undefined, bytes: 0, status: 204 });
  });

  it('answers a redirect as such when asked not to follow it', async () => {
    const redirect = (async () => new Response(null, { status: 302, headers: { location: 'http://site.test/sign-in?confirmed=1' } })) as typeof fetch;
    const http = { baseUrl: 'http://cms.test', timeoutMs: 1000, fetch: redirect };
    expect(await callCms(http, '/api/auth/email-confirmation?confirmation=abc', { redirect: 'manual' })).toMatchObject({ status: 302 });
  });

  it('reads error bodies that are not Strapi’s', () => {
    expect(parseCmsErrorBody('<html>')).toEqual({ reason: '', fieldErrors: [] });
    expect(parseCmsErrorBody('{"error":{"message":"Too many attempts. Try again in 3 minutes"}}')).toEqual({ reason: 'Too many attempts. Try again in 3 minutes', fieldErrors: [] });
  });
});
