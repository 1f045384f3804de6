import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Actor } from './membership-helpers.ts';

/**
 * The files plugin's routes as a member, for arranging folders and files before a test (the
 * site's own forms are what the tests exercise), and small files whose bytes are what their
 * names say (the CMS decides a file's type by its content).
 */
export interface FilesAnswer<T = unknown> {
  status: number;
  json: T;
}

export async function files<T = unknown>(cmsUrl: string, actor: Pick<Actor, 'jwt' | 'email'>, method: string, path: string, body?: unknown): Promise<FilesAnswer<T>> {
  const multipart = body instanceof FormData;
  const response = await fetch(`${cmsUrl}/api/files${path}`, {
    method,
    headers: { authorization: `Bearer ${actor.jwt}`, ...(body !== undefined && !multipart ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, json: json as T };
}

export async function filesOk<T = unknown>(cmsUrl: string, actor: Pick<Actor, 'jwt' | 'email'>, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await files<T>(cmsUrl, actor, method, path, body);
  if (answer.status < 200 || answer.status >= 300) throw new Error(`${method} /api/files${path} as ${actor.email}: HTTP ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
}

export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Uploads `list` into a folder (`root` or an id) as `actor`; the new items' ids, in order. */
export async function uploadFiles(cmsUrl: string, actor: Actor, slug: string, folder: number | 'root', list: TestFile[], description?: string): Promise<number[]> {
  const form = new FormData();
  for (const file of list) form.append('files', new Blob([new Uint8Array(file.buffer)], { type: file.mimeType }), file.name);
  if (description) form.append('description', description);
  const { data } = await filesOk<{ data: { items: { id: number }[] } }>(cmsUrl, actor, 'POST', `/workspaces/${encodeURIComponent(slug)}/folders/${folder}/files`, form);
  return data.items.map((item) => item.id);
}

export function sha256(bytes: Buffer | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Plain text, told apart by `marker` (so each version's bytes differ). */
export function textFile(name: string, marker: string, size = 0): TestFile {
  const line = `Minutes of the board meeting: ${marker}\n`;
  return { name, mimeType: 'text/plain', buffer: Buffer.from(size > line.length ? line + 'Agreed actions follow.\n'.repeat(Math.ceil((size - line.length) / 23)).slice(0, size - line.length) : line) };
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A real PNG image, `width` by `height`, one colour. */
export function pngFile(name: string, width = 4, height = 4): TestFile {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x66)])));
  const buffer = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
  return { name, mimeType: 'image/png', buffer };
}

/** A web page pretending to be nothing else: refused by content, whatever its name. */
export function htmlFile(name: string): TestFile {
  return { name, mimeType: 'text/html', buffer: Buffer.from('<!doctype html><html><head><title>x</title></head><body><script>alert(document.cookie)</script></body></html>\n') };
}
