import type { Core } from '@strapi/strapi';

/**
 * Strapi gives uid and plain slug fields no index, so every page view would scan its table
 * (twice: find and count). These indexes serve the site's lookups; CREATE INDEX IF NOT EXISTS
 * is accepted by both SQLite and PostgreSQL.
 */
const INDEXES = [
  { table: 'workspaces', name: 'workspaces_slug_idx', columns: ['slug'] },
  { table: 'workspaces', name: 'workspaces_visibility_title_idx', columns: ['visibility', 'title'] },
  { table: 'pages', name: 'pages_slug_status_idx', columns: ['slug', 'published_at'] },
  { table: 'case_studies', name: 'case_studies_slug_idx', columns: ['slug'] },
  { table: 'case_studies', name: 'case_studies_region_idx', columns: ['region', 'published_at'] },
  { table: 'topics', name: 'topics_slug_idx', columns: ['slug'] },
];

export async function ensureDatabaseIndexes(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  for (const { table, name, columns } of INDEXES) {
    await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`, [name, table, ...columns]);
  }
  // users-permissions checks that an email is free, then inserts: two registrations at once both
  // pass the check on PostgreSQL. One account per address is the database's rule, not a hope.
  await knex.raw('CREATE UNIQUE INDEX IF NOT EXISTS up_users_email_unique ON up_users (lower(email))');
}

/** A write refused by a unique index (PostgreSQL or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; message?: string } | null;
  return candidate?.code === '23505' || /UNIQUE constraint failed|duplicate key value/i.test(candidate?.message ?? '');
}

/**
 * Without statistics SQLite joins component rows through the index on `field`, shared by every
 * row, instead of `entity_id`: 60 times slower per block. Run after bulk loads and at start-up.
 */
export async function refreshQueryPlannerStatistics(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.raw('ANALYZE');
}
