import { defineMiddleware } from 'astro:middleware';
import { siteConfig } from '../lib/config.ts';
import { CSRF_COOKIE, csrfToken, isValidCsrfSecret, isValidCsrfToken, needsCsrfCheck, newCsrfSecret, submittedCsrfToken } from '../lib/csrf.ts';
import { cookieOptions } from '../lib/session/cookie.ts';

/** Rendered (status 403) in place of any page whose form came without a valid token. */
export const FORM_EXPIRED_PATH = '/form-expired';

/**
 * Every state-changing request (other than /_internal/*) must carry the CSRF token of this
 * browser's `fnhs_csrf` cookie; otherwise the page never runs and the member sees "This form has
 * expired". Pages get the token as `Astro.locals.csrfToken` (see components/CsrfField.astro):
 * reading it sets the cookie if needed and marks the response as not shareable, since the token
 * belongs to this browser.
 */
export const csrfMiddleware = defineMiddleware(async (context, next) => {
  const { SESSION_SECRET, SITE_URL } = siteConfig();
  const existing = context.cookies.get(CSRF_COOKIE)?.value;
  let token: string | undefined;
  Object.defineProperty(context.locals, 'csrfToken', {
    configurable: true,
    enumerable: true,
    get() {
      if (token === undefined) {
        let secret = existing;
        if (!isValidCsrfSecret(secret)) {
          secret = newCsrfSecret();
          context.cookies.set(CSRF_COOKIE, secret, cookieOptions(SITE_URL));
        }
        token = csrfToken(SESSION_SECRET, secret);
        context.locals.noStore = true;
      }
      return token;
    },
  });

  if (needsCsrfCheck(context.request.method, context.url.pathname)) {
    const submitted = await submittedCsrfToken(context.request);
    if (!isValidCsrfToken(SESSION_SECRET, existing, submitted)) {
      context.locals.noStore = true;
      return next(FORM_EXPIRED_PATH);
    }
  }
  return next();
});
