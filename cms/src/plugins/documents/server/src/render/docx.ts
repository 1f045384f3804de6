/**
 * A document as a Word file. Headings step down one (the document's level 2 is Word's Heading 1,
 * under the name as Title); lists use Word's own numbering so they stay lists when edited; links
 * to the web or email stay links, paths on the site stay text (a path means nothing in Word);
 * comment marks are left out (what comments say lives in the CMS, not in the document).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { imageStandIn, fitWithin, type ExportOptions, type ResolvedImage } from './export-options';
import { resolveImages } from './images';
import {
  childrenOf,
  headingLevel,
  inlineText,
  intAttr,
  isExternalHref,
  isHeaderRow,
  isInline,
  marksOf,
  MAX_DEPTH,
  printable,
  safeHref,
  stringAttr,
  textOf,
  type DocumentJson,
} from './nodes';

/** A4 less Word's default one-inch margins, in twentieths of a point. */
const TEXT_WIDTH_TWIPS = 11906 - 2 * 1440;
/** The same in pixels (96 to the inch), and the page's height less margins, for pictures. */
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH_TWIPS / 1440) * 96);
const TEXT_HEIGHT_PX = Math.floor(((16838 - 2 * 1440) / 1440) * 96);
const INDENT = 720;
const MONOSPACE = 'Courier New';
const HEADINGS = { 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2, 4: HeadingLevel.HEADING_3 } as const;

type Block = Paragraph | Table;

interface Context {
  /** Nesting of lists around this block: 0 outside any. */
  listDepth: number;
  /** Set on the first paragraph of a list item: how Word numbers or bullets it. */
  marker?: { kind: 'bullet' } | { kind: 'number'; reference: string; instance: number };
  /** Blockquotes around this block. */
  quotes: number;
  /** In a table's header cell. */
  bold?: boolean;
}

/** State across one export: numbering instances handed out, pictures already fetched. */
interface Run {
  images: Map<string, ResolvedImage | null>;
  starts: Set<number>;
  nextInstance: number;
}

export async function documentDocx(json: DocumentJson, { title, resolveImage }: ExportOptions): Promise<Buffer> {
  const run: Run = { images: await resolveImages(json, resolveImage), starts: new Set([1]), nextInstance: 1 };
  const children: Block[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(printable(title))] })];
  if (json && typeof json === 'object') {
    const top: Context = { listDepth: 0, quotes: 0 };
    if (json.type === 'doc') for (const child of childrenOf(json)) children.push(...block(child, top, run, 1));
    else children.push(...block(json, top, run, 1));
  }
  const document = new Document({
    title: printable(title),
    creator: 'FutureNHS',
    numbering: { config: [...run.starts].map((start) => ({ reference: orderedReference(start), levels: orderedLevels(start) })) },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

function orderedReference(start: number): string {
  return `ordered-from-${start}`;
}

/** Decimal, then letters, then roman numerals as lists nest, as Word's own default does. */
function orderedLevels(start: number): ILevelsOptions[] {
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: formats[level % 3],
    text: `%${level + 1}.`,
    alignment: AlignmentType.START,
    start,
    style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: 360 } } },
  }));
}

function block(node: DocumentJson, context: Context, run: Run, depth: number): Block[] {
  if (depth > MAX_DEPTH) return [];
  switch (node.type) {
    case 'paragraph':
      return [paragraph(inline(node, depth, context.bold ? { bold: true } : {}), context)];
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[headingLevel(node)], children: inline(node, depth) })];
    case 'blockquote':
      return blocks(node, { ...context, marker: undefined, quotes: context.quotes + 1 }, run, depth);
    case 'bulletList':
    case 'orderedList':
      return list(node, context, run, depth);
    case 'listItem':
      return blocks(node, context, run, depth);
    case 'codeBlock': {
      const lines = inlineText(node).split('\n');
      const runs = lines.map((line, index) => new TextRun({ text: line, font: MONOSPACE, ...(index ? { break: 1 } : {}) }));
      return [paragraph(runs, context, { shading: { type: 'clear', fill: 'F0F0F0', color: 'auto' } })];
    }
    case 'horizontalRule':
      return [new Paragraph({ thematicBreak: true, children: [] })];
    case 'image':
      return [image(node, context, run)];
    case 'table':
      return [table(node, run, depth)];
    case 'text':
    case 'hardBreak':
      return [paragraph(inline({ type: 'paragraph', content: [node] }, depth), context)];
    default:
      if (isInline(node)) {
        const text = inlineText(node);
        return text ? [paragraph(plainRuns(text, context.bold ? { bold: true } : {}), context)] : [];
      }
      return blocks(node, context, run, depth);
  }
}

/** A container's blocks: only the first takes the list item's bullet or number. */
function blocks(node: DocumentJson, context: Context, run: Run, depth: number): Block[] {
  return childrenOf(node).flatMap((child, index) => block(child, index === 0 ? context : { ...context, marker: undefined }, run, depth + 1));
}

function list(node: DocumentJson, context: Context, run: Run, depth: number): Block[] {
  const listDepth = Math.min(context.listDepth + 1, 9);
  let marker: Context['marker'] = { kind: 'bullet' };
  if (node.type === 'orderedList') {
    const start = intAttr(node, 'start', 1, 1_000_000);
    run.starts.add(start);
    // Its own instance restarts the count, so a second list does not carry on from the first.
    marker = { kind: 'number', reference: orderedReference(start), instance: run.nextInstance++ };
  }
  return childrenOf(node).flatMap((item) => block(item, { ...context, listDepth, marker }, run, depth + 1));
}

function paragraph(children: ParagraphChild[], context: Context, extra: { shading?: { type: 'clear'; fill: string; color: string } } = {}): Paragraph {
  const level = context.listDepth - 1;
  const quote = context.quotes * INDENT;
  const border = context.quotes ? { left: { style: BorderStyle.SINGLE, size: 12, color: 'B1B4B6', space: 8 } } : undefined;
  if (context.marker?.kind === 'bullet') return new Paragraph({ children, bullet: { level }, border, ...extra });
  if (context.marker?.kind === 'number') {
    const { reference, instance } = context.marker;
    return new Paragraph({ children, numbering: { reference, level, instance }, border, ...extra });
  }
  const left = quote + (context.listDepth ? INDENT * context.listDepth : 0);
  return new Paragraph({ children, border, ...(left ? { indent: { left } } : {}), ...extra });
}

function image(node: DocumentJson, context: Context, run: Run): Paragraph {
  const src = stringAttr(node, 'src');
  const alt = printable(stringAttr(node, 'alt'));
  const picture = run.images.get(src);
  if (!picture) return paragraph([new TextRun({ text: imageStandIn(alt), italics: true })], { ...context, marker: undefined });
  const size = fitWithin(picture.width, picture.height, TEXT_WIDTH_PX, TEXT_HEIGHT_PX);
  return paragraph(
    [
      new ImageRun({
        type: picture.type,
        data: picture.data,
        transformation: size,
        altText: { name: alt || 'Image', description: alt, title: printable(stringAttr(node, 'title')) },
      }),
    ],
    { ...context, marker: undefined },
  );
}

function table(node: DocumentJson, run: Run, depth: number): Table {
  const rows = childrenOf(node).filter((row) => row.type === 'tableRow' && childrenOf(row).length);
  const columns = Math.max(1, ...rows.map((row) => childrenOf(row).reduce((sum, cell) => sum + intAttr(cell, 'colspan', 1, 1000), 0)));
  const tableRows = rows.map(
    (row, index) =>
      new TableRow({
        // A head row repeats at the top of each page the table runs onto.
        tableHeader: index === 0 && isHeaderRow(row),
        children: childrenOf(row).map((cell) => {
          const header = cell.type === 'tableHeader';
          const content = childrenOf(cell).flatMap((child) => block(child, { listDepth: 0, quotes: 0, bold: header }, run, depth + 3));
          return new TableCell({
            // Word refuses a cell without a paragraph.
            children: content.length ? content : [new Paragraph({ children: [] })],
            columnSpan: intAttr(cell, 'colspan', 1, 1000),
            rowSpan: intAttr(cell, 'rowspan', 1, 1000),
            ...(header ? { shading: { type: 'clear', fill: 'E8EDEE', color: 'auto' } } : {}),
          });
        }),
      }),
  );
  if (!tableRows.length) tableRows.push(new TableRow({ children: [new TableCell({ children: [new Paragraph({ children: [] })] })] }));
  return new Table({
    rows: tableRows,
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => Math.floor(TEXT_WIDTH_TWIPS / columns)),
  });
}

type RunStyle = { -readonly [K in 'bold' | 'italics' | 'strike' | 'font' | 'underline' | 'style']?: IRunOptions[K] };

function plainRuns(text: string, style: RunStyle): TextRun[] {
  return text.split('\n').map((line, index) => new TextRun({ text: line, ...style, ...(index ? { break: 1 } : {}) }));
}

/** The runs of a paragraph's text, consecutive words under one link kept in one hyperlink. */
function inline(node: DocumentJson, depth: number, base: RunStyle = {}): ParagraphChild[] {
  const pieces: { href: string | null; runs: TextRun[] }[] = [];
  let href: string | null = null;
  for (const child of childrenOf(node)) {
    if (child.type === 'hardBreak') {
      // A break inside a link stays inside it, so the link is not cut in two.
      pieces.push({ href, runs: [new TextRun({ break: 1 })] });
      continue;
    }
    href = null;
    if (child.type !== 'text') {
      if (depth <= MAX_DEPTH) pieces.push({ href, runs: plainRuns(inlineText(child), base) });
      continue;
    }
    const style: RunStyle = { ...base };
    for (const mark of marksOf(child)) {
      if (mark.type === 'bold') style.bold = true;
      else if (mark.type === 'italic') style.italics = true;
      else if (mark.type === 'underline') style.underline = {};
      else if (mark.type === 'strike') style.strike = true;
      else if (mark.type === 'code') style.font = MONOSPACE;
      else if (mark.type === 'link') {
        const safe = safeHref(mark);
        href = safe && isExternalHref(safe) ? safe : null;
      }
    }
    if (href) style.style = 'Hyperlink';
    pieces.push({ href, runs: [new TextRun({ text: printable(textOf(child)), ...style })] });
  }
  const out: ParagraphChild[] = [];
  for (let index = 0; index < pieces.length; ) {
    const { href: link } = pieces[index];
    if (!link) {
      out.push(...pieces[index++].runs);
      continue;
    }
    const runs: TextRun[] = [];
    while (index < pieces.length && pieces[index].href === link) runs.push(...pieces[index++].runs);
    out.push(new ExternalHyperlink({ link, children: runs }));
  }
  return out;
}
