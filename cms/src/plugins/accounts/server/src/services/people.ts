import type { Author } from '@futurenhs/contract';
import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';

/** How every post names its author: full name, job title and organisation (no anonymous posts); the contract's shape. */
export type { Author };

/** People as every post and file names them (real name, job title, organisation), many in one query. */
export const peopleService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async byId(ids: Iterable<number | null | undefined>): Promise<Map<number, Author>> {
    const wanted = [...new Set([...ids].filter((id): id is number => typeof id === 'number'))];
    if (wanted.length === 0) return new Map();
    const rows = (await strapi.db.query(USER_UID).findMany({
      select: ['id', 'firstName', 'lastName', 'jobTitle', 'organisation'],
      where: { id: { $in: wanted } },
    })) as { id: number; firstName: string | null; lastName: string | null; jobTitle: string | null; organisation: string | null }[];
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          name: [row.firstName, row.lastName].filter(Boolean).join(' ') || 'FutureNHS member',
          jobTitle: row.jobTitle || null,
          organisation: row.organisation || null,
        },
      ]),
    );
  },
});

export type PeopleService = ReturnType<typeof peopleService>;
