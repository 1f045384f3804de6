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
import { getService, redisPrefix } from '../utils';

/** Who a live connection is, kept for as long as it is open. */
export interface CollaborationContext {
  userId: number;
  itemId: number;
  workspaceId: number;
}

interface LiveConnection extends CollaborationContext {
  connection: Connection<CollaborationContext>;
}

/** Thrown from onAuthenticate: Hocuspocus sends the client this reason, and nothing of the document. */
class Denied extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

/**
 * The collaboration server (docs/documents.md#the-collaboration-server): Hocuspocus on the CMS's
 * own HTTP server at COLLABORATION_PATH, one Yjs document per document item. Every connection is
 * authenticated by a ticket and authorised by the membership rule before anything of the document
 * is sent; read-only for readers. Live connections are kept so that a change of access closes
 * them (services/revocation.ts); with REDIS_URL, Hocuspocus's Redis extension lets several CMS
 * instances serve one document.
 */
export const collaborationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const live = new Map<string, LiveConnection>();
  /** Who last changed each open document, for its session's automatic version. */
  const lastEditor = new Map<number, number | null>();
  const keyOf = (socketId: string, documentName: string) => `${socketId}\u0000${documentName}`;
  let hocuspocus: Hocuspocus<CollaborationContext> | null = null;
  let sockets: WebSocketServer | null = null;
  let upgrade: ((request: IncomingMessage, socket: Duplex, head: Buffer) => void) | null = null;

  const store = () => getService(strapi, 'store');
  const access = () => getService(strapi, 'access');
  const versions = () => getService(strapi, 'versions');

  const countWhere = (test: (entry: LiveConnection) => boolean) => [...live.values()].filter(test).length;

  const extension: Extension<CollaborationContext> = {
    async onAuthenticate({ token, documentName, connectionConfig }) {
      const itemId = itemIdOfDocumentName(documentName);
      const ticket = itemId === null ? null : getService(strapi, 'tickets').verify(token, itemId);
      if (!ticket) throw new Denied('This link to the document has expired: reload the page');
      const decided = await access().of(ticket.userId, ticket.itemId);
      if (!decided?.read) throw new Denied('You cannot open this document');
      if (countWhere((entry) => entry.itemId === ticket.itemId) >= COLLABORATION_CONNECTIONS_PER_DOCUMENT) {
        throw new Denied('Too many people have this document open: try again later');
      }
      if (countWhere((entry) => entry.userId === ticket.userId) >= COLLABORATION_CONNECTIONS_PER_MEMBER) {
        throw new Denied('You have this document open in too many places: close one and try again');
      }
      connectionConfig.readOnly = !decided.write;
      return { userId: ticket.userId, itemId: ticket.itemId, workspaceId: decided.workspace.id } satisfies CollaborationContext;
    },

    async connected({ connection, context, documentName, socketId }) {
      live.set(keyOf(socketId, documentName), { ...context, connection });
    },

    async onDisconnect({ socketId, documentName }) {
      live.delete(keyOf(socketId, documentName));
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
      if (!hocuspocus) return;
      const instance = hocuspocus;
      hocuspocus = null;
      instance.flushPendingStores();
      await Promise.all([...instance.documents.values()].map((document) => instance.unloadDocument(document).catch(() => undefined)));
      instance.closeConnections();
      await instance.hooks('onDestroy', { instance });
      sockets?.close();
      live.clear();
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
    connections(): CollaborationContext[] {
      return [...live.values()].map(({ userId, itemId, workspaceId }) => ({ userId, itemId, workspaceId }));
    },

    /**
     * Asks the membership rule again for every open connection (on this instance) and closes each
     * one whose person may no longer read its document, or may still read but no longer write (so
     * their editor comes back read-only). One question per person and document, however many tabs they have open.
     */
    async revalidate(): Promise<void> {
      const decisions = new Map<string, Promise<Awaited<ReturnType<ReturnType<typeof access>['of']>>>>();
      for (const [key, entry] of [...live.entries()]) {
        const id = `${entry.userId}:${entry.itemId}`;
        if (!decisions.has(id)) decisions.set(id, access().of(entry.userId, entry.itemId));
        const decided = await decisions.get(id)!;
        if (!decided?.read) {
          live.delete(key);
          // The provider hears the reason; the socket's close code stops the browser reconnecting.
          entry.connection.close({ code: COLLABORATION_CLOSE_FORBIDDEN, reason: COLLABORATION_REVOKED_REASON });
          entry.connection.webSocket.close(COLLABORATION_CLOSE_FORBIDDEN, COLLABORATION_REVOKED_REASON);
        } else if (!decided.write && !entry.connection.readOnly) {
          // Read-only from now on; the editor reconnects (a read-only ticket) and stops taking words.
          live.delete(key);
          entry.connection.readOnly = true;
          entry.connection.close({ code: COLLABORATION_CLOSE_READ_ONLY, reason: COLLABORATION_READ_ONLY_REASON });
          entry.connection.webSocket.close(COLLABORATION_CLOSE_READ_ONLY, COLLABORATION_READ_ONLY_REASON);
        }
      }
    },
  };
};

export type CollaborationService = ReturnType<typeof collaborationService>;
