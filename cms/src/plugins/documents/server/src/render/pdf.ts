/**
 * A document as a PDF, in the PDF standard fonts (Helvetica, Courier), so no font file is read or
 * shipped. Those fonts hold Windows-1252's characters only: others are shown as '?' rather than as
 * nothing or as the wrong letters. Tables are drawn as a grid of text (styling inside cells is not
 * kept), pictures in PNG or JPEG are scaled to the page, and links to the web or email stay links.
 */
import PDFDocument from 'pdfkit';
import { fitWithin, imageStandIn, type ExportOptions, type ResolvedImage } from './export-options';
import { resolveImages } from './images';
import { documentBlocks } from './text';
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

const MARGIN = 56; // about 2 cm
const BODY_SIZE = 11;
const CODE_SIZE = 9.5;
const HEADING_SIZES = { 2: 18, 3: 15, 4: 13 } as const;
const TITLE_SIZE = 24;
const LINE_GAP = 2;
const PARAGRAPH_GAP = 6;
const LIST_INDENT = 20;
const QUOTE_INDENT = 16;
const CELL_PADDING = 4;
const TEXT_COLOUR = '#212b32';
const LINK_COLOUR = '#005eb8';
const RULE_COLOUR = '#b1b4b6';
const SHADE_COLOUR = '#f0f4f5';
/** A picture's pixels at 96 to the inch, in points. */
const POINTS_PER_PIXEL = 0.75;

type Doc = InstanceType<typeof PDFDocument>;

interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  underline?: boolean;
  strike?: boolean;
  link?: string | null;
}

interface Context {
  /** Points from the left margin. */
  indent: number;
  /** Nesting of lists around this block. */
  listDepth: number;
  /** Drawn beside the block's first line: a list item's bullet or number. */
  marker?: string;
}

export async function documentPdf(json: DocumentJson, { title, resolveImage }: ExportOptions): Promise<Buffer> {
  const images = await resolveImages(json, resolveImage);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'en-GB',
    displayTitle: true,
    // The information dictionary is UTF-16, so the name keeps every character here.
    info: { Title: printable(title), Creator: 'FutureNHS' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const writer = new Writer(doc, images);
  writer.title(title);
  if (json && typeof json === 'object') writer.document(json);
  doc.end();
  return done;
}

/**
 * Replaces what the standard fonts cannot show (they are Windows-1252) with '?', after composing
 * accents so 'e' + combining acute is still 'é'. Tabs become spaces: the fonts have no tab glyph.
 */
export function winAnsi(text: string): string {
  return printable(text)
    .normalize('NFC')
    .replace(/\t/g, '    ')
    .replace(/[^\n\x20-\x7e\xa0-\xff]/gu, (char) => (WIN_ANSI_EXTRA.has(char) ? char : '?'));
}

/** The characters beyond Latin-1 that Windows-1252 (and so pdfkit's standard fonts) hold. */
const WIN_ANSI_EXTRA = new Set('ƒ–—‘’‚“”„†‡•…€‰‹›ˆ™ŒœŠšŸŽž˜');

function fontFor(span: Span): string {
  const family = span.code ? 'Courier' : 'Helvetica';
  if (span.bold && span.italic) return `${family}-BoldOblique`;
  if (span.bold) return `${family}-Bold`;
  if (span.italic) return `${family}-Oblique`;
  return family;
}

class Writer {
  private readonly doc: Doc;
  private readonly images: Map<string, ResolvedImage | null>;
  private readonly left: number;
  private readonly width: number;

  constructor(doc: Doc, images: Map<string, ResolvedImage | null>) {
    this.doc = doc;
    this.images = images;
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  title(title: string): void {
    this.rich([{ text: title, bold: true }], TITLE_SIZE, { indent: 0, listDepth: 0 }, PARAGRAPH_GAP * 2);
  }

  document(json: DocumentJson): void {
    const top: Context = { indent: 0, listDepth: 0 };
    if (json.type === 'doc') this.blocks(json, top, 1);
    else this.block(json, top, 1);
  }

  private blocks(node: DocumentJson, context: Context, depth: number): void {
    childrenOf(node).forEach((child, index) => this.block(child, index === 0 ? context : { ...context, marker: undefined }, depth + 1));
  }

  private block(node: DocumentJson, context: Context, depth: number): void {
    if (depth > MAX_DEPTH) return;
    switch (node.type) {
      case 'paragraph':
        return this.rich(spans(node, depth), BODY_SIZE, context, PARAGRAPH_GAP);
      case 'heading': {
        const size = HEADING_SIZES[headingLevel(node)];
        this.doc.y += size * 0.5;
        return this.rich(
          spans(node, depth).map((span) => ({ ...span, bold: true })),
          size,
          context,
          PARAGRAPH_GAP,
        );
      }
      case 'blockquote':
        return this.quote(node, context, depth);
      case 'bulletList':
      case 'orderedList':
        return this.list(node, context, depth);
      case 'listItem':
        return this.blocks(node, context, depth);
      case 'codeBlock':
        return this.code(inlineText(node), context);
      case 'horizontalRule':
        return this.rule(context);
      case 'image':
        return this.image(node, context);
      case 'table':
        return this.table(node, context, depth);
      case 'text':
      case 'hardBreak':
        return this.rich(spans({ type: 'paragraph', content: [node] }, depth), BODY_SIZE, context, PARAGRAPH_GAP);
      default:
        if (isInline(node)) {
          const text = inlineText(node);
          if (text) this.rich([{ text }], BODY_SIZE, context, PARAGRAPH_GAP);
          return;
        }
        return this.blocks(node, context, depth);
    }
  }

  /** Starts a new page when not even one line of this size fits on this one. */
  private room(height: number): void {
    if (this.doc.y + height > this.doc.page.maxY()) this.doc.addPage();
  }

  /** A paragraph of styled runs, wrapped to the width left by its indent; the list marker beside it. */
  private rich(parts: Span[], size: number, context: Context, after: number): void {
    const doc = this.doc;
    const runs = parts.map((span) => ({ ...span, text: winAnsi(span.text) })).filter((span) => span.text);
    const x = this.left + context.indent;
    const width = Math.max(this.width - context.indent, 40);
    this.room(size * 1.5);
    const y = doc.y;
    if (context.marker) {
      doc.font('Helvetica').fontSize(size).fillColor(TEXT_COLOUR);
      const marker = winAnsi(context.marker);
      doc.text(marker, x - 6 - doc.widthOfString(marker), y, { lineBreak: false });
      doc.y = y;
    }
    if (!runs.length) {
      doc.y = y + doc.fontSize(size).currentLineHeight(true) + after;
      return;
    }
    runs.forEach((span, index) => {
      doc
        .font(fontFor(span))
        .fontSize(size)
        .fillColor(span.link ? LINK_COLOUR : TEXT_COLOUR);
      // Every option set on every run: pdfkit carries a continued run's options into the next.
      const options = {
        width,
        lineGap: LINE_GAP,
        continued: index < runs.length - 1,
        underline: !!(span.underline || span.link),
        strike: !!span.strike,
        link: span.link ?? null,
      };
      if (index === 0) doc.text(span.text, x, y, options);
      else doc.text(span.text, options);
    });
    doc.x = this.left;
    doc.y += after;
  }

  private list(node: DocumentJson, context: Context, depth: number): void {
    const ordered = node.type === 'orderedList';
    let number = ordered ? intAttr(node, 'start', 1, 1_000_000) : 1;
    const nested: Context = { indent: context.indent + LIST_INDENT, listDepth: context.listDepth + 1 };
    const bullet = context.listDepth % 2 === 0 ? '•' : '–';
    for (const item of childrenOf(node)) {
      const marker = ordered ? `${number++}.` : bullet;
      this.block(item, { ...nested, marker }, depth + 1);
    }
  }

  /** Indented, with a rule down its left while it stays on one page. */
  private quote(node: DocumentJson, context: Context, depth: number): void {
    const doc = this.doc;
    this.room(BODY_SIZE * 1.5);
    const page = doc.page;
    const top = doc.y;
    // A quote as a list item's first block: the item's marker goes beside the quote's first line.
    if (context.marker) {
      this.rich([], BODY_SIZE, context, 0);
      doc.y = top;
    }
    this.blocks(node, { indent: context.indent + QUOTE_INDENT, listDepth: context.listDepth }, depth);
    if (doc.page === page) {
      const x = this.left + context.indent + 4;
      doc
        .save()
        .moveTo(x, top)
        .lineTo(x, doc.y - PARAGRAPH_GAP)
        .lineWidth(3)
        .strokeColor(RULE_COLOUR)
        .stroke()
        .restore();
    }
  }

  private code(text: string, context: Context): void {
    const doc = this.doc;
    const x = this.left + context.indent;
    const width = this.width - context.indent;
    const content = winAnsi(text) || ' ';
    doc.font('Courier').fontSize(CODE_SIZE);
    const height = doc.heightOfString(content, { width: width - 2 * CELL_PADDING, lineGap: LINE_GAP }) + 2 * CELL_PADDING;
    if (height <= doc.page.maxY() - doc.page.margins.top) this.room(height);
    else this.room(CODE_SIZE * 3);
    const y = doc.y;
    // Shaded only when it fits on the page; a longer one flows over pages unshaded.
    if (y + height <= doc.page.maxY()) doc.save().rect(x, y, width, height).fill(SHADE_COLOUR).restore();
    doc.fillColor(TEXT_COLOUR).text(content, x + CELL_PADDING, y + CELL_PADDING, { width: width - 2 * CELL_PADDING, lineGap: LINE_GAP });
    doc.x = this.left;
    doc.y += CELL_PADDING + PARAGRAPH_GAP;
  }

  private rule(context: Context): void {
    const doc = this.doc;
    this.room(PARAGRAPH_GAP * 3);
    const y = doc.y + PARAGRAPH_GAP;
    doc
      .save()
      .moveTo(this.left + context.indent, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(1)
      .strokeColor(RULE_COLOUR)
      .stroke()
      .restore();
    doc.y = y + PARAGRAPH_GAP * 2;
  }

  private image(node: DocumentJson, context: Context): void {
    const doc = this.doc;
    const alt = stringAttr(node, 'alt');
    const picture = this.images.get(stringAttr(node, 'src'));
    // pdfkit reads PNG and JPEG only.
    if (picture && (picture.type === 'png' || picture.type === 'jpg')) {
      const x = this.left + context.indent;
      const maxHeight = doc.page.maxY() - doc.page.margins.top;
      const size = fitWithin(picture.width * POINTS_PER_PIXEL, picture.height * POINTS_PER_PIXEL, this.width - context.indent, maxHeight);
      try {
        // Opened before any page is added for it, so bytes that are not a picture fail here.
        const opened = (doc as unknown as { openImage(data: Buffer): Buffer }).openImage(picture.data);
        this.room(size.height);
        const y = doc.y;
        doc.image(opened, x, y, { width: size.width, height: size.height });
        doc.x = this.left;
        doc.y = y + size.height + PARAGRAPH_GAP;
        return;
      } catch {
        // Bytes that are not the picture they claim to be: the alt text stands in, as for a missing one.
      }
    }
    this.rich([{ text: imageStandIn(alt), italic: true }], BODY_SIZE, { ...context, marker: undefined }, PARAGRAPH_GAP);
  }

  /**
   * A grid of equal columns, one row at a time: a row that does not fit starts a new page, and
   * the head row is drawn again at its top. A row taller than a page is written as lines of text.
   */
  private table(node: DocumentJson, context: Context, depth: number): void {
    const doc = this.doc;
    const rows = childrenOf(node).filter((row) => row.type === 'tableRow' && childrenOf(row).length);
    if (!rows.length) return;
    const columns = Math.max(1, ...rows.map((row) => childrenOf(row).reduce((sum, cell) => sum + intAttr(cell, 'colspan', 1, 1000), 0)));
    const x = this.left + context.indent;
    const columnWidth = (this.width - context.indent) / columns;
    const head = isHeaderRow(rows[0]) ? rows[0] : null;
    const pageHeight = doc.page.maxY() - doc.page.margins.top;

    const layout = (row: DocumentJson) => {
      const cells = childrenOf(row).map((cell) => {
        const span = intAttr(cell, 'colspan', 1, 1000);
        const header = cell.type === 'tableHeader';
        const text = winAnsi(cellText(cell, depth));
        doc.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(BODY_SIZE);
        const width = columnWidth * span - 2 * CELL_PADDING;
        const height = doc.heightOfString(text || ' ', { width, lineGap: LINE_GAP });
        return { span, header, text, width, height };
      });
      return { cells, height: Math.max(...cells.map((cell) => cell.height)) + 2 * CELL_PADDING };
    };

    const draw = (row: ReturnType<typeof layout>) => {
      const y = doc.y;
      let left = x;
      for (const cell of row.cells) {
        const cellWidth = cell.width + 2 * CELL_PADDING;
        if (cell.header) doc.save().rect(left, y, cellWidth, row.height).fill(SHADE_COLOUR).restore();
        doc.save().rect(left, y, cellWidth, row.height).lineWidth(0.5).strokeColor(RULE_COLOUR).stroke().restore();
        if (cell.text) {
          doc
            .font(cell.header ? 'Helvetica-Bold' : 'Helvetica')
            .fontSize(BODY_SIZE)
            .fillColor(TEXT_COLOUR)
            .text(cell.text, left + CELL_PADDING, y + CELL_PADDING, { width: cell.width, lineGap: LINE_GAP });
        }
        left += cellWidth;
      }
      doc.x = this.left;
      doc.y = y + row.height;
    };

    const headLayout = head ? layout(head) : null;
    rows.forEach((row, index) => {
      const laid = index === 0 && headLayout ? headLayout : layout(row);
      if (laid.height > pageHeight) {
        this.rich([{ text: laid.cells.map((cell) => cell.text).join('\n') }], BODY_SIZE, context, PARAGRAPH_GAP);
        return;
      }
      if (doc.y + laid.height > doc.page.maxY()) {
        doc.addPage();
        if (headLayout && index > 0 && headLayout.height * 2 < pageHeight) draw(headLayout);
      }
      draw(laid);
    });
    doc.y += PARAGRAPH_GAP * 2;
  }
}

/** A cell's text, its blocks as lines (a list in a cell keeps its bullets). */
function cellText(cell: DocumentJson, depth: number): string {
  if (depth > MAX_DEPTH) return '';
  return documentBlocks({ type: 'doc', content: childrenOf(cell) }).join('\n');
}

/** A paragraph's runs with their marks; links that leave the site carry their address. */
function spans(node: DocumentJson, depth: number): Span[] {
  return childrenOf(node).map((child): Span => {
    if (child.type === 'hardBreak') return { text: '\n' };
    if (child.type !== 'text') return { text: depth <= MAX_DEPTH ? inlineText(child) : '' };
    const span: Span = { text: textOf(child) };
    for (const mark of marksOf(child)) {
      if (mark.type === 'bold') span.bold = true;
      else if (mark.type === 'italic') span.italic = true;
      else if (mark.type === 'underline') span.underline = true;
      else if (mark.type === 'strike') span.strike = true;
      else if (mark.type === 'code') span.code = true;
      else if (mark.type === 'link') {
        const href = safeHref(mark);
        span.link = href && isExternalHref(href) ? href : null;
      }
    }
    return span;
  });
}
