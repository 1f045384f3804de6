import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  COLLABORATION_CLOSE_FORBIDDEN,
  COLLABORATION_CLOSE_READ_ONLY,
  COLLABORATION_CONNECTIONS_PER_DOCUMENT,
  COLLABORATION_CONNECTIONS_PER_MEMBER,
  COLLABORATION_MESSAGE_MAX_BYTES,
  COLLABORATION_PATH,
  COLLABORATION_READ_ONLY_REASON,
  COLLABORATION_REVOKED_REASON,
  itemIdOfDocumentName,
} from '@futurenhs/contract';
import { Hocuspocus, type Connection, type Extension } from '@hocuspocus/server';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type { Core } from '@strapi/strapi';
import * as Y from 'yjs';
import { WebSocketServer } from 'ws';
import { STORE_DEBOUNCE_MS, STORE_MAX_DEBOUNCE_MS } from '../constants';
import { accounts, getService, redisPrefix } from '../utils';

/** Who a connection is, decided in onAuthenticate and kept on the connection for as long as it is open. */
export interface CollaborationContext {
  userId: number;
  itemId: number;
  workspaceId: number;
  /** The member's real name, shown beside their cursor whatever their client says. */
  name: string;
  /** The slot held for it between authentication and opening (see `pending`). */
  reservation: string;
  /** The revocation pass count when access was decided: another pass since means deciding again. */
  decidedAt: number;
}

/** Thrown from a hook: Hocuspocus sends the client this reason, and nothing of the document. */
class Denied extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

/** Slots kept for members: readers alone cannot fill a document. */
const WRITER_SLOTS = 10;
/** One person's presence (name, colour, cursor): a few hundred bytes; anything far larger is abuse. */
const PRESENCE_MAX_CHARS = 4_096;
/** Messages per connection: a burst, then a steady rate well above fast typing (about 30 a second). */
const MESSAGE_BURST = 400;
const MESSAGES_PER_SECOND = 100;
/** A slot held for an authenticated connection whose document never opened is given back after this. */
const RESERVATION_MS = 60_000;

/**
 * The collaboration server (docs/documents.md#the-collaboration-server): Hocuspocus on the CMS's
 * own HTTP server at COLLABORATION_PATH, one Yjs document per document item. Every connection is
 * authenticated by a ticket and authorised by the membership rule before anything of the document
 * is sent; read-only for readers. A change of access makes every instance ask the rule again for
 * every connection it holds (services/revocation.ts); with REDIS_URL, Hocuspocus's Redis
 * extension lets several CMS instances serve one document.
 */
export const collaborationService = ({ strapi }: { strapi: Core.Strapi }) => {
  /** Who last changed each open document, for its session's automatic version. */
  const lastEditor = new Map<number, number | null>();
  /**
   * Connections authorised but not open yet (their document still loading), counted against the
   * limits so that many opened at once cannot all pass.
   */
  const pending = new Map<string, CollaborationContext>();
  /** Per open document, which connection stated each Yjs client id's presence. */
  const presenceOwners = new WeakMap<object, Map<number, Connection>>();
  const budgets = new WeakMap<Connection, { tokens: number; at: number }>();
  let hocuspocus: Hocuspocus<CollaborationContext> | null = null;
  let sockets: WebSocketServer | null = null;
  let upgrade: ((request: IncomingMessage, socket: Duplex, head: Buffer) => void) | null = null;
  let sweeper: NodeJS.Timeout | null = null;

  const store = () => getService(strapi, 'store');
  const access = () => getService(strapi, 'access');
  const versions = () => getService(strapi, 'versions');
  const revocation = () => getService(strapi, 'revocation');

  /** Every connection Hocuspocus holds on this instance: each session of each socket, straight from its documents. */
  const openConnections = (): Connection<CollaborationContext>[] =>
    hocuspocus ? [...hocuspocus.documents.values()].flatMap((document) => document.getConnections() as Connection<CollaborationContext>[]) : [];

  const holding = (test: (context: CollaborationContext) => boolean) =>
    openConnections().filter((connection) => connection.context && test(connection.context)).length + [...pending.values()].filter(test).length;

  function close(connection: Connection, code: number, reason: string) {
    connection.close({ code, reason });
    connection.webSocket.close(code, reason);
  }

  /** Closes a connection whose person may no longer read the document, or makes a writer who may now only read reconnect read-only. */
  function enforce(connection: Connection<CollaborationContext>, decided: { read: boolean; write: boolean } | null): void {
    if (!decided?.read) {
      // The provider hears the reason; the socket's close code stops the browser reconnecting.
      close(connection, COLLABORATION_CLOSE_FORBIDDEN, COLLABORATION_REVOKED_REASON);
    } else if (!decided.write && !connection.readOnly) {
      connection.readOnly = true;
      close(connection, COLLABORATION_CLOSE_READ_ONLY, COLLABORATION_READ_ONLY_REASON);
    }
  }

  const extension: Extension<CollaborationContext> = {
    async onAuthenticate({ token, documentName, connectionConfig }) {
      const itemId = itemIdOfDocumentName(documentName);
      const ticket = itemId === null ? null : getService(strapi, 'tickets').verify(token, itemId);
      if (!ticket) throw new Denied('This link to the document has expired: reload the page');
      const decidedAt = revocation().passes();
      const decided = await access().of(ticket.userId, ticket.itemId);
      if (!decided?.read) throw new Denied('You cannot open this document');
      const onDocument = holding((context) => context.itemId === ticket.itemId);
      if (onDocument >= COLLABORATION_CONNECTIONS_PER_DOCUMENT || (!decided.write && onDocument >= COLLABORATION_CONNECTIONS_PER_DOCUMENT - WRITER_SLOTS)) {
        throw new Denied('Too many people have this document open: try again later');
      }
      if (holding((context) => context.userId === ticket.userId) >= COLLABORATION_CONNECTIONS_PER_MEMBER) {
        throw new Denied('You have this document open in too many places: close one and try again');
      }
      const [person] = [...(await accounts(strapi).people.byId([ticket.userId])).values()];
      const context: CollaborationContext = {
        userId: ticket.userId,
        itemId: ticket.itemId,
        workspaceId: decided.workspace.id,
        name: person?.name ?? 'A member',
        reservation: randomUUID(),
        decidedAt,
      };
      pending.set(context.reservation, context);
      setTimeout(() => pending.delete(context.reservation), RESERVATION_MS).unref();
      connectionConfig.readOnly = !decided.write;
      return context;
    },

    async connected({ connection, context }) {
      pending.delete(context.reservation);
      // Access changed while the document loaded: the pass that announced it could not see this connection yet.
      if (revocation().passes() !== context.decidedAt) enforce(connection, await access().of(context.userId, context.itemId));
    },

    async beforeHandleMessage({ connection }) {
      const now = Date.now();
      const budget = budgets.get(connection) ?? { tokens: MESSAGE_BURST, at: now };
      budget.tokens = Math.min(MESSAGE_BURST, budget.tokens + ((now - budget.at) / 1000) * MESSAGES_PER_SECOND) - 1;
      budget.at = now;
      budgets.set(connection, budget);
      if (budget.tokens < 0) throw Object.assign(new Error('Too many messages'), { code: 4429, reason: 'Too many changes at once: wait a moment' });
    },

    /**
     * Presence carries the name the CMS knows (nobody appears beside a cursor as someone else), is
     * small, and a Yjs client id's presence belongs to the connection that first stated it: no
     * connection may change or remove another's.
     */
    async beforeHandleAwareness({ connection, context, states, document }) {
      if (!connection || !context) return;
      let owners = presenceOwners.get(document);
      if (!owners) presenceOwners.set(document, (owners = new Map()));
      const open = new Set(document.getConnections());
      for (const [clientId, state] of [...states.entries()]) {
        const owner = owners.get(clientId);
        if (owner && owner !== connection && open.has(owner)) {
          states.delete(clientId);
          continue;
        }
        if (!state?.user) continue;
        if (JSON.stringify(state).length > PRESENCE_MAX_CHARS) throw new Denied('Presence too large');
        owners.set(clientId, connection);
        state.user = { ...(typeof state.user === 'object' ? state.user : {}), id: context.userId, name: context.name };
      }
    },

    async onLoadDocument({ document, documentName }) {
      const itemId = itemIdOfDocumentName(documentName);
      if (itemId === null) return;
      const state = await store().load(itemId);
      if (state) Y.applyUpdate(document, state);
    },

    async onStoreDocument({ document, documentName, lastContext }) {
      const itemId = itemIdOfDocumentName(documentName);
      if (itemId === null) return;
      const { changed } = await store().save(itemId, document, lastContext?.userId ?? null);
      if (changed) await getService(strapi, 'changes').edited(itemId);
      lastEditor.set(itemId, lastContext?.userId ?? null);
    },

    // The last editor has gone and the document is stored and unloaded: the session's work is kept as an automatic version.
    async afterUnloadDocument({ documentName }) {
      const itemId = itemIdOfDocumentName(documentName);
      if (itemId === null) return;
      const editor = lastEditor.get(itemId) ?? null;
      lastEditor.delete(itemId);
      await versions()
        .keepSession(itemId, editor)
        .catch((error: Error) => strapi.log.error(`documents: keeping the session of ${documentName} as a version failed: ${error.message}`));
    },
  };

  return {
    /** Starts Hocuspocus and answers WebSocket upgrades at COLLABORATION_PATH on the CMS's HTTP server. */
    start() {
      const extensions: Extension[] = [extension];
      if (process.env.REDIS_URL) {
        const url = new URL(process.env.REDIS_URL);
        extensions.push(
          new RedisExtension({
            host: url.hostname,
            port: Number(url.port || 6379),
            options: { password: url.password || undefined, db: Number(url.pathname.slice(1) || 0) },
            prefix: `${redisPrefix()}:collaboration`,
          }),
        );
      }
      // A change of access missed (a Redis message lost while reconnecting) is caught within a minute.
      sweeper = setInterval(() => void revocation().revalidate(), 60_000);
      sweeper.unref();
      hocuspocus = new Hocuspocus<CollaborationContext>({
        name: `cms-${process.pid}`,
        quiet: true,
        debounce: STORE_DEBOUNCE_MS,
        maxDebounce: STORE_MAX_DEBOUNCE_MS,
        extensions,
      });
      sockets = new WebSocketServer({ noServer: true, maxPayload: COLLABORATION_MESSAGE_MAX_BYTES });
      upgrade = (request, socket, head) => {
        const path = (request.url ?? '').split('?')[0];
        if (path !== COLLABORATION_PATH) {
          // Nothing else on the CMS takes upgrades: answer rather than leave the socket open for ever.
          if (strapi.server.httpServer.listenerCount('upgrade') === 1) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
          return;
        }
        sockets!.handleUpgrade(request, socket, head, (webSocket) => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(request.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          const client = hocuspocus!.handleConnection(webSocket as never, new Request(`http://localhost${request.url}`, { headers }));
          webSocket.on('message', (data: Buffer) => client.handleMessage(new Uint8Array(data)));
          webSocket.on('close', (code: number, reason: Buffer) => client.handleClose({ code, reason: reason.toString() }));
          webSocket.on('error', () => webSocket.terminate());
        });
      };
      strapi.server.httpServer.on('upgrade', upgrade);
    },

    /** Stores every open document now and closes every connection (the CMS is stopping). */
    async stop() {
      if (upgrade) strapi.server.httpServer.off('upgrade', upgrade);
      if (sweeper) clearInterval(sweeper);
      if (!hocuspocus) return;
      const instance = hocuspocus;
      hocuspocus = null;
      instance.flushPendingStores();
      await Promise.all([...instance.documents.values()].map((document) => instance.unloadDocument(document).catch(() => undefined)));
      instance.closeConnections();
      await instance.hooks('onDestroy', { instance });
      sockets?.close();
      pending.clear();
    },

    instance(): Hocuspocus<CollaborationContext> {
      if (!hocuspocus) throw new Error('documents: the collaboration server is not running');
      return hocuspocus;
    },

    /** The live Yjs document, if this instance has it open. */
    openDocument(documentName: string): Y.Doc | null {
      return hocuspocus?.documents.get(documentName) ?? null;
    },

    /** Open connections on this instance (for tests and the benchmark). */
    connections(): Pick<CollaborationContext, 'userId' | 'itemId' | 'workspaceId'>[] {
      return openConnections().map(({ context: { userId, itemId, workspaceId } }) => ({ userId, itemId, workspaceId }));
    },

    /**
     * Asks the membership rule again for every connection on this instance: closes each one whose
     * person may no longer read its document, or may still read but no longer write (so their
     * editor comes back read-only). One question per person and document, however many tabs they
     * have open; a question that fails closes the connection (it reconnects, and is asked again).
     */
    async revalidate(): Promise<void> {
      const decisions = new Map<string, Promise<{ read: boolean; write: boolean } | null>>();
      for (const connection of openConnections()) {
        const { userId, itemId } = connection.context ?? {};
        if (userId === undefined || itemId === undefined) continue;
        const key = `${userId}:${itemId}`;
        if (!decisions.has(key)) decisions.set(key, access().of(userId, itemId).catch(() => null));
        enforce(connection, await decisions.get(key)!);
      }
    },
  };
};

export type CollaborationService = ReturnType<typeof collaborationService>;
