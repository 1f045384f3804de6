/**
 * A document as plain text: whole, as words counted, and as one string per block (a paragraph,
 * heading, list item, table row, code block, quoted paragraph) for the side-by-side comparison.
 * List items keep their bullet or number and quoted paragraphs a `> `, so a block read alone
 * still says what it was.
 */
import { childrenOf, inlineText, intAttr, isInline, MAX_DEPTH, stringAttr, type DocumentJson } from './nodes';

interface Block {
  /** With its list marker, indentation or quote marker. */
  text: string;
  /** Without them: what was written. */
  raw: string;
  /** Written by a person (not a rule or a picture's stand-in): counted as words. */
  words: boolean;
}

interface Context {
  /** Put before the block's first line: indentation, bullet or number, quote marker. */
  first: string;
  /** Put before its other lines and before the blocks after the first in a list item. */
  rest: string;
}

const TOP: Context = { first: '', rest: '' };

export function documentBlocks(json: DocumentJson): string[] {
  return collect(json).map((block) => block.text);
}

export function documentText(json: DocumentJson): string {
  return documentBlocks(json).join('\n');
}

/** Words a person wrote: text split on white space, counting pieces holding a letter or digit. */
export function documentWords(json: DocumentJson): number {
  let count = 0;
  for (const block of collect(json)) {
    if (!block.words) continue;
    for (const piece of block.raw.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(piece)) count++;
  }
  return count;
}

function collect(json: DocumentJson): Block[] {
  const out: Block[] = [];
  if (json && typeof json === 'object') visit(json, TOP, out, 0);
  return out;
}

function visit(node: DocumentJson, context: Context, out: Block[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  const push = (text: string, words = true) => out.push({ text: prefixed(text, context), raw: text, words });
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'codeBlock':
      push(inlineText(node));
      return;
    case 'horizontalRule':
      push('---', false);
      return;
    case 'image': {
      const alt = stringAttr(node, 'alt').trim();
      push(alt ? `[${alt}]` : '[image]', false);
      return;
    }
    case 'blockquote':
      children(node, { first: `${context.first}> `, rest: `${context.rest}> ` }, out, depth);
      return;
    case 'bulletList':
    case 'orderedList':
      list(node, context, out, depth);
      return;
    case 'table':
      for (const row of childrenOf(node)) visit(row, context, out, depth + 1);
      return;
    case 'tableRow':
      push(
        childrenOf(node)
          .map((cell) => cellText(cell, depth))
          .join('\t'),
      );
      return;
    case 'text':
    case 'hardBreak':
      push(inlineText(node));
      return;
    default:
      // Not in the schema: its text as one block, or the blocks it holds.
      if (isInline(node)) {
        const text = inlineText(node);
        if (text) push(text);
      } else children(node, context, out, depth);
  }
}

function children(node: DocumentJson, context: Context, out: Block[], depth: number): void {
  childrenOf(node).forEach((child, index) => visit(child, index === 0 ? context : { first: context.rest, rest: context.rest }, out, depth + 1));
}

/** Each item's first block gets the marker; its later blocks and nested lists line up under the text. */
function list(node: DocumentJson, context: Context, out: Block[], depth: number): void {
  const ordered = node.type === 'orderedList';
  let number = ordered ? intAttr(node, 'start', 1, 1_000_000) : 1;
  // Lists nested in a list item are indented by the item's own prefix already.
  const indent = context.rest;
  childrenOf(node).forEach((item, index) => {
    const marker = ordered ? `${number++}. ` : '• ';
    const itemContext: Context = { first: `${index === 0 ? context.first : indent}${marker}`, rest: `${indent}${' '.repeat(marker.length)}` };
    if (item.type === 'listItem') children(item, itemContext, out, depth + 1);
    else visit(item, itemContext, out, depth + 1);
  });
}

function cellText(cell: DocumentJson, depth: number): string {
  if (depth > MAX_DEPTH) return '';
  const blocks: Block[] = [];
  for (const child of childrenOf(cell)) visit(child, TOP, blocks, depth + 2);
  // A tab or newline inside a cell would read as the next cell or row.
  return blocks
    .map((block) => block.raw)
    .join(' ')
    .replace(/[\t\n]+/g, ' ')
    .trim();
}

function prefixed(text: string, context: Context): string {
  if (!context.first && !context.rest) return text;
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? context.first : context.rest) + line)
    .join('\n');
}
