/** What the DOCX and PDF exports are given beside the document. */

export interface ResolvedImage {
  data: Buffer;
  type: 'png' | 'jpg' | 'gif' | 'bmp';
  /** Pixels: the export scales the picture down to the page, keeping its shape. */
  width: number;
  height: number;
}

/**
 * The bytes of a picture the document shows (its src is a workspace file's preview path), or
 * null when the file is gone or the asker may not read it: the export shows its alt text instead.
 */
export type ResolveImage = (src: string) => Promise<ResolvedImage | null>;

export interface ExportOptions {
  /** The document's name, set above its content as the title. */
  title: string;
  resolveImage: ResolveImage;
}

/** Shown where a picture could not be included. */
export function imageStandIn(alt: string): string {
  const text = alt.trim();
  return text ? `[${text}]` : '[image]';
}

/** The size to draw a picture at: its own, or scaled down (never up) to fit the box. */
export function fitWithin(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const w = Number.isFinite(width) && width > 0 ? width : maxWidth;
  const h = Number.isFinite(height) && height > 0 ? height : maxWidth;
  const scale = Math.min(1, maxWidth / w, maxHeight / h);
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}
