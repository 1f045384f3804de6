import type { APIRoute } from 'astro';
import { commentActionRoute, commentsRoute } from '~/lib/documents/endpoints.ts';

/** The editor's comments (JSON): the threads as they are now, and adding, replying, resolving, reopening. */
export const GET: APIRoute = (context) => commentsRoute(context);
export const POST: APIRoute = (context) => commentActionRoute(context);
