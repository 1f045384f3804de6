import type { APIRoute } from 'astro';
import { imagesRoute } from '~/lib/documents/endpoints.ts';

/** The editor's image dialog (JSON): one folder's pictures and its subfolders. */
export const GET: APIRoute = (context) => imagesRoute(context);
