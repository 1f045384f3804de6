import { sequence } from 'astro:middleware';
import { csrfMiddleware } from './csrf.ts';
import { originCheckMiddleware } from './origin-check.ts';
import { pageCacheMiddleware } from './page-cache.ts';
import { securityHeadersMiddleware } from './security-headers.ts';
import { sessionMiddleware } from './session.ts';

// Security headers wrap everything, including refusals and pages served from the cache. The
// session comes before the CSRF check so that the "form expired" page still shows who is signed
// in; the page cache comes last, as it only ever serves visitors without a session.
export const onRequest = sequence(securityHeadersMiddleware, originCheckMiddleware, sessionMiddleware, csrfMiddleware, pageCacheMiddleware);
