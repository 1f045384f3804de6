import { z } from 'zod';
import { common, isObject, optionalUnless, requiredFlag, type Common, type Field, type MediaRead } from './kind.ts';
import { referenceKind } from './reference.ts';

/** Media URLs come from the CMS: absolute http(s) (an upload provider) or a path (the local provider). */
const MEDIA_URL_PATTERN = /^(https?:\/\/[^\s<>"]+|\/(?![/\\])[^\s<>"]+)$/;

/** The image as the CMS returns it; alt text lives on the block, because it depends on the context. */
export const imageSchema = z.object({
  id: z.number().optional(),
  documentId: z.string().optional(),
  url: z.string().regex(MEDIA_URL_PATTERN),
  width: z.number().nullish(),
  height: z.number().nullish(),
  mime: z.string().nullish(),
});
export type Image = z.infer<typeof imageSchema>;
export const IMAGE_FIELDS = ['url', 'width', 'height', 'mime'];

export function image<R extends boolean = false>(options: Common<R> = {}) {
  return {
    kind: 'image',
    schema: optionalUnless(imageSchema, options.required),
    ...common(options),
    attribute: () => ({ type: 'media', multiple: false, allowedTypes: ['images'], ...requiredFlag(options.required) }),
    populate: () => ({ fields: IMAGE_FIELDS }),
  } satisfies Field;
}

/** A file id, from an id (number or digits) or a media object. */
function imageId(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,12}$/.test(value)) return Number(value);
  if (isObject(value) && 'id' in value) return imageId(value.id);
  return null;
}

export function shapeMedia(value: unknown): MediaRead | null {
  if (!isObject(value) || typeof value.url !== 'string') return null;
  return {
    id: value.id as number,
    url: value.url,
    width: (value.width as number | null | undefined) ?? null,
    height: (value.height as number | null | undefined) ?? null,
    mime: (value.mime as string | null | undefined) ?? null,
  };
}

/** Only addresses the site serves images from are shown back (a posted hidden field could hold anything). */
const SAFE_IMAGE_URL = /^(https?:\/\/[^\s<>"]+|\/(?![/\\])[^\s<>"]*)$/;

/** The image an input shows: its id, and its address when known (carried by the form, or the media object's). */
function currentImage(value: unknown, images: Record<number, string>): { id: number; url: string } | null {
  const id = imageId(value);
  if (id === null || !Number.isSafeInteger(id) || id <= 0) return null;
  // An image referred to by id only (or with an unknown address) may be one the form carried.
  const url = (isObject(value) && typeof value.url === 'string' && value.url) || images[id];
  return { id, url: url && SAFE_IMAGE_URL.test(url) ? url : '' };
}

// What validation gives the schema for an image sent by id: the file itself is checked by the CMS.
const PLACEHOLDER_IMAGE = { url: '/uploads/submitted-image', mime: 'image/jpeg' };

/** One image of the media library: a file id in input form, the media object in read form. */
export const imageKind = referenceKind({
  holds: 'image',
  keyOf: imageId,
  sent: (value) => (Number.isSafeInteger(value.id) ? value.id : undefined),
  valid: (key) => Number.isSafeInteger(key) && (key as number) > 0,
  issue: 'Upload the image again',
  shape: shapeMedia,
  standIn: (value) => (value === null || value === undefined ? value : PLACEHOLDER_IMAGE),
  form: {
    initial: () => null,
    read(posted, name, _field, reading) {
      const value = (posted.text(name) ?? '').trim();
      const id = /^\d{1,15}$/.test(value) && Number(value) > 0 ? Number(value) : null;
      const url = posted.text(`${name}.url`);
      if (id !== null && url && SAFE_IMAGE_URL.test(url)) reading.images[id] = url;
      const file = posted.file(`${name}.upload`);
      // A browser sends an empty file part when nothing was chosen.
      if (file && file.size > 0) reading.uploads.push({ name, file });
      const remove = posted.text(`${name}.remove`);
      return remove !== null && remove !== '' ? null : id;
    },
    input: (field, common, raw, _current, context) => ({ kind: 'image', ...common, required: field.required, current: currentImage(raw, context.images) }),
    emptyMessage: () => 'Choose an image',
  },
});
