import {
  blockDefinition,
  catalogue,
  fieldKind,
  formChecks,
  formInputs,
  listBounds,
  newFormValue,
  readFormFields as readPostedFields,
  validateBlockInput,
  type BlockUid,
  type Field,
  type FormInput,
  type PostedForm,
} from '@futurenhs/blocks';
import { blockGuidance } from '@futurenhs/blocks/guidance.ts';
import { sentenceCase } from '../forms.ts';
import { setAtPath } from './blocks.ts';

/**
 * The page builder's block forms (issue 5, part B), generated from the catalogue's field
 * definitions and read back into the block input form the CMS takes (media as file ids, case
 * studies as document ids). Nothing here is written per block or per field kind: each kind's
 * input state, posted value and messages are its own (blocks/src/lib/field-kinds/), walked by
 * blocks/src/lib/form-fields.ts. This module adds what is the builder's: labels, list buttons,
 * error messages keyed by input, and the catalogue for "Add a block".
 *
 * Input names are field paths (`heading`, `cards.0.title`); each input's id is its name with dots
 * as dashes (`cards-0-title`), so the NHS error summary links to `#cards-0-title`.
 */

/** One input of a block's form, as a field kind gives it (blocks/src/lib/field-kinds/kind.ts). */
export type FormField = FormInput;

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
   * action). Upload each (POST W/images) and put its id in with `setAtPath(value, name, id)` (blocks.ts),
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

export type Fields = Record<string, Field>;

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

function fieldLabel(fieldName: string, field: Field): string {
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A new block of this type in input form, with the schema's defaults. */
export function newBlockValue(uid: BlockUid): Record<string, unknown> {
  return { __component: uid, ...newFormValue(fieldsOf(uid)) };
}

// -------------------------------------------------------------------------------------------
// The form

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
  return { uid, displayName: definition.displayName, fields: formFieldsFor(fieldsOf(uid), value, errors, caseStudies, options) };
}

/**
 * The inputs for a set of field definitions (a block's): what blockForm builds its form from.
 * Exported so a definition the catalogue does not hold can be tried against it.
 */
export function formFieldsFor(
  fields: Fields,
  value: Record<string, unknown> | null,
  errors: Partial<Record<string, string>> = {},
  caseStudies: { documentId: string; title: string }[] = [],
  options: BlockFormOptions = {},
): FormField[] {
  return formInputs(fields, value ?? newFormValue(fields), { errors, caseStudies, images: options.images ?? {}, label: fieldLabel, optionLabel });
}

// -------------------------------------------------------------------------------------------
// Reading the posted form back

function postedString(form: FormData, name: string): string | null {
  const value = form.get(name);
  // Browsers send a textarea's line breaks as CRLF: not something the manager typed.
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : null;
}

/** FormData as the field kinds read a posted form. */
function postedForm(form: FormData): PostedForm {
  return {
    text: (name) => postedString(form, name),
    file(name) {
      const file = form.get(name);
      return file !== null && typeof file !== 'string' ? file : null;
    },
    names: () => form.keys(),
  };
}

/** The posted values of a set of field definitions (a block's): what readBlockForm reads first. */
export function readFormFields(fields: Fields, form: FormData): { value: Record<string, unknown>; uploads: { name: string; file: File }[]; images: Record<number, string> } {
  const { value, uploads, images } = readPostedFields(fields, postedForm(form));
  // postedForm hands the kinds FormData's own File objects.
  return { value, uploads: uploads as { name: string; file: File }[], images };
}

/** The list field a (possibly nested) list name refers to: `cards`, `sections.0.links`. */
function listField(fields: Fields, list: string): Field | null {
  const parts = list.split('.');
  let current: Fields = fields;
  for (let i = 0; i < parts.length; i += 1) {
    const field = current[parts[i]];
    if (!field || !Object.hasOwn(current, parts[i]) || !fieldKind(field).container) return null;
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
  if (action.action === 'add' && list.length < max) list.push(newFormValue(field.item!.fields));
  if (action.action === 'remove' && action.index !== undefined && action.index < list.length && list.length > min) list.splice(action.index, 1);
  if (!Array.isArray(items)) setAtPath(copy, action.list, list);
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
function inputPath(fields: Fields, path: (string | number)[]): { path: (string | number)[]; field: Field | null } {
  const kept: (string | number)[] = [];
  let current: Fields | null = fields;
  let field: Field | null = null;
  for (let i = 0; i < path.length && current; i += 1) {
    const key = String(path[i]);
    if (!Object.hasOwn(current, key)) break;
    field = current[key];
    kept.push(path[i]);
    current = null;
    if (fieldKind(field).container && i + 1 < path.length && Number.isInteger(Number(path[i + 1]))) {
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

function fieldNameOf(path: (string | number)[]): string {
  for (let i = path.length - 1; i >= 0; i -= 1) if (typeof path[i] === 'string' && !/^\d+$/.test(String(path[i]))) return String(path[i]);
  return '';
}

/**
 * Validates one block's input with the catalogue's schema (validateBlockInput: every rule is the
 * schema's own); errors keyed by input name, the first per input. The field kinds' form checks
 * come first: what the schema cannot see in a form's value (a number field holding text; a
 * required case study left unchosen, which validateBlockInput cannot tell from an unchanged one).
 */
export function validateBlockForm(uid: BlockUid, value: Record<string, unknown>): Record<string, string> {
  const fields = fieldsOf(uid);
  const errors: Record<string, string> = formChecks(fields, value);
  for (const issue of validateBlockInput([{ ...value, __component: uid }])) {
    const { path, field } = inputPath(fields, issue.path.slice(1));
    const name = inputNameFor(path);
    if (errors[name]) continue;
    const fieldValue = getPath(value, path.map(String));
    // In place of zod's type message ("expected object, received null"), the kind's own.
    const kind = field && fieldKind(field);
    errors[name] = kind && !kind.container && isEmpty(fieldValue) && /expected/i.test(issue.message)
      ? kind.form.emptyMessage(fieldLabel(fieldNameOf(path), field!))
      : issue.message;
  }
  return errors;
}

/** The names of a form's inputs, in page order. */
function inputNames(fields: FormField[]): string[] {
  return fields.flatMap((field) => [field.name, ...(field.kind === 'list' ? field.items.flatMap(inputNames) : [])]);
}

/**
 * The NHS error summary's lines for a block form's errors: first those on no input (the CMS's
 * about the whole block), linking to `formErrorHref`, then the inputs' in the form's order.
 */
export function errorSummaryItems(form: BlockForm, errors: Partial<Record<string, string>>, formErrorHref: string): { text: string; href: string }[] {
  const names = inputNames(form.fields);
  const known = names.filter((name) => errors[name]).map((name) => ({ text: errors[name]!, href: `#${inputId(name)}` }));
  const others = Object.keys(errors)
    .filter((name) => errors[name] && !names.includes(name))
    .map((name) => ({ text: errors[name]!, href: formErrorHref }));
  return [...others, ...known];
}

// -------------------------------------------------------------------------------------------
// The catalogue for "Add a block"

/** The catalogue grouped for the "Add a block" page: group → blocks with displayName, description and README guidance (Markdown). */
export function blockCatalogue(options: { workspacePage: boolean }): { group: string; blocks: { uid: BlockUid; displayName: string; description: string; guidance: string }[] }[] {
  const groups = new Map<string, { uid: BlockUid; displayName: string; description: string; guidance: string }[]>();
  for (const definition of catalogue) {
    if ('workspaceOnly' in definition && definition.workspaceOnly && !options.workspacePage) continue;
    const blocks = groups.get(definition.group) ?? [];
    blocks.push({ uid: definition.uid, displayName: definition.displayName, description: definition.description, guidance: blockGuidance(definition.uid) });
    groups.set(definition.group, blocks);
  }
  return [...groups].map(([group, blocks]) => ({ group, blocks }));
}
