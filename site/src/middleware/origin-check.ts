import { defineMiddleware } from 'astro:middleware';
import { isForbiddenCrossOrigin } from '../lib/origin-check.ts';

export const originCheckMiddleware = defineMiddleware((context, next) => {
  if (isForbiddenCrossOrigin(context.request, context.url)) {
    return new Response('Cross-site form submissions are forbidden', { status: 403, headers: { 'content-type': 'text/plain' } });
  }
  return next();
});
