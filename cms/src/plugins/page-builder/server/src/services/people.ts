import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';

/** Managers' names for "saved by", "also editing" and the history, many in one query. */
export const peopleService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async names(ids: Iterable<number | null | undefined>): Promise<Map<number, string>> {
    const wanted = [...new Set([...ids].filter((id): id is number => typeof id === 'number'))];
    if (wanted.length === 0) return new Map();
    const rows = (await strapi.db.query(USER_UID).findMany({ select: ['id', 'firstName', 'lastName'], where: { id: { $in: wanted } } })) as {
      id: number;
      firstName: string | null;
      lastName: string | null;
    }[];
    return new Map(rows.map((row) => [row.id, [row.firstName, row.lastName].filter(Boolean).join(' ') || 'A manager']));
  },
});

export type PeopleService = ReturnType<typeof peopleService>;
