import type { APIRoute } from 'astro';
import { exportRoute } from '~/lib/documents/endpoints.ts';

/** The document as a Word file, made by the CMS and streamed through as an attachment. */
export const GET: APIRoute = (context) => exportRoute(context, 'docx');
