import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { previewRequest, verifyPreviewToken } from './preview.ts';

const SECRET = 'previewsecret';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const DOC = 'h7v2q1d9k3x8m4n6p0r5s2t1';

/** Signs exactly as cms/src/preview/preview-url.ts does. */
function sign(documentId: string, expires: number, secret = SECRET): string {
  const signature = createHmac('sha256', secret).update(`${documentId}.${expires}`).digest('hex');
  return `${documentId}.${expires}.${signature}`;
}

const inOneHour = Math.floor(NOW / 1000) + 3600;

describe('verifyPreviewToken', () => {
  it('accepts a valid, unexpired token and returns its document', () => {
    expect(verifyPreviewToken(sign(DOC, inOneHour), SECRET, NOW)).toEqual({ ok: true, documentId: DOC, expires: inOneHour });
  });

  it('refuses a token signed with another secret', () => {
    expect(verifyPreviewToken(sign(DOC, inOneHour, 'another-secret'), SECRET, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token whose document was changed after signing', () => {
    const token = sign(DOC, inOneHour).replace(DOC, 'aaaaaaaaaaaaaaaaaaaaaaaa');
    expect(verifyPreviewToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token whose expiry was extended after signing', () => {
    const token = sign(DOC, inOneHour).replace(`.${inOneHour}.`, `.${inOneHour + 86400}.`);
    expect(verifyPreviewToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses an expired token', () => {
    const expired = Math.floor(NOW / 1000) - 1;
    expect(verifyPreviewToken(sign(DOC, expired), SECRET, NOW)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyPreviewToken(sign(DOC, Math.floor(NOW / 1000)), SECRET, NOW)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses malformed tokens without throwing', () => {
    for (const token of ['', 'abc', `${DOC}.${inOneHour}`, `${DOC}.soon.${'0'.repeat(64)}`, `${DOC}.${inOneHour}.${'z'.repeat(64)}`, `${DOC}.${inOneHour}.abcd`]) {
      expect(verifyPreviewToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses everything when no secret is configured', () => {
    expect(verifyPreviewToken(sign(DOC, inOneHour, ''), '', NOW)).toEqual({ ok: false, reason: 'no-secret' });
  });
});

describe('previewRequest', () => {
  it('reads the token from the preview parameter, URL-decoded', () => {
    const url = new URL(`http://site/case-studies/x?preview=${encodeURIComponent(sign(DOC, inOneHour))}`);
    expect(previewRequest(url, SECRET, NOW)).toEqual({ kind: 'valid', documentId: DOC });
  });

  it('tells "no preview" from "refused preview"', () => {
    expect(previewRequest(new URL('http://site/case-studies/x'), SECRET, NOW)).toEqual({ kind: 'none' });
    expect(previewRequest(new URL('http://site/case-studies/x?preview=nope'), SECRET, NOW)).toEqual({ kind: 'invalid', reason: 'malformed' });
  });
});
