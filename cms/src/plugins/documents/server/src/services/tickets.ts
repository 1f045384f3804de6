import { createHmac, timingSafeEqual } from 'node:crypto';
import { COLLABORATION_TICKET_SECONDS } from '@futurenhs/contract';
import type { Core } from '@strapi/strapi';

export interface Ticket {
  userId: number;
  itemId: number;
  expiresAt: number;
}

/**
 * Short-lived tickets for the collaboration socket: the site asks for one with the member's own
 * session (a checked, audited REST call) and hands it to the editor, so the socket never sees the
 * member's session token. A ticket names one person and one document and lasts a minute; it
 * proves who is asking, never what they may do: access is decided afresh on every connection.
 * Signed with the CMS's app keys, which every instance shares.
 */
export const ticketsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const key = () => {
    const keys = strapi.config.get('server.app.keys') as string[] | undefined;
    if (!keys?.[0]) throw new Error('documents: APP_KEYS must be set to sign collaboration tickets');
    return `collaboration:${keys[0]}`;
  };
  const sign = (payload: string) => createHmac('sha256', key()).update(payload).digest('base64url');

  return {
    issue(userId: number, itemId: number, now = Date.now()): { ticket: string; expiresAt: Date } {
      const expiresAt = now + COLLABORATION_TICKET_SECONDS * 1000;
      const payload = Buffer.from(JSON.stringify({ u: userId, d: itemId, e: expiresAt })).toString('base64url');
      return { ticket: `${payload}.${sign(payload)}`, expiresAt: new Date(expiresAt) };
    },

    /** The ticket's person and document, or null if it is forged, for another document or expired. */
    verify(ticket: unknown, itemId: number, now = Date.now()): Ticket | null {
      if (typeof ticket !== 'string' || ticket.length > 512) return null;
      const [payload, signature] = ticket.split('.');
      if (!payload || !signature) return null;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      try {
        const { u, d, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if (!Number.isInteger(u) || d !== itemId || typeof e !== 'number' || e < now) return null;
        return { userId: u, itemId: d, expiresAt: e };
      } catch {
        return null;
      }
    },
  };
};
