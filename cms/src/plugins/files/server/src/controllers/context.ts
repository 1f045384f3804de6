import { rm } from 'node:fs/promises';
import { PLUGIN_ID } from '../constants';
import { membershipOf as membershipStateOf, viewerId } from '../utils';
import type { Actor } from '../services/folders';
import type { UploadedFile } from '../services/stored';

export const membershipOf = (ctx: any) => membershipStateOf(ctx, PLUGIN_ID);

/** The workspace (from the route's membership policy), the asker's access, and who they are. */
export function actorOf(ctx: any): Actor {
  const { workspace, access } = membershipOf(ctx);
  return { workspace, access, viewerId: viewerId(ctx) };
}

/**
 * The files of a multipart field, as the body parser left them on disk, in the order they were
 * sent: the parser lists them as each finishes writing, and numbers them as each begins
 * (config/middlewares.ts), so `['files', i]` in a refusal is the member's i-th file.
 */
export function uploadsOf(ctx: any, field: string): UploadedFile[] {
  const value = ctx.request.files?.[field];
  if (!value) return [];
  const files = (Array.isArray(value) ? value : [value]).filter((file: UploadedFile) => file?.filepath) as (UploadedFile & { uploadSequence?: number })[];
  return files.sort((a, b) => (a.uploadSequence ?? 0) - (b.uploadSequence ?? 0));
}

/** Every temporary file the body parser wrote for this request, deleted once it is answered. */
export async function dropUploads(ctx: any): Promise<void> {
  const all = Object.values(ctx.request.files ?? {}).flat() as UploadedFile[];
  await Promise.all(all.map((file) => (file?.filepath ? rm(file.filepath, { force: true }) : undefined)));
}
