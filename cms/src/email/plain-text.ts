import type { Core } from '@strapi/strapi';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isSafeInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/**
 * The words of an HTML mail as a mail client shows plain text: paragraphs as blank-line
 * separated blocks, each link as "its text: its address" (a reader of the text part must still
 * see where a link goes), no tags, no entities.
 */
export function htmlToPlainText(html: string): string {
  const linked = html.replace(/<a\b[^>]*?\bhref\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a\s*>/gi, (_, _quote, href: string, inner: string) => {
    const words = inner.replace(/<[^>]*>/g, '').trim();
    const address = href.trim();
    return words && decodeEntities(words) !== decodeEntities(address) ? `${words}: ${address}` : address;
  });
  const text = linked
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|ul|ol|table|tr|blockquote)\s*>/gi, '\n\n')
    .replace(/<li\b[^>]*>/gi, '- ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\r]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const looksLikeMarkup = (text: string) => /<\/?[a-z][^>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(text);

/**
 * users-permissions sends its HTML templates (confirmation, reset) as the text part too, so a
 * mail client showing plain text showed raw tags. Every mail the CMS sends, whoever builds it,
 * gets a text part made from its HTML whenever the text part it came with is missing or markup.
 */
export function installPlainTextParts(strapi: Core.Strapi) {
  const provider = strapi.plugin('email').provider as { send(options: Record<string, unknown>): Promise<unknown> };
  const send = provider.send.bind(provider);
  provider.send = (options) => {
    const { text, html } = options;
    if (typeof html === 'string' && (typeof text !== 'string' || text.trim() === '' || looksLikeMarkup(text))) {
      return send({ ...options, text: htmlToPlainText(html) });
    }
    return send(options);
  };
}
