/**
 * A small, strict reader for the HTML our renderers produce, so tests can ask about structure
 * (which element holds which) instead of matching strings. It throws on unbalanced tags, which is
 * itself a check that the markup is well formed. It is not a general HTML parser: no comments,
 * no raw-text elements, no implied end tags (our renderers never rely on them).
 */
export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent?: HtmlElement;
}
export type HtmlNode = HtmlElement | string;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const TOKEN = /<!--[\s\S]*?-->|<!doctype[^>]*>|<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>|[^<]+|</g;
const ATTR = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}

export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [] };
  let current = root;
  for (const match of html.matchAll(TOKEN)) {
    const [token, closing, rawTag, rawAttrs, selfClosing] = match;
    if (token.startsWith('<!')) continue;
    if (!rawTag) {
      if (token === '<') throw new Error(`Stray "<" in markup near: ${html.slice(match.index, match.index + 40)}`);
      current.children.push(decodeEntities(token));
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (closing) {
      if (current.tag !== tag) throw new Error(`</${tag}> closes <${current.tag}>`);
      current = current.parent!;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [, name, dq, sq, bare] of (rawAttrs ?? '').matchAll(ATTR)) {
      const key = name.toLowerCase();
      if (key in attrs) throw new Error(`Duplicate attribute ${key} on <${tag}>`);
      attrs[key] = decodeEntities(dq ?? sq ?? bare ?? '');
    }
    const element: HtmlElement = { tag, attrs, children: [], parent: current };
    current.children.push(element);
    if (!VOID.has(tag) && !selfClosing) current = element;
  }
  if (current !== root) throw new Error(`<${current.tag}> is never closed`);
  return root;
}

export function isElement(node: HtmlNode): node is HtmlElement {
  return typeof node !== 'string';
}

export function descendants(element: HtmlElement): HtmlElement[] {
  return element.children.filter(isElement).flatMap((child) => [child, ...descendants(child)]);
}

/**
 * Elements matching a selector made of simple parts (`tag`, `.class`, `tag.class`, `[attr]`,
 * `tag[attr=value]`) joined by spaces for descendants, e.g. `ul.nhsuk-list li`.
 */
export function queryAll(element: HtmlElement, selector: string): HtmlElement[] {
  const [first, ...rest] = selector.trim().split(/\s+/);
  const matches = descendants(element).filter(matcher(first));
  if (!rest.length) return matches;
  return [...new Set(matches.flatMap((match) => queryAll(match, rest.join(' '))))];
}

function matcher(part: string): (el: HtmlElement) => boolean {
  const match = /^([a-z0-9]*)((?:\.[\w-]+)*)(?:\[([\w-]+)(?:=(.*))?\])?$/.exec(part);
  if (!match) throw new Error(`Unsupported selector ${part}`);
  const [, tag, classes, attr, value] = match;
  const wanted = classes.split('.').filter(Boolean);
  return (el) =>
    (!tag || el.tag === tag) &&
    wanted.every((name) => classList(el).includes(name)) &&
    (!attr || (attr in el.attrs && (value === undefined || el.attrs[attr] === value)));
}

/** The tag names of every element under `element`, to assert that some never appear. */
export function tagsIn(element: HtmlElement): Set<string> {
  return new Set(descendants(element).map((el) => el.tag));
}

export function query(element: HtmlElement, selector: string): HtmlElement {
  const [first] = queryAll(element, selector);
  if (!first) throw new Error(`No element matches ${selector}`);
  return first;
}

export function classList(element: HtmlElement): string[] {
  return (element.attrs.class ?? '').split(/\s+/).filter(Boolean);
}

/** The text content, whitespace collapsed as a browser would show it. */
export function textOf(node: HtmlNode): string {
  const raw = (n: HtmlNode): string => (typeof n === 'string' ? n : n.children.map(raw).join(''));
  return raw(node).replace(/\s+/g, ' ').trim();
}

const INTERACTIVE = new Set(['a', 'button', 'details', 'embed', 'iframe', 'input', 'select', 'textarea', 'label', 'audio', 'video']);
const HEADING = /^h[1-6]$/;

/**
 * Structural rules every rendered block must follow, whatever its content: the ones axe would catch
 * in the browser plus the ones about inert user content. Returns the problems found.
 */
export function markupProblems(root: HtmlElement): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const el of descendants(root)) {
    const where = `<${el.tag}${el.attrs.class ? ` class="${el.attrs.class}"` : ''}>`;
    if (el.tag === 'script' || el.tag === 'style') problems.push(`${where} must not be rendered`);
    for (const [name, value] of Object.entries(el.attrs)) {
      if (/^on/i.test(name)) problems.push(`${where} has event handler ${name}`);
      if (['href', 'src', 'action', 'formaction'].includes(name) && /^\s*(javascript|data|vbscript):/i.test(value)) {
        problems.push(`${where} has unsafe ${name}="${value}"`);
      }
    }
    if (el.attrs.id) {
      if (ids.has(el.attrs.id)) problems.push(`duplicate id ${el.attrs.id}`);
      ids.add(el.attrs.id);
    }
    if ((el.tag === 'ul' || el.tag === 'ol') && el.children.some((c) => (isElement(c) ? c.tag !== 'li' : c.trim() !== ''))) {
      problems.push(`${where} holds something other than <li>`);
    }
    if (el.tag === 'li' && !['ul', 'ol', 'menu'].includes(el.parent?.tag ?? '')) problems.push(`${where} outside a list`);
    if (el.tag === 'dl' && el.children.some((c) => (isElement(c) ? !['div', 'dt', 'dd'].includes(c.tag) : c.trim() !== ''))) {
      problems.push(`${where} holds something other than <div>, <dt>, <dd>`);
    }
    if (el.tag === 'img' && !('alt' in el.attrs)) problems.push(`${where} has no alt attribute`);
    if (el.tag === 'iframe' && !el.attrs.title?.trim()) problems.push(`${where} has no title`);
    if (HEADING.test(el.tag) && !['h2', 'h3', 'h4'].includes(el.tag)) problems.push(`${where}: blocks use h2–h4 only`);
    if (HEADING.test(el.tag) && !textOf(el)) problems.push(`${where} is an empty heading`);
    if (el.tag === 'a' && 'href' in el.attrs && !textOf(el) && !el.attrs['aria-label']) problems.push(`${where} link has no text`);
    if (el.tag === 'a' && el.attrs.target === '_blank') problems.push(`${where} opens a new window`);
    if (INTERACTIVE.has(el.tag) && (el.tag !== 'a' || 'href' in el.attrs)) {
      let ancestor = el.parent;
      while (ancestor) {
        if (INTERACTIVE.has(ancestor.tag) && (ancestor.tag !== 'a' || 'href' in ancestor.attrs) && ancestor.tag !== 'details') {
          problems.push(`${where} is nested inside interactive <${ancestor.tag}>`);
        }
        ancestor = ancestor.parent;
      }
    }
  }
  return problems;
}
