import type { APIRoute } from 'astro';
import { ticketRoute } from '~/lib/documents/endpoints.ts';

/** The editor's ticket for the live connection (JSON; CSRF-checked like every POST). */
export const POST: APIRoute = (context) => ticketRoute(context);
