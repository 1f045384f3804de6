import type { APIRoute } from 'astro';
import { serveFileBytes } from '~/lib/files/bytes-route.ts';

/** A PDF or a raster image shown in the browser, sandboxed; anything else is not found here. */
export const GET: APIRoute = (context) => serveFileBytes(context, 'preview');
