import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { blockDefinition, renderMarkdown } from '@futurenhs/blocks';
import type { Page } from 'playwright-core';
import { WCAG_TAGS } from './browser.ts';
import { CookieJarClient, PASSWORD } from './membership-helpers.ts';

/**
 * Driving the page builder over HTTP exactly as a browser without JavaScript would: a cookie jar,
 * the CSRF field the page carries, and the page's own forms read back from its HTML (every input,
 * textarea, select, checked box) so a test submits what a browser would, plus what it changes.
 */
export class FormClient extends CookieJarClient {
  async html(path: string): Promise<string> {
    const response = await this.get(path);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status}`);
    return text;
  }

  /** Posts fields (and files) to `path`; multipart when a file is among them or `multipart` is set. */
  async post(path: string, fields: [string, string | File][], options: { multipart?: boolean } = {}): Promise<Response> {
    const multipart = options.multipart || fields.some(([, value]) => typeof value !== 'string');
    let body: FormData | URLSearchParams;
    if (multipart) {
      body = new FormData();
      for (const [name, value] of fields) body.append(name, value);
    } else body = new URLSearchParams(fields as [string, string][]);
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { ...this.cookieHeader(), origin: this.url },
      body,
      redirect: 'manual',
    });
    this.remember(response);
    return response;
  }

  /** Fills a page's form (found by `match` on its opening tag or content) and submits it, with `changes` applied. */
  async submit(path: string, match: RegExp, changes: Record<string, string | null> = {}, extra: [string, string | File][] = []): Promise<Response> {
    const html = await this.html(path);
    const form = findForm(html, match);
    if (!form) throw new Error(`No form matching ${match} on ${path}`);
    const fields = applyChanges(form.fields, changes);
    return this.post(form.action || path, [...fields, ...extra], { multipart: form.multipart });
  }

  static async signedIn(url: string, email: string, password = PASSWORD): Promise<FormClient> {
    const client = new FormClient(url);
    const html = await client.html('/sign-in');
    const token = csrfOf(html);
    const response = await client.post('/sign-in', [
      ['_csrf', token],
      ['email', email],
      ['password', password],
    ]);
    if (response.status !== 303) throw new Error(`Site sign-in of ${email}: HTTP ${response.status}`);
    return client;
  }
}

export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('No CSRF field on the page');
  return token;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') return String.fromCodePoint(entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/\s([\w:-]+)(?:="([^"]*)")?/g)) found[match[1]] = decode(match[2] ?? '');
  return found;
}

export interface ParsedForm {
  action: string;
  multipart: boolean;
  /** What a browser would submit, without any submit button. */
  fields: [string, string][];
  /** Names of every control, submitted or not (unchecked boxes, file inputs, buttons). */
  controls: Set<string>;
  html: string;
}

/** A tag's attributes up to its closing `>`, quoted values consumed whole (a `>` inside a value is text). */
const ATTRIBUTES = String.raw`(?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*\/?>`;
const tagPattern = (name: string) => new RegExp(`<${name}\\b${ATTRIBUTES}`, 'g');

export function forms(html: string): ParsedForm[] {
  return [...html.matchAll(new RegExp(`<form\\b${ATTRIBUTES}[\\s\\S]*?<\\/form>`, 'g'))].map(([formHtml]) => {
    const open = attributes(new RegExp(`^<form\\b${ATTRIBUTES}`).exec(formHtml)![0]);
    const fields: [string, string][] = [];
    const controls = new Set<string>();
    for (const [tag] of formHtml.matchAll(tagPattern('input'))) {
      const attrs = attributes(tag);
      if (!attrs.name) continue;
      controls.add(attrs.name);
      const type = (attrs.type ?? 'text').toLowerCase();
      if (type === 'file' || type === 'submit' || type === 'button') continue;
      if ((type === 'checkbox' || type === 'radio') && !('checked' in attrs)) continue;
      fields.push([attrs.name, attrs.value ?? (type === 'checkbox' ? 'on' : '')]);
    }
    for (const match of formHtml.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const attrs = attributes(` ${match[1]}`);
      if (!attrs.name) continue;
      controls.add(attrs.name);
      fields.push([attrs.name, decode(match[2]).replace(/^\n/, '')]);
    }
    for (const match of formHtml.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const attrs = attributes(` ${match[1]}`);
      if (!attrs.name) continue;
      controls.add(attrs.name);
      const options = [...match[2].matchAll(/<option\b([^>]*)>/g)].map((option) => attributes(` ${option[1]}`));
      const chosen = options.find((option) => 'selected' in option) ?? options[0];
      if (chosen) fields.push([attrs.name, chosen.value ?? '']);
    }
    for (const [tag] of formHtml.matchAll(tagPattern('button'))) {
      const attrs = attributes(tag);
      if (attrs.name) controls.add(attrs.name);
    }
    return { action: decode(open.action ?? ''), multipart: (open.enctype ?? '').includes('multipart'), fields, controls, html: formHtml };
  });
}

export function findForm(html: string, match: RegExp): ParsedForm | undefined {
  return forms(html).find((form) => match.test(form.html));
}

/** The form's fields with some values replaced, added, or (null) removed. */
export function applyChanges(fields: [string, string][], changes: Record<string, string | null>): [string, string][] {
  const kept = fields.filter(([name]) => !(name in changes));
  for (const [name, value] of Object.entries(changes)) if (value !== null) kept.push([name, value]);
  return kept;
}

/** The page's text as a reader sees it: tags out, entities decoded, whitespace collapsed. */
export function visibleText(html: string): string {
  const body = html.replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/<style\b[\s\S]*?<\/style>/g, '');
  return decode(body.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** A small real PNG (solid colour), for uploads. */
export function pngFile(name = 'photo.png', width = 64, height = 48, rgb: [number, number, number] = [0, 94, 184]): File {
  return new File([new Uint8Array(pngBytes(width, height, rgb))], name, { type: 'image/png' });
}

export function pngBytes(width = 64, height = 48, rgb: [number, number, number] = [0, 94, 184]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

// -------------------------------------------------------------------------------------------
// Blocks as form inputs

interface FieldLike {
  kind: string;
  item?: { fields: Record<string, FieldLike> };
}

function fieldsOf(uid: string): Record<string, FieldLike> {
  const definition = blockDefinition(uid);
  if (!definition) throw new Error(`No block ${uid}`);
  return definition.fields as unknown as Record<string, FieldLike>;
}

export interface FilledBlock {
  /** Input name → value, as a browser would send them (checkboxes only when ticked). */
  values: [string, string][];
  /** Text inputs to empty. */
  cleared: string[];
  /** Checkboxes to untick. */
  unticked: string[];
  /** Image inputs to upload a file to (`<name>.upload`). */
  images: string[];
  /** Case-study inputs: the test picks a real case study. */
  caseStudies: string[];
  /** Lists and how many items the value has. */
  lists: Map<string, number>;
}

/** A block value (a fixture) as the builder's form inputs (block-form.ts names: `cards.0.title`). */
export function formInputsOf(uid: string, value: Record<string, unknown>): FilledBlock {
  const filled: FilledBlock = { values: [], cleared: [], unticked: [], images: [], caseStudies: [], lists: new Map() };
  const walk = (fields: Record<string, FieldLike>, item: Record<string, unknown>, prefix: string) => {
    for (const [name, field] of Object.entries(fields)) {
      const input = `${prefix}${name}`;
      const fieldValue = item[name];
      switch (field.kind) {
        case 'boolean':
          if (fieldValue === true) filled.values.push([input, 'true']);
          else filled.unticked.push(input);
          break;
        case 'image':
          if (fieldValue) filled.images.push(input);
          break;
        case 'case-study':
          if (fieldValue) filled.caseStudies.push(input);
          break;
        case 'list': {
          const items = Array.isArray(fieldValue) ? fieldValue : [];
          filled.lists.set(input, items.length);
          items.forEach((entry, index) => walk(field.item!.fields, entry as Record<string, unknown>, `${input}.${index}.`));
          break;
        }
        case 'choice':
          if (typeof fieldValue === 'string') filled.values.push([input, fieldValue]);
          break;
        default:
          if (fieldValue === null || fieldValue === undefined) filled.cleared.push(input);
          else filled.values.push([input, String(fieldValue)]);
      }
    }
  };
  walk(fieldsOf(uid), value, '');
  return filled;
}

/**
 * Text a member's page must show for this block: its first plain-text field, else its Markdown's
 * first words as rendered. Null when the block has no text of its own (its content is live).
 */
export function expectedText(uid: string, value: Record<string, unknown>): string | null {
  const fields = fieldsOf(uid);
  const plain = (item: Record<string, unknown>, defs: Record<string, FieldLike>): string | null => {
    for (const [name, field] of Object.entries(defs)) {
      const fieldValue = item[name];
      // Alt text is an attribute, not text on the page.
      if (/alt/i.test(name)) continue;
      if ((field.kind === 'text' || field.kind === 'multiline') && typeof fieldValue === 'string' && fieldValue.trim()) return fieldValue.trim();
    }
    for (const [name, field] of Object.entries(defs)) {
      const fieldValue = item[name];
      if (field.kind === 'list' && Array.isArray(fieldValue) && fieldValue[0]) {
        const found = plain(fieldValue[0] as Record<string, unknown>, field.item!.fields);
        if (found) return found;
      }
    }
    return null;
  };
  const found = plain(value, fields);
  if (found) return found.split('\n')[0].slice(0, 40).trim();
  for (const [name, field] of Object.entries(fields)) {
    const fieldValue = value[name];
    if (field.kind === 'markdown' && typeof fieldValue === 'string' && fieldValue.trim()) return visibleText(renderMarkdown(fieldValue)).slice(0, 40).trim();
  }
  return null;
}

/** The first real option of a select (not the "Choose…" placeholder). */
export function firstOption(formHtml: string, name: string): string | null {
  const select = new RegExp(`<select\\b[^>]*name="${name.replace(/[.]/g, '\\.')}"[^>]*>([\\s\\S]*?)</select>`).exec(formHtml);
  if (!select) return null;
  for (const match of select[1].matchAll(/<option\b[^>]*value="([^"]+)"[^>]*>([^<]*)</g)) return decode(match[1]);
  return null;
}

/** The label of an option of a select, by value. */
export function optionLabel(formHtml: string, value: string): string | null {
  for (const match of formHtml.matchAll(/<option\b[^>]*value="([^"]*)"[^>]*>([^<]*)</g)) if (decode(match[1]) === value) return decode(match[2]).trim();
  return null;
}

export const builderPath = (slug: string, documentId?: string) => `/workspaces/${slug}/manage/pages${documentId ? `/${documentId}` : ''}`;

const isBlockForm = /enctype="multipart\/form-data"/;

function itemsShown(form: ParsedForm, list: string): number {
  let count = 0;
  while ([...form.controls].some((name) => name.startsWith(`${list}.${count}.`))) count += 1;
  return count;
}

export interface FilledForm {
  /** The save's answer (303 to the editor when it went through). */
  response: Response;
  /** The titles of the case studies chosen, to look for on the page. */
  caseStudyTitles: string[];
}

/**
 * Adds (or, with `path`, edits) a block through its generated form over HTTP: asks for as many
 * list items as the value has ("Add another" / "Remove", as a person would), fills every input
 * from the value, uploads a file to each image input, picks a real case study, and saves.
 */
export async function fillBlockForm(
  client: FormClient,
  path: string,
  uid: string,
  value: Record<string, unknown>,
  options: { image?: (input: string) => File; overrides?: Record<string, string | null> } = {},
): Promise<FilledForm> {
  let html = await client.html(path);
  let form = findForm(html, isBlockForm);
  if (!form) throw new Error(`No block form on ${path}`);
  const filled = formInputsOf(uid, value);
  for (const [list, wanted] of filled.lists) {
    for (let guard = 0; guard < 20; guard += 1) {
      const shown = itemsShown(form, list);
      if (shown === wanted) break;
      const action = shown < wanted ? `add:${list}` : `remove:${list}:${shown - 1}`;
      const response = await client.post(path, [...form.fields, ['listAction', action]], { multipart: true });
      html = await response.text();
      if (response.status !== 200) throw new Error(`${action} on ${path}: HTTP ${response.status}`);
      form = findForm(html, isBlockForm)!;
    }
  }
  const changes: Record<string, string | null> = {};
  for (const [name, fieldValue] of filled.values) changes[name] = fieldValue;
  for (const name of filled.cleared) changes[name] = '';
  for (const name of filled.unticked) changes[name] = null;
  const caseStudyTitles: string[] = [];
  for (const name of filled.caseStudies) {
    const chosen = firstOption(form.html, name);
    if (!chosen) throw new Error(`No case study to choose for ${name} on ${path}`);
    changes[name] = chosen;
    caseStudyTitles.push(optionLabel(form.html, chosen) ?? '');
  }
  Object.assign(changes, options.overrides ?? {});
  const files: [string, File][] = filled.images.map((name) => [`${name}.upload`, options.image?.(name) ?? pngFile(`${name.replace(/\W/g, '-')}.png`)]);
  const response = await client.post(form.action || path, [...applyChanges(form.fields, changes), ['intent', 'save'], ...files], { multipart: true });
  return { response, caseStudyTitles };
}

/** The error summary's lines on a re-shown form. */
export function errorSummaryOf(html: string): string[] {
  const summary = /<div class="nhsuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((match) => visibleText(match[1]));
}

/** Creates a page through the pages list; its document id. */
export async function createPageOverHttp(client: FormClient, slug: string, title: string, pageSlug = ''): Promise<string> {
  const response = await client.submit(builderPath(slug), /value="create"/, { title, slug: pageSlug });
  const location = response.headers.get('location') ?? '';
  if (response.status !== 303 || !location.startsWith(builderPath(slug))) throw new Error(`Creating page "${title}": HTTP ${response.status} ${errorSummaryOf(await response.text()).join('; ')}`);
  return location.split('/').pop()!.split(/[?#]/)[0];
}

/** Presses one of the editor's buttons (`intent`), with the form it belongs to. */
export async function editorAction(client: FormClient, slug: string, documentId: string, intent: string, extra: Record<string, string> = {}, formMatch?: RegExp): Promise<Response> {
  return client.submit(builderPath(slug, documentId), formMatch ?? new RegExp(`value="${intent}"`), { intent, ...extra });
}

/** GET, following the site's own redirects (home page, renamed page). */
export async function follow(client: FormClient, path: string): Promise<{ response: Response; path: string }> {
  let current = path;
  for (let hops = 0; hops < 4; hops += 1) {
    const response = await client.get(current);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { response, path: current };
    current = location.startsWith('http') ? new URL(location).pathname : location;
  }
  throw new Error(`Too many redirects from ${path}`);
}

/** The page builder's CMS routes as a manager (their CMS token), for reading back what was stored. */
export async function builderApi<T = unknown>(cmsUrl: string, jwt: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const response = await fetch(`${cmsUrl}/api/page-builder${path}`, {
    method,
    headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : null) as T };
}

/** Blocks without the ids Strapi gives components and media rows: what a manager would call "the same". */
export function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([key]) => key !== 'id').map(([key, item]) => [key, withoutIds(item)]));
}

/**
 * axe's findings on a page, as lines (rule, impact, help, markup). The builder's flows collect them
 * and fail the test at its end, so one finding does not also break every later step of a flow.
 */
export async function axeViolations(page: Page, label = page.url()): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map(
    (violation) => `${label}: ${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.map((node) => node.html).slice(0, 3).join('\n    ')}`,
  );
}
