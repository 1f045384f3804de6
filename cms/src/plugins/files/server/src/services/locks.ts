import type { Core } from '@strapi/strapi';

/**
 * Advisory lock keys, in PostgreSQL's two-key space (which never meets the one-key locks other
 * plugins take): a workspace's folder tree, and one file's versions.
 */
const KEYS = { tree: 0x66696c65, item: 0x76657273 } as const;

/**
 * Serialises writes that check and then write, across CMS instances, for the rest of the
 * transaction: a name still free in a folder, a folder not moved under itself, a folder still
 * there to upload into, the next version number. Without it two members uploading "Minutes.txt"
 * at once both got it, and two new versions at once both took the same number (500).
 * `tree` covers one workspace's folders and names, `item` one file's versions. SQLite runs one
 * writer at a time.
 */
export async function lock(strapi: Core.Strapi, trx: unknown, scope: keyof typeof KEYS, id: number): Promise<void> {
  if (strapi.db.dialect.client !== 'postgres') return;
  await (trx as { raw(sql: string, bindings: number[]): Promise<unknown> }).raw('SELECT pg_advisory_xact_lock(?, ?)', [KEYS[scope], id]);
}
