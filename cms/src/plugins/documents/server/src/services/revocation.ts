import { EventEmitter } from 'node:events';
import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { FOLDER_UID, ITEM_UID, MEMBERSHIP_UID, USER_UID, WORKSPACE_UID } from '../constants';
import { getService, redisPrefix } from '../utils';


/**
 * The writes after which someone may have lost a document (docs/documents.md#losing-access): any
 * change of a membership, a workspace's visibility or its deletion, an account blocked or deleted,
 * a document or folder moved, put in the bin or deleted. Saving a document (its size and "changed
 * by") is not one of them.
 */
const WATCHED: { model: string; fields: string[] | 'any' }[] = [
  { model: MEMBERSHIP_UID, fields: 'any' },
  { model: WORKSPACE_UID, fields: ['visibility'] },
  { model: USER_UID, fields: ['blocked', 'confirmed'] },
  { model: ITEM_UID, fields: ['deletedAt', 'folderId', 'workspaceId', 'binRoot', 'kind'] },
  { model: FOLDER_UID, fields: ['deletedAt', 'parentId', 'workspaceId', 'binRoot'] },
];

/**
 * Revocation on every instance (after Outline's invalidation over Redis pub/sub): a watched write
 * announces itself once its transaction commits, on Redis when REDIS_URL is set and in-process
 * otherwise, through the same path; every instance that hears it asks the membership rule again
 * for its open connections (services/collaboration.ts revalidate). Announcements that arrive while
 * one is being handled are folded into one more pass.
 */
export const revocationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const CHANNEL = `${redisPrefix()}:documents:access-changed`;
  const local = new EventEmitter();
  let publisher: Redis | null = null;
  let subscriber: Redis | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  /** Counts the access changes heard: a connection authorised before the latest one is asked again once open. */
  let heard = 0;

  async function revalidate(): Promise<void> {
    heard += 1;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await getService(strapi, 'collaboration')
          .revalidate()
          .catch((error: Error) => strapi.log.error(`documents: checking open connections failed: ${error.message}`));
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function announce(): void {
    if (publisher) {
      publisher.publish(CHANNEL, String(Date.now())).catch((error: Error) => {
        strapi.log.warn(`documents: Redis unreachable, access change checked on this instance only: ${error.message}`);
        void revalidate();
      });
    } else {
      local.emit(CHANNEL);
    }
  }

  /** After the write's transaction commits (at once if it ran outside one): before that, the check would read the old rows. */
  function announceAfterCommit(): void {
    void strapi.db
      .transaction(async ({ onCommit }) => {
        onCommit(announce);
      })
      .catch(() => announce());
  }

  const touches = (fields: string[] | 'any', data: unknown) =>
    fields === 'any' || (data !== null && typeof data === 'object' && fields.some((field) => field in (data as Record<string, unknown>)));

  return {
    start() {
      local.on(CHANNEL, () => void revalidate());
      if (process.env.REDIS_URL) {
        publisher = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 2 });
        subscriber = new Redis(process.env.REDIS_URL);
        for (const client of [publisher, subscriber]) {
          client.on('error', (error: Error) => strapi.log.warn(`documents: Redis: ${error.message}`));
        }
        void subscriber.subscribe(CHANNEL);
        subscriber.on('message', (channel: string) => {
          if (channel === CHANNEL) void revalidate();
        });
      }
      for (const { model, fields } of WATCHED) {
        strapi.db.lifecycles.subscribe({
          models: [model],
          async afterCreate() {
            if (model === MEMBERSHIP_UID) announceAfterCommit();
          },
          async afterUpdate(event: any) {
            if (touches(fields, event.params?.data)) announceAfterCommit();
          },
          async afterUpdateMany(event: any) {
            if (touches(fields, event.params?.data)) announceAfterCommit();
          },
          async afterDelete() {
            announceAfterCommit();
          },
          async afterDeleteMany() {
            announceAfterCommit();
          },
        });
      }
    },

    /** Asks again for every open connection on this instance (also run every minute, in case an announcement was lost). */
    revalidate,

    passes(): number {
      return heard;
    },

    /** For tests: resolves once the checks announced so far have run on this instance. */
    async settled(): Promise<void> {
      while (running) await running;
    },

    async stop() {
      local.removeAllListeners();
      await Promise.all([publisher?.quit().catch(() => undefined), subscriber?.quit().catch(() => undefined)]);
      publisher = null;
      subscriber = null;
    },
  };
};
