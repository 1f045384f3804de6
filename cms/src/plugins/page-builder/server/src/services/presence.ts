import type { Core } from '@strapi/strapi';
import { PRESENCE_SECONDS, PRESENCE_UID } from '../constants';
import { getService } from '../utils';

/**
 * "Also editing": each manager's editor calls in while the page is open (every 20 s with
 * JavaScript, on each load without); those seen in the last minute are listed to the others.
 * Kept in the database so every CMS instance sees the same.
 */
export const presenceService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async seen(documentId: string, userId: number): Promise<{ name: string; seenAt: string }[]> {
    const rows = strapi.db.query(PRESENCE_UID);
    const now = new Date();
    // Two tabs calling in for the first time at once: the database's unique index lets one create
    // the row, and the other then finds it to update, rather than failing.
    const touch = async () => {
      const existing = await rows.findOne({ select: ['id'], where: { pageDocumentId: documentId, userId } });
      if (existing) await rows.update({ where: { id: existing.id }, data: { seenAt: now } });
      else await rows.create({ data: { pageDocumentId: documentId, userId, seenAt: now } });
    };
    await touch().catch(touch);
    const since = new Date(now.getTime() - PRESENCE_SECONDS * 1000);
    // Long gone editors are forgotten as the page is opened again.
    await rows.deleteMany({ where: { pageDocumentId: documentId, seenAt: { $lt: new Date(now.getTime() - 60 * 60 * 1000) } } });
    const others = (await rows.findMany({
      select: ['userId', 'seenAt'],
      where: { pageDocumentId: documentId, userId: { $ne: userId }, seenAt: { $gte: since } },
      orderBy: [{ seenAt: 'desc' }],
    })) as { userId: number; seenAt: string }[];
    const names = await getService(strapi, 'people').names(others.map((row) => row.userId));
    return others.map((row) => ({ name: names.get(row.userId) ?? 'A manager', seenAt: new Date(row.seenAt).toISOString() }));
  },
});

export type PresenceService = ReturnType<typeof presenceService>;
