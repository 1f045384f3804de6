import { sequence } from 'astro:middleware';
import { originCheckMiddleware } from './origin-check.ts';
import { pageCacheMiddleware } from './page-cache.ts';
import { securityHeadersMiddleware } from './security-headers.ts';

// Security headers wrap everything, including refusals and pages served from the cache.
export const onRequest = sequence(securityHeadersMiddleware, originCheckMiddleware, pageCacheMiddleware);
