import type { BlockData } from './catalogue.ts';
import { blockDefinition } from './catalogue.ts';

export interface BlockWarning {
  index: number;
  uid: string;
  reason: string;
}

export type WarnFn = (message: string, warning: BlockWarning) => void;

const defaultWarn: WarnFn = (message, warning) => console.warn(message, warning);

/**
 * Validates a dynamic zone as the CMS returns it. An unknown or invalid block is skipped with a
 * logged warning, so one bad block never breaks the page.
 */
export function parseBlocks(raw: unknown, warn: WarnFn = defaultWarn, context = 'page'): BlockData[] {
  if (!Array.isArray(raw)) return [];
  const blocks: BlockData[] = [];
  raw.forEach((item, index) => {
    const uid = typeof item === 'object' && item !== null && '__component' in item ? String(item.__component) : '(none)';
    const definition = blockDefinition(uid);
    if (!definition) {
      warn(`Skipped unknown block "${uid}" on ${context}`, { index, uid, reason: 'unknown block' });
      return;
    }
    const result = definition.schema.safeParse(item);
    if (!result.success) {
      const reason = result.error.issues.map((issue) => `${issue.path.join('.') || '(block)'}: ${issue.message}`).join('; ');
      warn(`Skipped invalid block "${uid}" on ${context}: ${reason}`, { index, uid, reason });
      return;
    }
    blocks.push(result.data as BlockData);
  });
  return blocks;
}
