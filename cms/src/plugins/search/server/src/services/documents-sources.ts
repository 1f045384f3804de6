import type { Core } from '@strapi/strapi';
import { tableOf } from '../../../../common/plugin';

/**
 * Where search content lives in the database, by Strapi's metadata: table and column names and the
 * link tables relations are stored in. The documents builder, the outbox triggers and the drain
 * read them from here, so no real table name is written twice.
 */
export interface Link {
  table: string;
  /** The column naming the row of the type the relation is declared on. */
  from: string;
  /** The column naming the related row. */
  to: string;
}

interface JoinTableMeta {
  name: string;
  joinColumn: { name: string };
  /** Relations; dynamic zones name their components through a morph column instead. */
  inverseJoinColumn?: { name: string };
  morphColumn?: { idColumn: { name: string } };
}

/** The link table of a relation attribute (Strapi 5 keeps every relation in one, `<table>_<name>_lnk`). */
export function linkOf(strapi: Core.Strapi, uid: string, attribute: string): Link {
  const meta = strapi.db.metadata.get(uid as never) as unknown as { attributes: Record<string, { joinTable?: JoinTableMeta }> };
  const joinTable = meta.attributes[attribute]?.joinTable;
  if (!joinTable) throw new Error(`${uid}.${attribute} is not a relation with a link table`);
  const to = joinTable.inverseJoinColumn?.name ?? joinTable.morphColumn?.idColumn.name;
  if (!to) throw new Error(`${uid}.${attribute}: its link table names no related column`);
  return { table: joinTable.name, from: joinTable.joinColumn.name, to };
}

export { tableOf };
