import { isAllowedDocumentImage } from '@futurenhs/contract/document-schema';
import type { ResolveImage, ResolvedImage } from './export-options';
import { childrenOf, MAX_DEPTH, stringAttr, type DocumentJson } from './nodes';

const TYPES = new Set(['png', 'jpg', 'gif', 'bmp']);

/**
 * Fetches each picture the document shows once, one at a time (a document may show the same
 * picture twice, and a hundred pictures should not mean a hundred files open at once). A picture
 * whose source is not a workspace file, that cannot be read, or that comes back malformed is null.
 */
export async function resolveImages(json: DocumentJson, resolveImage: ResolveImage): Promise<Map<string, ResolvedImage | null>> {
  const sources = new Set<string>();
  const visit = (node: DocumentJson, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (node.type === 'image') {
      const src = stringAttr(node, 'src');
      if (isAllowedDocumentImage(src)) sources.add(src);
    }
    for (const child of childrenOf(node)) visit(child, depth + 1);
  };
  if (json && typeof json === 'object') visit(json, 0);
  const images = new Map<string, ResolvedImage | null>();
  for (const src of sources) {
    let image: ResolvedImage | null = null;
    try {
      image = await resolveImage(src);
    } catch {
      image = null;
    }
    images.set(src, image && Buffer.isBuffer(image.data) && image.data.length > 0 && TYPES.has(image.type) ? image : null);
  }
  return images;
}
