import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import contentDisposition from 'content-disposition';
import parseRange from 'range-parser';
import { FILE_UID, SIZE_VARIANTS, STORED_HASH, STORED_HASH_BYTES } from '../constants';

export interface StoredFile {
  id: number;
  hash: string;
  ext: string;
  mime: string;
  url: string;
  provider: string;
  formats: Record<string, { hash: string; ext: string; mime: string; url: string; size?: number; sizeInBytes?: number }> | null;
}

/** One stored object: a file, or one of its size variants, as it is asked for by name. */
export interface ServedFile {
  file: StoredFile;
  /** The stored name (`<hash><ext>`, or `<variant>_<hash><ext>`). */
  name: string;
  mime: string;
  /** The address the provider gave it (`/uploads/…` for the local provider). */
  url: string;
}

export interface OpenedFile {
  body: Readable;
  size: number | null;
}

/** How `send` answers: the defaults serve a page's image (inline when safe, under its stored name). */
export interface SendOptions {
  /** `attachment` always downloads; `inline` (the default) shows raster images and PDFs, downloads the rest. */
  disposition?: 'inline' | 'attachment';
  /** The name the browser saves it under (the stored name when not given). */
  filename?: string;
}

/** A byte range of a file of known size, from a Range header; null serves it whole, 'unsatisfiable' answers 416. */
function rangeOf(header: string | undefined, size: number | null): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header || size === null || size === 0) return null;
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  // Malformed, or several ranges (multipart/byteranges, which no reader of ours needs): the whole file.
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return null;
  return { start: ranges[0].start, end: ranges[0].end };
}

/** Types a browser shows without running anything: served inline; everything else is a download. */
export const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf']);
/** Whatever a stored file turns out to be, a browser that opens it runs nothing of it. */
export const SANDBOX = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

const FILE_FIELDS = ['id', 'hash', 'ext', 'mime', 'url', 'provider', 'formats'];

export const randomStoredHash = () => randomBytes(STORED_HASH_BYTES).toString('hex');

/** The last path segment of a provider's address, without query (a signed URL's). */
const storedNameOf = (url: string) => posix.basename(url.split(/[?#]/)[0] ?? '');

/**
 * Stored files found by the name they are stored under, opened from whichever upload provider
 * holds them, and renamed so that names say nothing.
 */
export const storedFilesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const uploadsDir = () => join(strapi.dirs.static.public, 'uploads');

  return {
    /** A name for a new stored file (without extension): random, so it says nothing. */
    randomName: randomStoredHash,

    /** The file (or size variant) stored under this name, or null. */
    async findByName(name: string): Promise<ServedFile | null> {
      if (!/^[A-Za-z0-9._-]{1,200}$/.test(name) || name.startsWith('.')) return null;
      const base = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
      const variant = SIZE_VARIANTS.find((prefix) => base.startsWith(`${prefix}_`));
      const hashes = [base, ...(variant ? [base.slice(variant.length + 1)] : [])];
      const rows = (await strapi.db.query(FILE_UID).findMany({ select: FILE_FIELDS, where: { hash: { $in: hashes } } })) as StoredFile[];
      for (const file of rows) {
        if (storedNameOf(file.url ?? '') === name) return { file, name, mime: file.mime, url: file.url };
        for (const format of Object.values(file.formats ?? {})) {
          if (format?.url && storedNameOf(format.url) === name) return { file, name, mime: format.mime ?? file.mime, url: format.url };
        }
      }
      return null;
    },

    /** The bytes, streamed (never held in memory whole), or null when the provider has lost them. */
    async open(served: ServedFile, range?: { start: number; end: number }): Promise<OpenedFile | null> {
      if (served.file.provider === 'local') {
        const path = join(uploadsDir(), served.name);
        try {
          const { size } = await stat(path);
          return { body: createReadStream(path, range ? { start: range.start, end: range.end } : {}), size };
        } catch {
          return null;
        }
      }
      // Another provider (S3 and the like) is read here with its signed address, so the reader never sees it.
      const signed = (await strapi.plugin('upload').service('file').signFileUrls({ ...served.file, url: served.url, formats: null })) as { url: string };
      const response = await fetch(signed.url, {
        signal: AbortSignal.timeout(30_000),
        headers: range ? { range: `bytes=${range.start}-${range.end}` } : {},
      });
      if (!response.ok || !response.body) return null;
      // A ranged answer's length is the range's; the whole size is after the slash of Content-Range.
      const whole = response.status === 206 ? Number(response.headers.get('content-range')?.split('/')[1]) : Number(response.headers.get('content-length'));
      return { body: Readable.fromWeb(response.body as never), size: Number.isFinite(whole) && whole > 0 ? whole : null };
    },

    /**
     * Gives a local file, and each of its size variants, a random name (the one-off migration of
     * names that held a slug or a workspace's id). Other providers keep their objects' names:
     * renaming in a bucket is the provider's business, and those files are still guarded by owner.
     */
    async rename(file: StoredFile): Promise<StoredFile> {
      if (file.provider !== 'local' || STORED_HASH.test(file.hash)) return file;
      const hash = randomStoredHash();
      const moves: [string, string][] = [[`${file.hash}${file.ext}`, `${hash}${file.ext}`]];
      const formats: StoredFile['formats'] = file.formats ? {} : null;
      for (const [key, format] of Object.entries(file.formats ?? {})) {
        const renamed = `${key}_${hash}`;
        moves.push([storedNameOf(format.url), `${renamed}${format.ext}`]);
        formats![key] = { ...format, hash: renamed, url: `/uploads/${renamed}${format.ext}` };
      }
      const data = { hash, url: `/uploads/${hash}${file.ext}`, formats };
      // The row first, and only if no other instance renamed it meanwhile: one of them moves the files.
      const { count } = (await strapi.db.query(FILE_UID).updateMany({ where: { id: file.id, hash: file.hash }, data })) as { count: number };
      if (!count) return file;
      for (const [from, to] of moves) {
        await rename(join(uploadsDir(), from), join(uploadsDir(), to)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      }
      return { ...file, ...data };
    },

    /** Files still stored under a name that is not random. */
    async withOldNames(): Promise<StoredFile[]> {
      const rows = (await strapi.db.query(FILE_UID).findMany({ select: FILE_FIELDS })) as StoredFile[];
      return rows.filter((file) => !STORED_HASH.test(file.hash ?? ''));
    },

    /**
     * Answers with the file's bytes, streamed, as something no browser runs: raster images and
     * PDFs inline (unless asked to download), anything else as a download served as
     * `application/octet-stream`; never sniffed, sandboxed, and never kept by a shared cache (the
     * next reader is checked again). One byte range is honoured (206), so a large download
     * resumes and a PDF viewer reads pages as it needs them.
     */
    async send(ctx: any, served: ServedFile, options: SendOptions = {}): Promise<boolean> {
      const size = served.file.provider === 'local' ? await stat(join(uploadsDir(), served.name)).then((info) => info.size, () => null) : null;
      const range = rangeOf(ctx.get?.('range') || undefined, size);
      if (range === 'unsatisfiable') {
        ctx.status = 416;
        ctx.set('content-range', `bytes */${size}`);
        // Not null: Koa turns an empty body into 204 No Content, and the client would take it for an empty file.
        ctx.body = 'The requested range is not in this file';
        return true;
      }
      const opened = await this.open(served, range ?? undefined);
      if (!opened) return false;
      const inline = options.disposition !== 'attachment' && INLINE_TYPES.has(served.mime);
      ctx.set('content-type', inline ? served.mime : 'application/octet-stream');
      ctx.set('content-disposition', contentDisposition(options.filename ?? served.name, { type: inline ? 'inline' : 'attachment' }));
      ctx.set('x-content-type-options', 'nosniff');
      ctx.set('content-security-policy', SANDBOX);
      ctx.set('cache-control', 'private, no-store');
      if (opened.size !== null) ctx.set('accept-ranges', 'bytes');
      if (range && opened.size !== null) {
        ctx.status = 206;
        ctx.set('content-range', `bytes ${range.start}-${range.end}/${opened.size}`);
        ctx.length = range.end - range.start + 1;
      } else if (opened.size !== null) {
        ctx.length = opened.size;
      }
      ctx.body = opened.body;
      return true;
    },
  };
};

export type StoredFilesService = ReturnType<typeof storedFilesService>;
