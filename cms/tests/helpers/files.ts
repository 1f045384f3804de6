import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import type { TestPerson } from './members.ts';
import type { TestCms } from './test-strapi.ts';

/** The files plugin's routes (docs/files.md), under the content API. */
export const filesApi = (path: string) => `/api/files${path}`;

export const ITEM_UID = 'plugin::files.item';
export const VERSION_UID = 'plugin::files.version';
export const FOLDER_UID = 'plugin::files.folder';
export const STORED_FILE_UID = 'plugin::upload.file';
export const AUDIT_UID = 'plugin::accounts.audit-event';

export interface UploadFile {
  name: string;
  data: Buffer | string;
}

/** Text that inspection takes as text: a file of `size` bytes whose bytes say which file it is. */
export function textFile(name: string, size = 64, seed = name): UploadFile {
  const line = `${seed} `;
  const data = Buffer.alloc(size, line);
  return { name, data };
}

export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Supertest's parser for a body kept as bytes, whatever its type. */
export function binary(response: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
  response.on('error', (error: Error) => done(error, Buffer.alloc(0)));
}

/** Bytes kept as they are, but an error answer (JSON) parsed as JSON, so refusals read as any other. */
export function bytesOrJson(response: NodeJS.ReadableStream & { headers: Record<string, string> }, done: (error: Error | null, body: unknown) => void) {
  binary(response, (error, bytes) => {
    if (error || !/json/.test(response.headers['content-type'] ?? '')) return done(error, bytes);
    try {
      done(null, JSON.parse(bytes.toString('utf8')));
    } catch (parseError) {
      done(parseError as Error, bytes);
    }
  });
}

/** A multipart upload through the route, as the site's plain form sends it. */
export function uploadRequest(cms: TestCms, auth: object, slug: string, folder: number | 'root', files: UploadFile[], fields: Record<string, string> = {}) {
  let request = cms.http.post(filesApi(`/workspaces/${slug}/folders/${folder}/files`)).set(auth);
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
  for (const file of files) request = request.attach('files', Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data), file.name);
  return request;
}

/** Uploads files and returns the new items' ids (in the order given); throws on anything but 201. */
export async function uploadFiles(cms: TestCms, person: TestPerson, slug: string, folder: number | 'root', files: UploadFile[]): Promise<number[]> {
  const response = await uploadRequest(cms, person.auth, slug, folder, files);
  if (response.status !== 201) throw new Error(`Uploading answered ${response.status}: ${JSON.stringify(response.body)}`);
  const items = response.body.data.items as { id: number; name: string }[];
  return files.map((file) => items.find((item) => item.name === file.name)?.id ?? items[files.indexOf(file)]!.id);
}

export async function uploadFile(cms: TestCms, person: TestPerson, slug: string, folder: number | 'root', file: UploadFile): Promise<number> {
  const [id] = await uploadFiles(cms, person, slug, folder, [file]);
  return id!;
}

export function newVersionRequest(cms: TestCms, auth: object, slug: string, id: number, file: UploadFile, comment?: string) {
  let request = cms.http.post(filesApi(`/workspaces/${slug}/items/${id}/versions`)).set(auth);
  if (comment !== undefined) request = request.field('comment', comment);
  return request.attach('file', Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data), file.name);
}

export async function addVersion(cms: TestCms, person: TestPerson, slug: string, id: number, file: UploadFile, comment?: string) {
  const response = await newVersionRequest(cms, person.auth, slug, id, file, comment);
  if (response.status !== 201) throw new Error(`A new version answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data;
}

export async function createFolder(cms: TestCms, person: TestPerson, slug: string, name: string, parentId: number | null = null): Promise<number> {
  const response = await cms.http.post(filesApi(`/workspaces/${slug}/folders`)).set(person.auth).send({ name, parentId });
  if (response.status !== 201) throw new Error(`Creating a folder answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data.id as number;
}

/** Downloads bytes (or a version's, or a range of them). */
export function download(cms: TestCms, auth: object, slug: string, id: number, options: { version?: number; preview?: boolean; range?: string } = {}): Promise<Response & { body: Buffer }> {
  const query = options.version === undefined ? '' : `?version=${options.version}`;
  let request = cms.http.get(filesApi(`/workspaces/${slug}/items/${id}/${options.preview ? 'preview' : 'download'}${query}`)).set(auth);
  if (options.range) request = request.set('range', options.range);
  return request.buffer(true).parse(bytesOrJson) as never;
}

/** The stored names (under /uploads) of every version of these items, from the database. */
export async function storedNamesOf(strapi: Core.Strapi, itemIds: number[]): Promise<string[]> {
  const versions = (await strapi.db.query(VERSION_UID).findMany({ select: ['storedFileId'], where: { itemId: { $in: itemIds } } })) as { storedFileId: number }[];
  const files = (await strapi.db.query(STORED_FILE_UID).findMany({ select: ['url'], where: { id: { $in: versions.map((version) => version.storedFileId) } } })) as { url: string }[];
  return files.map((file) => file.url.split('/').pop()!);
}

export const uploadsPath = (strapi: Core.Strapi, name: string) => join(strapi.dirs.static.public, 'uploads', name);
export const storedOnDisk = (strapi: Core.Strapi, name: string) => existsSync(uploadsPath(strapi, name));

/** Audit events of these actions, oldest first. */
export async function auditEvents(strapi: Core.Strapi, actions: string | string[]) {
  return (await strapi.db.query(AUDIT_UID).findMany({
    where: { action: { $in: ([] as string[]).concat(actions) } },
    orderBy: [{ id: 'asc' }],
    populate: ['actor', 'workspace'],
  })) as { id: number; action: string; details: any; actor: { id: number } | null; workspace: { id: number } | null }[];
}

export const EICAR_SIGNATURE = 'Eicar-Test-Signature';

export interface FakeClamd {
  port: number;
  /** Streams scanned to the end. */
  scanned(): number;
  /** Holds every answer until the returned function is called: a scan that takes its time. */
  hold(): () => void;
  stop(): Promise<void>;
}

/**
 * A tiny clamd for the tests: INSTREAM over TCP (length-prefixed chunks, a zero length ends the
 * stream), answering "stream: Eicar-Test-Signature FOUND" when the bytes hold the EICAR test
 * string and "stream: OK" otherwise. `stop()` closes it, so the scanner is unreachable.
 */
export async function startFakeClamd(eicar: string): Promise<FakeClamd> {
  let scanned = 0;
  let gate: Promise<void> | null = null;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    let command = false;
    const body: Buffer[] = [];
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      if (!command) {
        const end = buffer.indexOf(0);
        if (end < 0) return;
        if (buffer.subarray(0, end).toString() !== 'zINSTREAM') {
          socket.end('UNKNOWN COMMAND\0');
          return;
        }
        command = true;
        buffer = buffer.subarray(end + 1);
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          scanned += 1;
          const bytes = Buffer.concat(body).toString('latin1');
          const answer = bytes.includes(eicar) ? `stream: ${EICAR_SIGNATURE} FOUND\0` : 'stream: OK\0';
          if (gate) void gate.then(() => socket.end(answer));
          else socket.end(answer);
          buffer = Buffer.alloc(0);
          return;
        }
        if (buffer.length < 4 + length) return;
        body.push(buffer.subarray(4, 4 + length));
        buffer = buffer.subarray(4 + length);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    scanned: () => scanned,
    hold: () => {
      let release = () => undefined as void;
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        gate = null;
        release();
      };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
