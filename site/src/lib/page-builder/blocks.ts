import { blockDefinition, mapFields, toInputFields, walkFields, type BlockUid, type Fields } from '@futurenhs/blocks';
import type { BlockInputValue, RawBlock } from './api.ts';

/**
 * Blocks between the two forms the CMS speaks (contract, part A): as it returns them (media
 * populated as objects, case studies as their fields) and as it takes them (media as file ids,
 * case studies as document ids). The package's field walker converts them, driven by each block's
 * field definitions, so a new field kind cannot be sent in the wrong form unnoticed.
 */
function fieldsOf(uid: string): Fields | null {
  return blockDefinition(uid)?.fields ?? null;
}

/** One block as the CMS returns it → as it takes it back. Unknown blocks are passed through as they are. */
export function toInputBlock(block: RawBlock | Record<string, unknown>): BlockInputValue {
  const uid = String(block.__component ?? '');
  const fields = fieldsOf(uid);
  if (!fields) {
    const { id: _id, ...rest } = block as Record<string, unknown>;
    return { ...rest, __component: uid };
  }
  return { __component: uid, ...toInputFields(fields, block as Record<string, unknown>, { absent: 'omit' }) };
}

export function toInputBlocks(blocks: readonly (RawBlock | Record<string, unknown>)[]): BlockInputValue[] {
  return blocks.map(toInputBlock);
}

export interface KnownMedia {
  id: number;
  url: string;
  width?: number | null;
  height?: number | null;
  mime?: string | null;
}

/** Every image object in blocks (as returned), by id: to show an image again after a form is re-rendered. */
export function collectMedia(blocks: readonly Record<string, unknown>[], into = new Map<number, KnownMedia>()): Map<number, KnownMedia> {
  for (const block of blocks) {
    const fields = fieldsOf(String(block.__component ?? ''));
    if (!fields) continue;
    walkFields(fields, block, ({ kind, value }) => {
      const media = value as KnownMedia | null | undefined;
      if (kind.holds === 'image' && media && typeof media === 'object' && typeof media.id === 'number' && typeof media.url === 'string') into.set(media.id, media);
    });
  }
  return into;
}

/**
 * A block's input value (media as ids) with its images as objects again, for the form to show
 * the image each field holds. An id the site knows nothing about keeps a bare `{ id, url: '' }`.
 */
export function withMediaObjects(uid: string, value: Record<string, unknown>, known: Map<number, KnownMedia>): Record<string, unknown> {
  const fields = fieldsOf(uid);
  if (!fields) return value;
  return mapFields(
    fields,
    value,
    ({ kind, value: fieldValue }) => {
      if (kind.holds !== 'image') return fieldValue;
      const reference = kind.reference(fieldValue);
      return reference ? (known.get(reference.ref as number) ?? { id: reference.ref, url: '' }) : null;
    },
    { keepOthers: true, invalidList: 'keep' },
  );
}

/** Sets `value` at a form input's path (`cards.0.image`) inside a block's value. */
export function setAtPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cursor: Record<string, unknown> | unknown[] = target;
  for (let index = 0; index < parts.length - 1; index += 1) {
    const key = parts[index];
    const nextIsIndex = /^\d+$/.test(parts[index + 1]);
    const container = cursor as Record<string, unknown>;
    if (container[key] === undefined || container[key] === null || typeof container[key] !== 'object') container[key] = nextIsIndex ? [] : {};
    cursor = container[key] as Record<string, unknown>;
  }
  (cursor as Record<string, unknown>)[parts[parts.length - 1]] = value;
}

const SUMMARY_FIELDS = ['heading', 'title', 'text', 'label', 'body', 'quote', 'caption', 'summary'];

/** A line that tells blocks of one kind apart in the editor's list: the block's heading or first words. */
export function blockSummary(block: Record<string, unknown>): string {
  for (const name of SUMMARY_FIELDS) {
    const value = block[name];
    if (typeof value === 'string' && value.trim()) return shorten(value);
  }
  for (const value of Object.values(block)) {
    if (Array.isArray(value) && value.length > 0) return `${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  }
  return '';
}

function shorten(text: string, max = 80): string {
  // Markdown marks and line breaks would only clutter a one-line summary.
  const plain = text.replace(/[#*_>`[\]]/g, '').replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}

export function displayNameOf(uid: string): string {
  return blockDefinition(uid)?.displayName ?? 'Unknown block';
}

export function isBlockUid(uid: string | null): uid is BlockUid {
  return uid !== null && blockDefinition(uid) !== undefined;
}
