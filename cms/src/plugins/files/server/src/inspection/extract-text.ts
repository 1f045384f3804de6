/**
 * Text of PDF and DOCX files for search. Bounded every way: characters returned, bytes inflated,
 * pages read, time taken. A damaged file gives '' (it is still stored, just not searchable by
 * its content).
 */
import { readFile, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { checkBounds, entriesOf, ooxmlMainPart, openEntry, openZip } from './zip';

export const EXTRACT_LIMITS = {
  maxChars: 200_000,
  timeoutMs: 15_000,
  /** PDF pages read, from the first. */
  maxPdfPages: 50,
  /** pdf.js reads a PDF whole: larger ones are not read at all. */
  maxPdfBytes: 64 * 1024 ** 2,
  /** XML inflated from word/document.xml before giving up on the rest. */
  maxDocxXmlBytes: 64 * 1024 ** 2,
};

export async function extractText(path: string, kind: 'pdf' | 'docx', options: { maxChars?: number; timeoutMs?: number } = {}): Promise<string> {
  const maxChars = options.maxChars ?? EXTRACT_LIMITS.maxChars;
  const timeoutMs = options.timeoutMs ?? EXTRACT_LIMITS.timeoutMs;
  const deadline = Date.now() + timeoutMs;
  const work = kind === 'pdf' ? pdfText(path, maxChars, deadline) : docxText(path, maxChars, deadline);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(''), timeoutMs);
  });
  try {
    const text = await Promise.race([work.catch(() => ''), timeout]);
    return text.slice(0, maxChars);
  } finally {
    clearTimeout(timer);
  }
}

const tidy = (text: string) =>
  text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

async function pdfText(path: string, maxChars: number, deadline: number): Promise<string> {
  if ((await stat(path)).size > EXTRACT_LIMITS.maxPdfBytes) return '';
  const { getDocumentProxy } = await import('unpdf');
  const data = new Uint8Array(await readFile(path));
  // Text only: no fonts loaded, no images decoded beyond a bound, no XFA forms.
  const pdf = await getDocumentProxy(data, { disableFontFace: true, useSystemFonts: false, maxImageSize: 4096 * 4096, enableXfa: false, verbosity: 0 });
  try {
    const pages: string[] = [];
    let length = 0;
    const last = Math.min(pdf.numPages, EXTRACT_LIMITS.maxPdfPages);
    for (let number = 1; number <= last && length < maxChars && Date.now() < deadline; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      page.cleanup();
      pages.push(tidy(text));
      length += text.length;
    }
    return pages.filter(Boolean).join('\n\n');
  } finally {
    await pdf.loadingTask.destroy(); // frees the document's memory in pdf.js
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name] ?? whole;
  });

/**
 * The text runs (w:t) of a DOCX's main part, paragraphs as lines, read as a stream: the XML is
 * never held whole, and reading stops at maxChars or after maxDocxXmlBytes inflated.
 */
async function docxText(path: string, maxChars: number, deadline: number): Promise<string> {
  const zip = await openZip(path);
  try {
    const entries = await entriesOf(zip);
    checkBounds(entries);
    const main = await ooxmlMainPart(zip, entries, 'docx');
    if (!main) return '';
    const stream = await openEntry(zip, main);
    const decoder = new StringDecoder('utf8');
    const tag = /<(\/?)w:(t|p|tab|br|cr)\b[^>]*?(\/?)>/g;
    let pending = '';
    let out = '';
    let inText = false;
    let inflated = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        pending += decoder.write(chunk);
        // Everything up to the last complete tag can be read now; the rest waits for more bytes.
        const cut = pending.lastIndexOf('>') + 1;
        const ready = pending.slice(0, cut);
        pending = pending.slice(cut);
        let at = 0;
        for (const match of ready.matchAll(tag)) {
          if (inText) out += decodeEntities(ready.slice(at, match.index).replace(/<[^>]*>/g, ''));
          at = match.index + match[0].length;
          const [, closing, name, selfClosing] = match;
          if (name === 't') inText = !closing && !selfClosing;
          else if (name === 'p' && (closing || selfClosing)) out += '\n';
          else if (name === 'tab') out += '\t';
          else if ((name === 'br' || name === 'cr') && !closing) out += '\n';
        }
        if (inText) out += decodeEntities(ready.slice(at).replace(/<[^>]*>/g, ''));
        if (out.length >= maxChars || inflated > EXTRACT_LIMITS.maxDocxXmlBytes || Date.now() > deadline) break;
        if (pending.length > 1024 ** 2) pending = ''; // no '>' in a megabyte: not XML worth reading
      }
    } finally {
      stream.destroy();
    }
    return tidy(out);
  } finally {
    zip.close();
  }
}
