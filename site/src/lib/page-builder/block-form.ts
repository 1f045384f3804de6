import { blockDefinition, catalogue, validateBlockInput, type BlockUid } from '@futurenhs/blocks';
import { sentenceCase } from '../forms.ts';
import type { Field } from '@futurenhs/blocks/lib/fields.ts';

/**
 * The page builder's block forms (issue 5, part B), generated from the catalogue's field
 * definitions (blocks/src/lib/fields.ts) and read back into the block input form the CMS takes
 * (media as file ids, case studies as document ids). Nothing here is written per block: a new
 * block, or a new field of a block, gets its form from its definition. A new field *kind* is a
 * type error in the switches below (and an error at run time), never a silently missing input.
 *
 * Input names are field paths (`heading`, `cards.0.title`); each input's id is its name with dots
 * as dashes (`cards-0-title`), so the NHS error summary links to `#cards-0-title`.
 */

/** One input of a block's form, derived from the block's field definitions (blocks/src/lib/fields.ts). */
export type FormField =
  | { kind: 'text' | 'url' | 'multiline' | 'markdown' | 'integer'; name: string; label: string; hint?: string; required: boolean; max?: number; value: string; error?: string }
  | { kind: 'boolean'; name: string; label: string; hint?: string; checked: boolean; error?: string }
  | { kind: 'choice'; name: string; label: string; hint?: string; options: { value: string; label: string }[]; value: string; error?: string }
  | { kind: 'image'; name: string; label: string; hint?: string; required: boolean; current: { id: number; url: string } | null; error?: string }
  | { kind: 'case-study'; name: string; label: string; hint?: string; required: boolean; options: { value: string; label: string }[]; value: string; error?: string }
  | { kind: 'list'; name: string; label: string; hint?: string; min: number; max: number; items: FormField[][]; itemLabel: string; error?: string };

export interface BlockForm {
  uid: BlockUid;
  displayName: string;
  fields: FormField[];
}

export interface ListAction {
  list: string;
  action: 'add' | 'remove';
  index?: number;
}

export interface ReadBlockForm {
  /** The block in input form (`__component`, fields; media as file ids, case studies as document ids, lists as arrays). */
  value: Record<string, unknown>;
  /**
   * The list item action the manager asked for (an "Add another" or "Remove" button), already
   * applied to `value`: show the form again with it, without saving and without errors.
   */
  listAction: ListAction | null;
  /**
   * Files chosen in image inputs, by the input name of the image field *in `value`* (after a list
   * action). Upload each (POST W/images) and put its id in with `setInputValue(value, name, id)`,
   * before validating or re-showing the form: a browser cannot re-fill a file input.
   */
  uploads: { name: string; file: File }[];
  /** Addresses of the images the form showed (file id → URL), so a re-shown form can show them again. */
  images: Record<number, string>;
}

export interface BlockFormOptions {
  /** Addresses of images referred to by file id only (input form): `ReadBlockForm.images` plus fresh uploads. */
  images?: Record<number, string>;
}

/** A field definition as this module reads it: the common `Field`, plus what some kinds carry. */
export interface FieldDefinition {
  kind: Field['kind'];
  schema: Field['schema'];
  attribute: Field['attribute'];
  required: boolean;
  description?: string;
  /** An explicit label, when a field has one; otherwise the label comes from the field's name. */
  label?: string;
  values?: readonly string[];
  item?: { displayName: string; fields: Record<string, FieldDefinition> };
  min?: number;
  max?: number;
}
export type Fields = Record<string, FieldDefinition>;

/** Only image files the CMS accepts (it checks the bytes too). */
export const IMAGE_ACCEPT = 'image/jpeg,image/png,image/webp,image/gif';

// -------------------------------------------------------------------------------------------
// Names, labels

/** The id of the input with this name: dots become dashes (`cards.0.title` → `cards-0-title`). */
export function inputId(name: string): string {
  return name.replace(/\./g, '-');
}

/** A validation issue path (from validateBlockInput or the CMS's 400, without the leading ['blocks', i]) to the input name it belongs to. */
export function inputNameFor(path: (string | number)[]): string {
  return path.map(String).join('.');
}

/** Field names that read badly in sentence case. */
const LABELS: Record<string, string> = {
  href: 'Link',
  url: 'Web address',
  transcriptUrl: 'Transcript link',
  altText: 'Alt text',
  isDecorative: 'The image is decorative',
  imageIsDecorative: 'The image is decorative',
  key: 'Label',
  count: 'Number of items',
  expander: 'Show as an expander',
};

/** Choice values that read badly as labels. */
const OPTION_LABELS: Record<string, string> = {
  dont: 'Don’t',
  h2: 'Heading level 2 (h2)',
  h3: 'Heading level 3 (h3)',
  h4: 'Heading level 4 (h4)',
};

export { sentenceCase };

function fieldLabel(fieldName: string, field: FieldDefinition): string {
  return field.label ?? LABELS[fieldName] ?? sentenceCase(fieldName);
}

function optionLabel(value: string): string {
  return OPTION_LABELS[value] ?? sentenceCase(value);
}

// -------------------------------------------------------------------------------------------
// Definitions

function definitionOf(uid: BlockUid) {
  const definition = blockDefinition(uid);
  if (!definition) throw new Error(`"${uid}" is not a block of the catalogue`);
  return definition;
}

function fieldsOf(uid: BlockUid): Fields {
  return definitionOf(uid).fields as unknown as Fields;
}

function unknownKind(kind: never): never {
  throw new Error(`The page builder has no form input for fields of kind "${String(kind)}"`);
}

/** The default the field's schema gives an empty value (choices, booleans, textWithDefault, integerWithDefault). */
function schemaDefault(field: FieldDefinition): unknown {
  if (field.kind === 'list') return undefined;
  const parsed = field.schema.safeParse(undefined);
  return parsed.success && parsed.data !== null && parsed.data !== undefined ? parsed.data : undefined;
}

/** The maximum length the field's Strapi attribute carries (text, multiline, markdown, url). */
function maxLength(fieldName: string, field: FieldDefinition): number | undefined {
  if (field.kind === 'list') return undefined;
  const attribute = field.attribute({ blockName: 'page-builder', fieldName, parts: [] });
  return typeof attribute.maxLength === 'number' ? attribute.maxLength : undefined;
}

function listBounds(field: FieldDefinition): { min: number; max: number } {
  return { min: field.min ?? 0, max: field.max ?? Number.MAX_SAFE_INTEGER };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A new item or block, in input form, with the schema's defaults; lists start with `min` items (at least one). */
function newValue(fields: Fields): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    switch (field.kind) {
      case 'text':
      case 'multiline':
      case 'markdown':
      case 'url':
        // As the untouched form reads back: a required field empty, an optional one null.
        value[name] = schemaDefault(field) ?? (field.required ? '' : null);
        break;
      case 'integer':
        value[name] = schemaDefault(field) ?? null;
        break;
      case 'choice':
        value[name] = schemaDefault(field) ?? field.values?.[0] ?? null;
        break;
      case 'boolean':
        value[name] = schemaDefault(field) ?? false;
        break;
      case 'image':
      case 'case-study':
        value[name] = null;
        break;
      case 'list': {
        const { min, max } = listBounds(field);
        const count = Math.min(Math.max(min, 1), max);
        value[name] = Array.from({ length: count }, () => newValue(field.item!.fields));
        break;
      }
      default:
        unknownKind(field.kind);
    }
  }
  return value;
}

/** A new block of this type in input form, with the schema's defaults. */
export function newBlockValue(uid: BlockUid): Record<string, unknown> {
  return { __component: uid, ...newValue(fieldsOf(uid)) };
}

// -------------------------------------------------------------------------------------------
// The form

interface BuildContext {
  uid: BlockUid;
  errors: Partial<Record<string, string>>;
  caseStudies: { documentId: string; title: string }[];
  images: Record<number, string>;
}

/** Only addresses the site serves images from are shown back (a posted hidden field could hold anything). */
const SAFE_IMAGE_URL = /^(https?:\/\/[^\s<>"]+|\/(?![/\\])[^\s<>"]*)$/;

function currentImage(value: unknown, images: Record<number, string>): { id: number; url: string } | null {
  let id: number | undefined;
  let url: string | undefined;
  if (typeof value === 'number') id = value;
  else if (typeof value === 'string' && /^\d+$/.test(value)) id = Number(value);
  else if (isRecord(value)) {
    if (typeof value.id === 'number') id = value.id;
    if (typeof value.url === 'string') url = value.url;
  }
  if (id === undefined || !Number.isSafeInteger(id) || id <= 0) return null;
  // An image referred to by id only (or with an unknown address) may be one the form carried.
  if (!url) url = images[id];
  return { id, url: url && SAFE_IMAGE_URL.test(url) ? url : '' };
}

function textValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function buildFields(fields: Fields, value: Record<string, unknown>, prefix: string, context: BuildContext): FormField[] {
  return Object.entries(fields).map(([fieldName, field]): FormField => {
    const name = `${prefix}${fieldName}`;
    const label = fieldLabel(fieldName, field);
    const hint = field.description;
    const error = context.errors[name];
    const raw = value[fieldName];
    // An empty stored value shows what the block will render: the schema's default, if it has one.
    const current = raw === null || raw === undefined ? schemaDefault(field) : raw;
    const common = { name, label, ...(hint ? { hint } : {}), ...(error ? { error } : {}) };
    switch (field.kind) {
      case 'text':
      case 'url':
      case 'multiline':
      case 'markdown':
      case 'integer': {
        const max = field.kind === 'integer' ? undefined : maxLength(fieldName, field);
        return { kind: field.kind, ...common, required: field.required, ...(max ? { max } : {}), value: textValue(current) };
      }
      case 'boolean':
        return { kind: 'boolean', ...common, checked: current === true || current === 'true' };
      case 'choice': {
        const values = field.values ?? [];
        return { kind: 'choice', ...common, options: values.map((option) => ({ value: option, label: optionLabel(option) })), value: textValue(current) };
      }
      case 'image':
        return { kind: 'image', ...common, required: field.required, current: currentImage(raw, context.images) };
      case 'case-study': {
        const documentId = typeof raw === 'string' ? raw : isRecord(raw) && typeof raw.documentId === 'string' ? raw.documentId : '';
        const options = context.caseStudies.map((study) => ({ value: study.documentId, label: study.title }));
        // The chosen case study may no longer be published: keep it chosen rather than lose it silently.
        if (documentId && !options.some((option) => option.value === documentId)) {
          const title = isRecord(raw) && typeof raw.title === 'string' ? raw.title : 'The case study chosen before (not published now)';
          options.unshift({ value: documentId, label: title });
        }
        return { kind: 'case-study', ...common, required: field.required, options, value: documentId };
      }
      case 'list': {
        const item = field.item!;
        const { min, max } = listBounds(field);
        const items = Array.isArray(raw) ? raw : [];
        return {
          kind: 'list',
          ...common,
          min,
          max,
          itemLabel: item.displayName,
          items: items.map((itemValue, index) => buildFields(item.fields, isRecord(itemValue) ? itemValue : {}, `${name}.${index}.`, context)),
        };
      }
      default:
        return unknownKind(field.kind);
    }
  });
}

/**
 * The form for a block (new: `value` null, defaults from the schema; existing: its values, in the
 * CMS's form or in input form as readBlockForm gives it back), plus errors by input name.
 */
export function blockForm(
  uid: BlockUid,
  value: Record<string, unknown> | null,
  errors: Partial<Record<string, string>> = {},
  caseStudies: { documentId: string; title: string }[] = [],
  options: BlockFormOptions = {},
): BlockForm {
  const definition = definitionOf(uid);
  return { uid, displayName: definition.displayName, fields: formFieldsFor(uid, fieldsOf(uid), value, errors, caseStudies, options) };
}

/**
 * The inputs for a set of field definitions (a block's): what blockForm builds its form from.
 * Exported so a definition the catalogue does not hold (a field kind still unknown to the
 * builder) can be tried against it.
 */
export function formFieldsFor(
  uid: BlockUid,
  fields: Fields,
  value: Record<string, unknown> | null,
  errors: Partial<Record<string, string>> = {},
  caseStudies: { documentId: string; title: string }[] = [],
  options: BlockFormOptions = {},
): FormField[] {
  return buildFields(fields, value ?? newValue(fields), '', { uid, errors, caseStudies, images: options.images ?? {} });
}

/** The posted values of a set of field definitions (a block's): what readBlockForm reads first. */
export function readFormFields(fields: Fields, form: FormData): { value: Record<string, unknown>; uploads: ReadContext['uploads']; images: ReadContext['images'] } {
  const context: ReadContext = { uploads: [], images: {} };
  return { value: readFields(fields, form, '', context), ...context };
}

// -------------------------------------------------------------------------------------------
// Reading the posted form back

function postedString(form: FormData, name: string): string | null {
  const value = form.get(name);
  // Browsers send a textarea's line breaks as CRLF: not something the manager typed.
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : null;
}

/** Posting more items than this is not a manager's form: the rest are ignored. */
const MAX_POSTED_ITEMS = 200;

function postedItemCount(form: FormData, name: string, max: number): number {
  const counted = Number(postedString(form, `${name}.count`));
  let count = Number.isSafeInteger(counted) && counted > 0 ? counted : 0;
  const prefix = `${name}.`;
  for (const key of form.keys()) {
    if (!key.startsWith(prefix)) continue;
    const index = Number(key.slice(prefix.length).split('.')[0]);
    if (Number.isSafeInteger(index) && index >= 0 && key.slice(prefix.length).includes('.')) count = Math.max(count, index + 1);
  }
  return Math.min(count, Math.max(max + 1, 1), MAX_POSTED_ITEMS);
}

interface ReadContext {
  uploads: { name: string; file: File }[];
  images: Record<number, string>;
}

function readFields(fields: Fields, form: FormData, prefix: string, context: ReadContext): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [fieldName, field] of Object.entries(fields)) {
    const name = `${prefix}${fieldName}`;
    switch (field.kind) {
      case 'text':
      case 'url':
      case 'multiline':
      case 'markdown': {
        const posted = postedString(form, name) ?? '';
        // An emptied optional field is the CMS's empty value; a required one stays '' for its "Enter…" message.
        value[fieldName] = posted === '' && !field.required ? null : posted;
        break;
      }
      case 'integer': {
        const posted = (postedString(form, name) ?? '').trim();
        // Anything but a whole number is kept as typed, so the form shows it again with its error.
        value[fieldName] = posted === '' ? null : /^[+-]?\d{1,15}$/.test(posted) ? Number(posted) : posted;
        break;
      }
      case 'boolean': {
        const posted = postedString(form, name);
        value[fieldName] = posted !== null && posted !== '' && posted !== 'false';
        break;
      }
      case 'choice':
      case 'case-study': {
        const posted = postedString(form, name);
        value[fieldName] = posted === null || posted === '' ? null : posted;
        break;
      }
      case 'image': {
        const posted = (postedString(form, name) ?? '').trim();
        const id = /^\d{1,15}$/.test(posted) && Number(posted) > 0 ? Number(posted) : null;
        const url = postedString(form, `${name}.url`);
        if (id !== null && url && SAFE_IMAGE_URL.test(url)) context.images[id] = url;
        const remove = postedString(form, `${name}.remove`);
        value[fieldName] = remove !== null && remove !== '' ? null : id;
        const file = form.get(`${name}.upload`);
        // A browser sends an empty file part when nothing was chosen.
        if (file !== null && typeof file !== 'string' && file.size > 0) context.uploads.push({ name, file });
        break;
      }
      case 'list': {
        const item = field.item!;
        const count = postedItemCount(form, name, listBounds(field).max);
        value[fieldName] = Array.from({ length: count }, (_, index) => readFields(item.fields, form, `${name}.${index}.`, context));
        break;
      }
      default:
        unknownKind(field.kind);
    }
  }
  return value;
}

/** The list field a (possibly nested) list name refers to: `cards`, `sections.0.links`. */
function listField(fields: Fields, list: string): FieldDefinition | null {
  const parts = list.split('.');
  let current: Fields = fields;
  for (let i = 0; i < parts.length; i += 1) {
    const field = current[parts[i]];
    if (!field || !Object.hasOwn(current, parts[i]) || field.kind !== 'list') return null;
    if (i === parts.length - 1) return field;
    if (!/^\d+$/.test(parts[i + 1] ?? '')) return null;
    current = field.item!.fields;
    i += 1;
  }
  return null;
}

function parseListAction(fields: Fields, posted: string | null): ListAction | null {
  const match = posted ? /^(add|remove):([A-Za-z][\w.]*?)(?::(\d{1,4}))?$/.exec(posted) : null;
  if (!match) return null;
  const [, action, list, index] = match;
  if (!listField(fields, list)) return null;
  if (action === 'add' && index === undefined) return { list, action: 'add' };
  if (action === 'remove' && index !== undefined) return { list, action: 'remove', index: Number(index) };
  return null;
}

function getPath(value: unknown, path: string[]): unknown {
  let current = value;
  for (const part of path) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (isRecord(current)) current = Object.hasOwn(current, part) ? current[part] : undefined;
    else return undefined;
  }
  return current;
}

/** Sets the value at an input name (`cards.1.image`) in a block's input form, e.g. an uploaded image's id. */
export function setInputValue(value: Record<string, unknown>, name: string, newValue: unknown): void {
  const path = name.split('.');
  const parent = getPath(value, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && /^\d+$/.test(last)) parent[Number(last)] = newValue;
  else if (isRecord(parent)) parent[last] = newValue;
  else throw new Error(`No input "${name}" in this block`);
}

/**
 * Adds an item (with the schema's defaults) at the end of a list, or removes one, keeping every
 * other value. Refused quietly (no change) beyond the list's bounds. Returns the new value.
 */
export function applyListAction(uid: BlockUid, value: Record<string, unknown>, action: ListAction): Record<string, unknown> {
  const field = listField(fieldsOf(uid), action.list);
  if (!field) return value;
  const copy = structuredClone(value);
  const path = action.list.split('.');
  const items = getPath(copy, path);
  const list = Array.isArray(items) ? items : [];
  const { min, max } = listBounds(field);
  if (action.action === 'add' && list.length < max) list.push(newValue(field.item!.fields));
  if (action.action === 'remove' && action.index !== undefined && action.index < list.length && list.length > min) list.splice(action.index, 1);
  if (!Array.isArray(items)) setInputValue(copy, action.list, list);
  return copy;
}

/** After removing item `index` of `list`, an input name of a later item moves up by one; one of the removed item is gone. */
function shiftedName(name: string, action: ListAction): string | null {
  if (action.action !== 'remove' || action.index === undefined) return name;
  const prefix = `${action.list}.`;
  if (!name.startsWith(prefix)) return name;
  const [index, ...rest] = name.slice(prefix.length).split('.');
  const position = Number(index);
  if (position === action.index) return null;
  return position > action.index ? `${prefix}${[position - 1, ...rest].join('.')}` : name;
}

/**
 * The posted form back to the block's input form (see the contract, part A), which list item
 * action was asked for (already applied to `value`), the files to upload, and the addresses of
 * the images the form showed.
 */
export function readBlockForm(uid: BlockUid, form: FormData): ReadBlockForm {
  const fields = fieldsOf(uid);
  const read = readFormFields(fields, form);
  let value: Record<string, unknown> = { __component: uid, ...read.value };
  const listAction = parseListAction(fields, postedString(form, 'listAction'));
  let uploads = read.uploads;
  if (listAction) {
    const before = (getPath(value, listAction.list.split('.')) as unknown[] | undefined)?.length ?? 0;
    value = applyListAction(uid, value, listAction);
    const after = (getPath(value, listAction.list.split('.')) as unknown[] | undefined)?.length ?? 0;
    if (listAction.action === 'remove' && after < before) {
      uploads = uploads.flatMap((upload) => {
        const name = shiftedName(upload.name, listAction);
        return name ? [{ ...upload, name }] : [];
      });
    }
  }
  return { value, listAction, uploads, images: read.images };
}

// -------------------------------------------------------------------------------------------
// Validation

/** Walks an issue path down the block's fields to the deepest input it names. */
function inputPath(fields: Fields, path: (string | number)[]): { path: (string | number)[]; field: FieldDefinition | null } {
  const kept: (string | number)[] = [];
  let current: Fields | null = fields;
  let field: FieldDefinition | null = null;
  for (let i = 0; i < path.length && current; i += 1) {
    const key = String(path[i]);
    if (!Object.hasOwn(current, key)) break;
    field = current[key];
    kept.push(path[i]);
    current = null;
    if (field.kind === 'list' && i + 1 < path.length && Number.isInteger(Number(path[i + 1]))) {
      kept.push(path[i + 1]);
      current = field.item!.fields;
      field = null;
      i += 1;
    }
  }
  return { path: kept, field };
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** A message for an empty or unreadable value, in place of zod's type message ("expected object, received null"). */
function emptyMessage(field: FieldDefinition, label: string): string {
  switch (field.kind) {
    case 'image':
      return 'Choose an image';
    case 'case-study':
      return 'Choose a case study';
    case 'integer':
      return 'Enter a whole number';
    case 'choice':
      return `Choose ${label.toLowerCase()}`;
    case 'list':
      return 'Add at least one item';
    case 'text':
    case 'url':
    case 'multiline':
    case 'markdown':
      return `Enter ${label.toLowerCase()}`;
    case 'boolean':
      return `Tick or untick ${label.toLowerCase()}`;
    default:
      return unknownKind(field.kind);
  }
}

function fieldNameOf(path: (string | number)[]): string {
  for (let i = path.length - 1; i >= 0; i -= 1) if (typeof path[i] === 'string' && !/^\d+$/.test(String(path[i]))) return String(path[i]);
  return '';
}

/**
 * Validates one block's input with the catalogue's schema (validateBlockInput: every rule is the
 * schema's own); errors keyed by input name, the first per input. Two checks are the form's: a
 * number field holding something else than a number, and a required case study left unchosen
 * (validateBlockInput cannot tell an unset relation from an unchanged one).
 */
export function validateBlockForm(uid: BlockUid, value: Record<string, unknown>): Record<string, string> {
  const fields = fieldsOf(uid);
  const errors: Record<string, string> = {};
  const formChecks = (defs: Fields, current: Record<string, unknown>, prefix: string) => {
    for (const [fieldName, field] of Object.entries(defs)) {
      const fieldValue = current[fieldName];
      const name = `${prefix}${fieldName}`;
      const label = fieldLabel(fieldName, field);
      if (field.kind === 'integer' && typeof fieldValue === 'string' && fieldValue !== '') errors[name] ??= 'Enter a whole number, like 5';
      if (field.kind === 'case-study' && field.required && isEmpty(fieldValue)) errors[name] ??= emptyMessage(field, label);
      if (field.kind === 'list' && Array.isArray(fieldValue)) {
        fieldValue.forEach((item, index) => {
          if (isRecord(item)) formChecks(field.item!.fields, item, `${name}.${index}.`);
        });
      }
    }
  };
  formChecks(fields, value, '');
  for (const issue of validateBlockInput([{ ...value, __component: uid }])) {
    const { path, field } = inputPath(fields, issue.path.slice(1));
    const name = inputNameFor(path);
    if (errors[name]) continue;
    const fieldValue = getPath(value, path.map(String));
    errors[name] = field && field.kind !== 'list' && isEmpty(fieldValue) && /expected/i.test(issue.message)
      ? emptyMessage(field, fieldLabel(fieldNameOf(path), field))
      : issue.message;
  }
  return errors;
}

/** The NHS error summary's lines for a block form's errors, in the order of the form's inputs; errors on no input last. */
export function errorSummaryItems(form: BlockForm, errors: Partial<Record<string, string>>): { text: string; href: string }[] {
  const names: string[] = [];
  const walk = (fields: FormField[]) => {
    for (const field of fields) {
      names.push(field.name);
      if (field.kind === 'list') field.items.forEach(walk);
    }
  };
  walk(form.fields);
  const first = names[0] ?? '';
  const known = names.filter((name) => errors[name]).map((name) => ({ text: errors[name]!, href: `#${inputId(name)}` }));
  const others = Object.keys(errors)
    .filter((name) => errors[name] && !names.includes(name))
    .map((name) => ({ text: errors[name]!, href: first ? `#${inputId(first)}` : '#maincontent' }));
  return [...known, ...others];
}

// -------------------------------------------------------------------------------------------
// The catalogue for "Add a block"

// Bundled at build time (Vite), never read from disk at request time.
const READMES = import.meta.glob<string>('../../../../blocks/src/*/README.md', { query: '?raw', import: 'default', eager: true });

function readme(name: string): string {
  const entry = Object.entries(READMES).find(([path]) => path.endsWith(`/${name}/README.md`));
  // The page shows the block's name as its heading: the README's own title would repeat it.
  return entry ? entry[1].replace(/^\s*# [^\n]*\n+/, '').trim() : '';
}

/** The catalogue grouped for the "Add a block" page: group → blocks with displayName, description and README guidance (Markdown). */
export function blockCatalogue(options: { workspacePage: boolean }): { group: string; blocks: { uid: BlockUid; displayName: string; description: string; guidance: string }[] }[] {
  const groups = new Map<string, { uid: BlockUid; displayName: string; description: string; guidance: string }[]>();
  for (const definition of catalogue) {
    if ('workspaceOnly' in definition && definition.workspaceOnly && !options.workspacePage) continue;
    const blocks = groups.get(definition.group) ?? [];
    blocks.push({ uid: definition.uid, displayName: definition.displayName, description: definition.description, guidance: readme(definition.name) });
    groups.set(definition.group, blocks);
  }
  return [...groups].map(([group, blocks]) => ({ group, blocks }));
}
