/**
 * Plain text has no magic bytes: it is told by being valid UTF-8 without control bytes, and
 * refused when it starts the way a browser's content sniffing would take for HTML, XML or SVG,
 * or like a script.
 */
import { createReadStream } from 'node:fs';

export type Markup = 'a web page (HTML)' | 'an SVG image' | 'XML' | 'a script';
/** Text, or why not: it looks like markup, it has bytes text never has, or it is text in another encoding than UTF-8. */
export interface TextVerdict {
  text: boolean;
  markup: Markup | null;
  notUtf8: boolean;
}

// NUL and the C0 controls no text uses (tab, line feed, vertical tab, form feed, carriage return
// and escape are allowed).
const CONTROL = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]/;

// The tags after which the WHATWG MIME sniffing algorithm takes unknown bytes for HTML.
const HTML_TAGS = ['!doctype html', 'html', 'head', 'script', 'iframe', 'h1', 'div', 'font', 'table', 'a', 'style', 'title', 'b', 'body', 'br', 'p', '!--'];

export function markupOf(start: string): Markup | null {
  const head = start.replace(/^[\s\ufeff]+/, '').slice(0, 512).toLowerCase();
  if (head.startsWith('#!')) return 'a script';
  if (!head.startsWith('<')) return null;
  if (/^<svg[\s>/]/.test(head) || /^<!doctype svg[\s>]/.test(head)) return 'an SVG image';
  if (head.startsWith('<?xml')) return /<svg[\s>/]/.test(head) ? 'an SVG image' : 'XML';
  if (HTML_TAGS.some((tag) => head.startsWith(`<${tag}`) && /^[\s>]/.test(head.slice(tag.length + 1) || ' '))) return 'a web page (HTML)';
  if (head.startsWith('<!doctype')) return 'a web page (HTML)';
  return null;
}

/** Reads the whole file once, a chunk at a time. */
export async function sniffText(path: string): Promise<TextVerdict> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = '';
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
      const text = decoder.decode(chunk, { stream: true });
      if (CONTROL.test(text)) return { text: false, markup: null, notUtf8: false };
      if (start.length < 1024) start += text.slice(0, 1024);
    }
    decoder.decode();
  } catch (error) {
    if (error instanceof TypeError) return { text: false, markup: null, notUtf8: true };
    throw error;
  }
  const markup = markupOf(start);
  return { text: !markup, markup, notUtf8: false };
}
