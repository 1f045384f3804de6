import type { Core } from '@strapi/strapi';
import { COMMENTS_TABLE, STATES_TABLE, VERSIONS_TABLE } from '../constants';

/**
 * The plugin's tables, made at start if missing (CREATE TABLE IF NOT EXISTS: asking knex's
 * hasTable first answered no for tables that were there, in a database copied from a template). Not Strapi content types: Yjs state is bytes
 * (`binary`: PostgreSQL bytea, SQLite blob), which content types cannot hold, and none of these
 * rows belongs in the admin panel.
 */
export async function ensureTables(strapi: Core.Strapi): Promise<void> {
  const schema = strapi.db.connection.schema;
  {
    await schema.createTableIfNotExists(STATES_TABLE, (table) => {
      table.integer('item_id').primary();
      table.binary('state').notNullable();
      table.text('content').notNullable();
      table.text('text').notNullable().defaultTo('');
      table.integer('words').notNullable().defaultTo(0);
      table.timestamp('updated_at', { useTz: true }).notNullable();
      table.integer('updated_by');
    });
  }
  {
    await schema.createTableIfNotExists(VERSIONS_TABLE, (table) => {
      table.increments('id');
      table.integer('item_id').notNullable();
      table.string('name', 100);
      table.boolean('automatic').notNullable().defaultTo(false);
      table.binary('state').notNullable();
      table.text('content').notNullable();
      table.text('text').notNullable().defaultTo('');
      table.integer('words').notNullable().defaultTo(0);
      table.integer('author_id');
      table.integer('restored_from');
      table.timestamp('created_at', { useTz: true }).notNullable();
    });
  }
  {
    await schema.createTableIfNotExists(COMMENTS_TABLE, (table) => {
      table.increments('id');
      table.integer('item_id').notNullable();
      table.integer('parent_id');
      table.text('quote').notNullable().defaultTo('');
      table.text('body').notNullable();
      table.integer('author_id');
      table.boolean('resolved').notNullable().defaultTo(false);
      table.integer('resolved_by');
      table.timestamp('resolved_at', { useTz: true });
      table.timestamp('created_at', { useTz: true }).notNullable();
    });
  }
  for (const [name, table] of [
    ['documents_versions_item_idx', VERSIONS_TABLE],
    ['documents_comments_item_idx', COMMENTS_TABLE],
  ]) {
    await strapi.db.connection.raw('CREATE INDEX IF NOT EXISTS ?? ON ?? (??)', [name, table, 'item_id']);
  }
}

/** A purged document's rows go with it (the files plugin deletes the item; this plugin its content). */
export async function dropDocumentRows(strapi: Core.Strapi, itemIds: number[]): Promise<void> {
  if (itemIds.length === 0) return;
  // In the purge's own transaction (joined, not a new one): SQLite has one connection, which the purge holds.
  await strapi.db.transaction(async ({ trx }) => {
    for (const table of [STATES_TABLE, VERSIONS_TABLE, COMMENTS_TABLE]) await trx(table).whereIn('item_id', itemIds).delete();
  });
}
