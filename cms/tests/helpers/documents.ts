import type { AddressInfo } from 'node:net';
import { COLLABORATION_PATH, collaborationTicketSchema } from '@futurenhs/contract';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { TestPerson } from './members.ts';
import type { TestCms } from './test-strapi.ts';

export const documentsApi = (path: string) => `/api/documents${path}`;

/** Makes the test CMS listen on a free port (the collaboration socket needs a real one). */
export async function listening(cms: TestCms): Promise<string> {
  const server = cms.strapi.server.httpServer;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}${COLLABORATION_PATH}`;
}

export async function createDocument(cms: TestCms, person: TestPerson, slug: string, name: string, folderId: number | null = null): Promise<number> {
  const response = await cms.http.post(documentsApi(`/workspaces/${slug}/documents`)).set(person.auth).send({ name, folderId });
  if (response.status !== 201) throw new Error(`Creating a document answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data.id as number;
}

export async function ticketOf(cms: TestCms, person: TestPerson, slug: string, id: number) {
  const response = await cms.http.post(documentsApi(`/workspaces/${slug}/documents/${id}/ticket`)).set(person.auth);
  if (response.status !== 200) throw new Error(`A ticket answered ${response.status}: ${JSON.stringify(response.body)}`);
  return collaborationTicketSchema.parse(response.body).data;
}

/** A WebSocket that keeps every message the server sent, so tests can see what reached the socket. */
export function recordingSocketClass(received: Uint8Array[]) {
  return class RecordingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    }
  };
}

export interface Editor {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
  received: Uint8Array[];
  events: { authenticationFailed: string[]; closed: { code: number; reason: string }[] };
  text(): string;
  destroy(): void;
}

/** A Yjs client over a real WebSocket, as the site's editor is (no browser). */
/** `retries`: how many times the socket tries to (re)connect (0: for ever, as the site's editor does). */
export function connectEditor(url: string, documentName: string, token: string | (() => Promise<string>), { retries = 3 }: { retries?: number } = {}): Editor {
  const received: Uint8Array[] = [];
  const events: Editor['events'] = { authenticationFailed: [], closed: [] };
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: recordingSocketClass(received), maxAttempts: retries, delay: 100, minDelay: 100, maxDelay: 1_000 });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => events.authenticationFailed.push(reason),
    onClose: ({ event }) => events.closed.push({ code: event.code, reason: event.reason }),
  });
  // A provider given its socket does not attach itself (so one socket can carry several documents).
  provider.attach();
  return {
    provider,
    socket,
    doc,
    received,
    events,
    text: () => doc.getXmlFragment('default').toString(),
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

export async function until(check: () => boolean | Promise<boolean>, what: string, timeout = 5_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeout) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

/** Types a paragraph at the end of the document, as an editor's Yjs binding would write it. */
export function typeParagraph(editor: Editor, words: string): void {
  const fragment = editor.doc.getXmlFragment('default');
  editor.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(words)]);
    fragment.insert(fragment.length, [paragraph]);
  });
}

/** The message types (Hocuspocus's MessageType) of what the server sent, read from each message's header. */
export function messageTypes(received: Uint8Array[]): number[] {
  return received.map((message) => {
    // varString (document name): a varUint length, then that many bytes; then the varUint type.
    let offset = 0;
    let length = 0;
    let shift = 0;
    for (;;) {
      const byte = message[offset++]!;
      length |= (byte & 0x7f) << shift;
      shift += 7;
      if (byte < 0x80) break;
    }
    return message[offset + length]!;
  });
}

const varUint = (value: number): number[] => {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push(0x80 | (value & 0x7f));
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return bytes;
};
const varBytes = (bytes: Uint8Array | number[]) => [...varUint(bytes.length), ...bytes];

/**
 * A raw presence (awareness) message for one Yjs client id, as any client could put on its socket:
 * the document's name, the Awareness type (1), and y-protocols' update (count, client, clock, state).
 */
export function awarenessMessage(documentName: string, clientId: number, clock: number, state: object): Uint8Array {
  const update = [...varUint(1), ...varUint(clientId), ...varUint(clock), ...varBytes(new TextEncoder().encode(JSON.stringify(state)))];
  return new Uint8Array([...varBytes(new TextEncoder().encode(documentName)), ...varUint(1), ...varBytes(update)]);
}
