import { blocksPopulate, parseBlocks, type BlockData } from '@futurenhs/blocks';
import { siteConfig } from '../config.ts';
import { mediaUrl } from './media.ts';

/** The populate fragment of a dynamic zone of blocks: each block's own media and parts only. */
export function blocksZonePopulate() {
  return blocksPopulate();
}

type Json = unknown;

function isMedia(value: Record<string, Json>): boolean {
  // Every media field of the catalogue is populated with its `mime` (blocks/src/lib/fields.ts).
  return typeof value.url === 'string' && 'mime' in value;
}

/**
 * Strapi's local uploads come back as `/uploads/...`, relative to the CMS. Block renderers use a
 * media URL as they get it, so the site makes them absolute (CMS_PUBLIC_URL) before rendering.
 * Links (plain strings) are left alone: a site-relative link is meant for the site.
 */
export function withMediaUrls(value: Json, rewrite: (url: string) => string): Json {
  if (Array.isArray(value)) return value.map((item) => withMediaUrls(item, rewrite));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, Json>;
  const copy: Record<string, Json> = {};
  for (const [key, item] of Object.entries(record)) copy[key] = withMediaUrls(item, rewrite);
  if (isMedia(record)) copy.url = rewrite(record.url as string);
  return copy;
}

/**
 * A workspace's files are never served by the CMS's /uploads path (its storage plugin decides by
 * owner, not by name): every stored file shown in a workspace goes through the site's image
 * route, which the CMS checks again as the viewer. The name is the stored file's, as the CMS's
 * local provider addresses it (`/uploads/<name>`), on the CMS's own host or relative to it.
 */
const STORED_UPLOAD = /^(?:https?:\/\/[^/?#]+)?\/uploads\/([A-Za-z0-9_-]{1,120}\.[A-Za-z0-9]{2,5})$/;

export function storedFileName(url: string): string | null {
  return STORED_UPLOAD.exec(url)?.[1] ?? null;
}

export function workspaceImageHref(workspaceSlug: string, file: string): string {
  return `/workspaces/${encodeURIComponent(workspaceSlug)}/images/${encodeURIComponent(file)}`;
}

/** A block's media URL as the browser loads it: in a workspace through the site's checked route, elsewhere from the CMS. */
export function blockMediaUrl(url: string, publicBase: string, workspaceSlug?: string): string {
  const file = workspaceSlug ? storedFileName(url) : null;
  return file ? workspaceImageHref(workspaceSlug!, file) : mediaUrl(url, publicBase);
}

/**
 * Validated blocks of a dynamic zone, media URLs made absolute (a workspace page's images
 * pointed at the site's image route); invalid or unknown ones are skipped and logged.
 */
export function pageBlocks(raw: unknown, context: string, publicBase = siteConfig().CMS_PUBLIC_URL, workspaceSlug?: string): BlockData[] {
  return parseBlocks(
    withMediaUrls(raw, (url) => blockMediaUrl(url, publicBase, workspaceSlug)),
    (message, warning) => console.warn(`[blocks] ${message}`, warning),
    context,
  );
}
