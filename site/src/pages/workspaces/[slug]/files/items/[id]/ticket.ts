import type { APIRoute } from 'astro';
import { ticketRoute } from '~/lib/documents/endpoints.ts';

/** The editor's ticket for the live connection (JSON; CSRF-checked like every POST). */
export const POST: APIRoute = (context) => ticketRoute(context);

/** Only ever posted to: a GET learns nothing, not even whether the workspace or document exists. */
export const GET: APIRoute = () =>
  new Response(JSON.stringify({ error: { message: 'Method not allowed' } }), {
    status: 405,
    headers: { allow: 'POST', 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
