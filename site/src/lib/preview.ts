import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Draft preview links from the CMS admin carry `?preview=<documentId>.<expires>.<signature>`,
 * where signature = hex HMAC-SHA256(PREVIEW_SECRET, `${documentId}.${expires}`) and expires is in
 * Unix seconds (cms/src/preview/preview-url.ts signs them). A token shows the draft of that one
 * document only, until it expires.
 */
export type PreviewCheck = { ok: true; documentId: string; expires: number } | { ok: false; reason: PreviewRejection };
export type PreviewRejection = 'no-secret' | 'malformed' | 'expired' | 'bad-signature';

const TOKEN = /^([A-Za-z0-9_-]{1,64})\.(\d{1,12})\.([0-9a-f]{64})$/;

export function verifyPreviewToken(token: string, secret: string, nowMs = Date.now()): PreviewCheck {
  if (!secret) return { ok: false, reason: 'no-secret' };
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, documentId, expiresText, signature] = match;
  const expected = createHmac('sha256', secret).update(`${documentId}.${expiresText}`).digest();
  // Compare the signature before looking at the expiry, so timing says nothing about which failed.
  const valid = timingSafeEqual(Buffer.from(signature, 'hex'), expected);
  if (!valid) return { ok: false, reason: 'bad-signature' };
  const expires = Number(expiresText);
  if (expires * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, documentId, expires };
}

/** The preview the request asks for: none, or a verified document id, or a refused token. */
export type PreviewRequest = { kind: 'none' } | { kind: 'valid'; documentId: string } | { kind: 'invalid'; reason: PreviewRejection };

export function previewRequest(url: URL, secret: string, nowMs = Date.now()): PreviewRequest {
  const token = url.searchParams.get('preview');
  if (token === null) return { kind: 'none' };
  const check = verifyPreviewToken(token, secret, nowMs);
  return check.ok ? { kind: 'valid', documentId: check.documentId } : { kind: 'invalid', reason: check.reason };
}
