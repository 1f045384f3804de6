import { describe, expect, it } from 'vitest';
import { csrfToken, isValidCsrfToken, needsCsrfCheck, newCsrfSecret, submittedCsrfToken } from './csrf.ts';

const secret = 'test-session-secret-that-is-long-enough';

describe('CSRF tokens', () => {
  const cookie = newCsrfSecret();
  const token = csrfToken(secret, cookie);

  it('accepts the token made from this browser’s cookie', () => {
    expect(isValidCsrfToken(secret, cookie, token)).toBe(true);
  });

  it('refuses a missing, tampered, foreign or re-keyed token, and a missing or malformed cookie', () => {
    expect(isValidCsrfToken(secret, cookie, null)).toBe(false);
    expect(isValidCsrfToken(secret, cookie, '')).toBe(false);
    expect(isValidCsrfToken(secret, cookie, token.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A')))).toBe(false);
    expect(isValidCsrfToken(secret, cookie, csrfToken(secret, newCsrfSecret()))).toBe(false);
    expect(isValidCsrfToken('another-secret-another-secret-another', cookie, token)).toBe(false);
    expect(isValidCsrfToken(secret, undefined, token)).toBe(false);
    expect(isValidCsrfToken(secret, 'short', csrfToken(secret, 'short'))).toBe(false);
    expect(isValidCsrfToken(secret, cookie, `${token}x`)).toBe(false);
  });

  it('are random per browser', () => {
    expect(newCsrfSecret()).not.toBe(newCsrfSecret());
  });
});

describe('which requests are checked', () => {
  it('every state-changing method except the bearer-authenticated internal endpoints', () => {
    expect(needsCsrfCheck('GET', '/account')).toBe(false);
    expect(needsCsrfCheck('HEAD', '/account')).toBe(false);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(needsCsrfCheck(method, '/account')).toBe(true);
    expect(needsCsrfCheck('POST', '/_internal/revalidate')).toBe(false);
    expect(needsCsrfCheck('POST', '/_health')).toBe(true);
  });
});

describe('submittedCsrfToken', () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://site.test/form', { method: 'POST', body, headers });

  it('reads the form field, and leaves the body for the page', async () => {
    const request = post(new URLSearchParams({ _csrf: 'abc', email: 'a@nhs.net' }));
    expect(await submittedCsrfToken(request)).toBe('abc');
    expect((await request.formData()).get('email')).toBe('a@nhs.net');
  });

  /** A multipart form as a browser sends it: encoded, with its length. */
  async function sentForm(form: FormData, length?: string) {
    const encoded = new Response(form);
    const bytes = await encoded.arrayBuffer();
    return post(bytes, { 'content-type': encoded.headers.get('content-type')!, 'content-length': length ?? String(bytes.byteLength) });
  }

  it('reads multipart forms and the header', async () => {
    const form = new FormData();
    form.set('_csrf', 'from-multipart');
    expect(await submittedCsrfToken(await sentForm(form))).toBe('from-multipart');
    expect(await submittedCsrfToken(post('{}', { 'content-type': 'application/json', 'x-csrf-token': 'from-header' }))).toBe('from-header');
  });

  it('never reads a large or unmeasured multipart body for its token (the site would hold it in memory)', async () => {
    const form = new FormData();
    form.set('_csrf', 'from-multipart');
    expect(await submittedCsrfToken(await sentForm(form, String(13 * 1024 * 1024)))).toBeNull();
    expect(await submittedCsrfToken(await sentForm(form, ''))).toBeNull();
  });

  it('takes an upload’s token from its action URL without reading its body, and only for multipart forms', async () => {
    const form = new FormData();
    form.set('files', new File(['bytes'], 'minutes.txt'));
    const upload = new Request('http://site.test/workspaces/w/files/root/upload?_csrf=from-url', { method: 'POST', body: form });
    expect(await submittedCsrfToken(upload)).toBe('from-url');
    expect(upload.bodyUsed).toBe(false);
    // The body is still whole for the page to stream on.
    expect((await upload.formData()).get('files')).toBeInstanceOf(File);
    const urlencoded = new Request('http://site.test/form?_csrf=from-url', { method: 'POST', body: new URLSearchParams({ email: 'a@nhs.net' }) });
    expect(await submittedCsrfToken(urlencoded)).toBeNull();
  });

  it('finds nothing in other bodies', async () => {
    expect(await submittedCsrfToken(post('{"_csrf":"abc"}', { 'content-type': 'application/json' }))).toBeNull();
    expect(await submittedCsrfToken(post(new URLSearchParams({ email: 'a@nhs.net' })))).toBeNull();
  });
});
