/**
 * Reads a multipart/form-data body as it streams past, without holding it: the bytes go on
 * unchanged (to the CMS), and this keeps only what a page needs if the upload is refused, so
 * that the form can come back with what the member typed: the small text fields it is asked
 * for (each cut at `maxFieldBytes`) and the names of the files, in order. File contents are
 * never kept; at most a boundary's length of bytes is held back between chunks.
 */
export interface MultipartSummary {
  fields: Record<string, string>;
  /** Each file part's field and file name, in the order sent. */
  files: { field: string; name: string }[];
}

/** The boundary of a multipart/form-data content type, or null when it is not one. */
export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : null;
}

const HEADERS_MAX = 8 * 1024;
const CRLF2 = Buffer.from('\r\n\r\n');

function dispositionOf(headers: string): { name: string; filename: string | null } | null {
  const line = headers.split('\r\n').find((header) => /^content-disposition\s*:/i.test(header));
  if (!line) return null;
  const param = (key: string) => {
    const quoted = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(line);
    // Browsers escape a quote and line breaks in a name as %22, %0D and %0A (the HTML standard).
    if (quoted) return quoted[1].replace(/%22/g, '"').replace(/%0D/g, '\r').replace(/%0A/g, '\n');
    const bare = new RegExp(`;\\s*${key}=([^;\\s]+)`, 'i').exec(line);
    return bare ? bare[1] : null;
  };
  const name = param('name');
  if (name === null) return null;
  return { name, filename: param('filename') };
}

/**
 * A pass-through stream and what it has seen so far (complete once the stream has ended).
 * `wanted`: the text fields to keep.
 */
export function multipartSniffer(boundary: string, wanted: readonly string[], maxFieldBytes = 16 * 1024): { stream: TransformStream<Uint8Array, Uint8Array>; summary: MultipartSummary } {
  const summary: MultipartSummary = { fields: {}, files: [] };
  // The body starts with "--boundary"; every later delimiter is "\r\n--boundary". Starting from
  // a virtual "\r\n" makes them all alike.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let pending: Buffer = Buffer.from('\r\n');
  let state: 'preamble' | 'headers' | 'body' | 'done' = 'preamble';
  let part: { field: string; keep: boolean; bytes: Buffer[]; size: number } | null = null;

  function keep(chunk: Buffer) {
    if (!part?.keep || chunk.length === 0) return;
    const room = maxFieldBytes - part.size;
    if (room <= 0) return;
    const taken = chunk.subarray(0, room);
    part.bytes.push(Buffer.from(taken));
    part.size += taken.length;
  }

  function endPart() {
    if (part?.keep) summary.fields[part.field] = Buffer.concat(part.bytes).toString('utf8');
    part = null;
  }

  function consume(final: boolean) {
    for (;;) {
      if (state === 'done') {
        pending = Buffer.alloc(0);
        return;
      }
      if (state === 'preamble' || state === 'body') {
        const at = pending.indexOf(delimiter);
        if (at === -1) {
          // Keep back what could be the start of a delimiter split across chunks.
          const safe = final ? pending.length : Math.max(0, pending.length - (delimiter.length - 1));
          if (state === 'body') keep(pending.subarray(0, safe));
          pending = pending.subarray(safe);
          return;
        }
        if (state === 'body') {
          keep(pending.subarray(0, at));
          endPart();
        }
        const after = at + delimiter.length;
        // "--" after the delimiter ends the body; otherwise the line ends and a part's headers follow.
        if (pending.length < after + 2) {
          if (final) state = 'done';
          else pending = pending.subarray(at);
          if (!final) return;
          continue;
        }
        if (pending[after] === 0x2d && pending[after + 1] === 0x2d) {
          state = 'done';
          continue;
        }
        pending = pending.subarray(after);
        state = 'headers';
        continue;
      }
      // headers
      const end = pending.indexOf(CRLF2);
      if (end === -1) {
        if (pending.length > HEADERS_MAX || final) state = 'done';
        return;
      }
      const disposition = dispositionOf(pending.subarray(0, end).toString('utf8'));
      pending = pending.subarray(end + CRLF2.length);
      if (disposition?.filename !== null && disposition?.filename !== undefined) {
        summary.files.push({ field: disposition.name, name: disposition.filename });
        part = { field: disposition.name, keep: false, bytes: [], size: 0 };
      } else {
        const field = disposition?.name ?? '';
        part = { field, keep: wanted.includes(field) && !(field in summary.fields), bytes: [], size: 0 };
      }
      state = 'body';
    }
  }

  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      if (state !== 'done') {
        pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
        consume(false);
      }
      controller.enqueue(chunk);
    },
    flush() {
      consume(true);
    },
  });
  return { stream, summary };
}
