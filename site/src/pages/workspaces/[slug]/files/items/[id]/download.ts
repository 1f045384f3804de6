import type { APIRoute } from 'astro';
import { serveFileBytes } from '~/lib/files/bytes-route.ts';

/** A file's bytes (`?version=N` for an older one), always as an attachment, streamed from the CMS. */
export const GET: APIRoute = (context) => serveFileBytes(context, 'download');
