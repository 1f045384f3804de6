import { FILE_DESCRIPTION_MAX, UPLOAD_REQUEST_FACTOR, uploadedSchema, VERSION_COMMENT_MAX } from '@futurenhs/contract';
import { z } from 'zod';
import type { PageContext } from '../accounts/page.ts';
import { parseCms } from '../cms/accounts.ts';
import { parseCmsErrorBody } from '../cms/http.ts';
import { CmsUnavailableError } from '../cms/errors.ts';
import { siteConfig } from '../config.ts';
import { setFlash } from '../flash.ts';
import { sentence, type FieldErrors } from '../forms.ts';
import { limitInWords } from './format.ts';
import { multipartBoundary, multipartSniffer, type MultipartSummary } from './multipart-fields.ts';

/**
 * Uploads (several new files into a folder, or a new version of one file), streamed through the
 * site to the CMS as they arrive: the body is never parsed into memory here, so a file of any
 * allowed size costs the site a few buffers. The CSRF token therefore comes in the form's action
 * URL (`?_csrf=`), checked by the CSRF middleware before a byte is read (lib/csrf.ts), beside the
 * Origin check every form POST passes; the site refuses at once a body longer than the CMS would
 * ever take (Content-Length). What the member typed (the description or comment) and the names
 * of the files are picked out of the stream as it passes, so a refused upload comes back with
 * them (lib/files/multipart-fields.ts).
 *
 * A form sent by the page's script (XMLHttpRequest, for its progress bar; client/file-upload.ts)
 * asks for JSON: it gets where to go on success, or the errors to show, instead of a page.
 */
export type UploadKind = { kind: 'files'; folder: string } | { kind: 'version'; item: number };

/** The form's fields: files go in `files` (several) or `file` (one new version). */
export const UPLOAD_FIELD = { files: 'files', version: 'file' } as const;
export const TEXT_FIELD = { files: 'description', version: 'comment' } as const;
const TEXT_MAX = { files: FILE_DESCRIPTION_MAX, version: VERSION_COMMENT_MAX } as const;

/** The multipart framing around the files and fields: generous, as names and fields are small. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The most an upload's body may be: the CMS takes at most UPLOAD_REQUEST_FACTOR times the per-file limit in one request. */
export function uploadBodyLimit(kind: UploadKind['kind'], maxUploadBytes: number): number {
  return (kind === 'files' ? maxUploadBytes * UPLOAD_REQUEST_FACTOR : maxUploadBytes) + MULTIPART_OVERHEAD_BYTES;
}

/** A body too large to send in one go (the site's early refusal, or the CMS's 413); a single file over the limit is the CMS's 400, naming it. */
function tooLargeMessage(kind: UploadKind['kind'], maxUploadBytes: number): string {
  return kind === 'files'
    ? `These files are too large together: each may be up to ${limitInWords(maxUploadBytes)}, and upload large ones one at a time`
    : `The file must be ${limitInWords(maxUploadBytes)} or smaller`;
}

export interface UploadOutcome {
  status: number;
  values: Record<string, string>;
  errors: FieldErrors;
}

export function wantsJson(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('application/json');
}

/** What the CMS's per-file errors become: one message on the file input, naming the file. */
export function uploadErrors(kind: UploadKind['kind'], status: number, body: string, sent: MultipartSummary, maxUploadBytes: number): FieldErrors {
  const fileField = UPLOAD_FIELD[kind];
  const textField = TEXT_FIELD[kind];
  if (status === 413) return { [fileField]: tooLargeMessage(kind, maxUploadBytes) };
  const { reason, fieldErrors } = parseCmsErrorBody(body);
  const errors: FieldErrors = {};
  const fileMessages: string[] = [];
  const names = sent.files.filter((file) => file.field === fileField).map((file) => file.name);
  for (const { field, message } of fieldErrors) {
    const [name, index] = field.split('.');
    if (name === textField) errors[textField] ??= sentence(message);
    else if (name === 'files' || name === 'file') {
      const fileName = index !== undefined ? names[Number(index)] : undefined;
      // The CMS names the file itself ("minutes.pdf: …"); a file's name keeps its own case.
      const named = fileName !== undefined && message.startsWith(`${fileName}:`);
      fileMessages.push(named ? message.trim().replace(/\.$/, '') : fileName ? `${fileName}: ${sentence(message)}` : sentence(message));
    }
  }
  if (fileMessages.length > 0) errors[fileField] = fileMessages.join('. ');
  if (Object.keys(errors).length === 0) {
    errors[fileField] =
      status === 429
        ? sentence(reason) || 'Too many uploads. Try again later'
        : status === 403
          ? sentence(reason) || 'You cannot upload files here'
          : sentence(reason) || 'The upload did not work. Try again';
  }
  return errors;
}

const filesCount = z.object({ data: z.object({ items: z.array(z.unknown()) }) });

/**
 * Sends the request's body to the CMS as it streams in, and answers with what the page shows:
 * a redirect (or, for the script, JSON naming where to go) on success, else the form's errors.
 */
export async function streamUpload(
  context: PageContext,
  target: { cmsPath: string; kind: UploadKind['kind']; maxUploadBytes: number; success: (count: number) => { message: string; location: string } },
): Promise<Response | UploadOutcome> {
  const { request } = context;
  const fileField = UPLOAD_FIELD[target.kind];
  const textField = TEXT_FIELD[target.kind];
  const refuse = (status: number, errors: FieldErrors, values: Record<string, string> = {}): UploadOutcome => ({ status, errors, values });
  const contentType = request.headers.get('content-type');
  const boundary = multipartBoundary(contentType);
  if (!boundary || !request.body) return refuse(400, { [fileField]: target.kind === 'files' ? 'Choose files to upload' : 'Choose a file to upload' });
  const length = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(length) && length > uploadBodyLimit(target.kind, target.maxUploadBytes)) {
    // Refused before a byte of the body is read: the server discards the rest.
    return refuse(413, { [fileField]: tooLargeMessage(target.kind, target.maxUploadBytes) });
  }

  const { stream, summary } = multipartSniffer(boundary, [textField]);
  const { CMS_URL } = siteConfig();
  const token = context.locals.session.accessToken();
  let upstream: Response;
  try {
    upstream = await fetch(`${CMS_URL}${target.cmsPath}`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': contentType!,
        ...(Number.isFinite(length) ? { 'content-length': String(length) } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: request.body.pipeThrough(stream),
      // @ts-expect-error Node's fetch streams a request body only in half-duplex mode (not yet in the DOM types).
      duplex: 'half',
      // The member cancelling (or leaving) stops the upload to the CMS too; no overall time limit,
      // since a large file on a slow line takes as long as it takes.
      signal: request.signal,
    });
  } catch (error) {
    if (request.signal.aborted) return refuse(499, { [fileField]: 'The upload was cancelled' });
    throw new CmsUnavailableError(`CMS not reachable for an upload: ${(error as Error).message}`, target.cmsPath, undefined, { cause: error });
  }
  const text = await upstream.text().catch(() => '');
  const values = { [textField]: (summary.fields[textField] ?? '').slice(0, TEXT_MAX[target.kind] * 4) };
  if (upstream.status >= 500) throw new CmsUnavailableError(`CMS answered ${upstream.status} for an upload: ${text.slice(0, 300)}`, target.cmsPath, upstream.status);
  if (!upstream.ok) return refuse(upstream.status === 400 ? 400 : upstream.status, uploadErrors(target.kind, upstream.status, text, summary, target.maxUploadBytes), values);

  let count = 1;
  if (target.kind === 'files') {
    const json = JSON.parse(text) as unknown;
    parseCms(uploadedSchema, json, target.cmsPath);
    count = filesCount.parse(json).data.items.length;
  }
  const { message, location } = target.success(count);
  setFlash(context.cookies, { success: message }, siteConfig().SITE_URL);
  if (wantsJson(request)) return Response.json({ location }, { status: 200 });
  return new Response(null, { status: 303, headers: { location } });
}

/** The script's answer when the upload is refused: the errors, for the page to show in place. */
export function jsonRefusal(outcome: UploadOutcome, order: readonly string[]): Response {
  const errors = order.filter((field) => outcome.errors[field]).map((field) => ({ field, text: outcome.errors[field]! }));
  return Response.json({ errors }, { status: outcome.status === 499 ? 400 : outcome.status });
}

