import { siteConfig } from '../config.ts';
import type { Media } from './schemas.ts';

/**
 * Strapi's local upload provider returns site-relative URLs (`/uploads/...`); the browser loads
 * them from the CMS's public address. Absolute URLs (an S3 provider) are kept as they are.
 */
export function mediaUrl(url: string, publicBase = siteConfig().CMS_PUBLIC_URL): string {
  if (/^https?:\/\//i.test(url)) return url;
  return `${publicBase}${url.startsWith('/') ? '' : '/'}${url}`;
}

export interface ImageView {
  src: string;
  alt: string;
  width?: number;
  height?: number;
}

export function imageView(media: Media | null | undefined, publicBase?: string): ImageView | null {
  if (!media) return null;
  return {
    src: mediaUrl(media.url, publicBase),
    // No alternative text means the editor treats the image as decorative.
    alt: media.alternativeText ?? '',
    width: media.width ?? undefined,
    height: media.height ?? undefined,
  };
}
