import { fieldKind, isObject, itemFields, schemaDefault, type Field, type FormContext, type FormInput, type FormReading, type PostedForm } from './fields.ts';

/**
 * The walker of the page builder's form: lists are its own (items counted, added, nested input
 * names), every other field is its kind's (field-kinds/*: `form`). Input names are field paths
 * (`heading`, `cards.0.title`). The site draws the inputs and applies list buttons
 * (site/src/lib/page-builder/block-form.ts); nothing here knows HTML.
 */
type Fields = Record<string, Field>;
type Values = Record<string, unknown>;

/** A list's bounds: at least `min` items, at most `max`. */
export function listBounds(field: Field): { min: number; max: number } {
  return { min: field.min ?? 0, max: field.max ?? Number.MAX_SAFE_INTEGER };
}

/** A new item or block, in input form, with the schema's defaults; lists start with `min` items (at least one). */
export function newFormValue(fields: Fields): Values {
  const value: Values = {};
  for (const [name, field] of Object.entries(fields)) {
    const kind = fieldKind(field);
    if (kind.container) {
      const { min, max } = listBounds(field);
      value[name] = Array.from({ length: Math.min(Math.max(min, 1), max) }, () => newFormValue(itemFields(field)));
    } else value[name] = kind.form.initial(field);
  }
  return value;
}

/** Posting more items than this is not a manager's form: the rest are ignored. */
const MAX_POSTED_ITEMS = 200;

/** How many items of list `name` were posted: its count field, or the highest item index posted. */
function postedItemCount(posted: PostedForm, name: string, max: number): number {
  const counted = Number(posted.text(`${name}.count`));
  let count = Number.isSafeInteger(counted) && counted > 0 ? counted : 0;
  const prefix = `${name}.`;
  for (const key of posted.names()) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const index = Number(rest.split('.')[0]);
    if (Number.isSafeInteger(index) && index >= 0 && rest.includes('.')) count = Math.max(count, index + 1);
  }
  return Math.min(count, Math.max(max + 1, 1), MAX_POSTED_ITEMS);
}

/** The posted form back to input form, with the files chosen and the image addresses the form carried. */
export function readFormFields(fields: Fields, posted: PostedForm, prefix = '', reading: FormReading = { uploads: [], images: {} }): { value: Values } & FormReading {
  const value: Values = {};
  for (const [fieldName, field] of Object.entries(fields)) {
    const name = `${prefix}${fieldName}`;
    const kind = fieldKind(field);
    if (kind.container) {
      const count = postedItemCount(posted, name, listBounds(field).max);
      value[fieldName] = Array.from({ length: count }, (_, index) => readFormFields(itemFields(field), posted, `${name}.${index}.`, reading).value);
    } else value[fieldName] = kind.form.read(posted, name, field, reading);
  }
  return { value, ...reading };
}

export interface FormInputsContext extends FormContext {
  /** Errors by input name. */
  errors: Partial<Record<string, string>>;
  /** The input's label. */
  label(fieldName: string, field: Field): string;
}

/** The inputs showing a value (read or input form), with their errors. */
export function formInputs(fields: Fields, value: Values, context: FormInputsContext, prefix = ''): FormInput[] {
  return Object.entries(fields).map(([fieldName, field]): FormInput => {
    const name = `${prefix}${fieldName}`;
    const error = context.errors[name];
    const common = { name, label: context.label(fieldName, field), ...(field.description ? { hint: field.description } : {}), ...(error ? { error } : {}) };
    const raw = value[fieldName];
    const kind = fieldKind(field);
    if (kind.container) {
      const items = Array.isArray(raw) ? raw : [];
      return {
        kind: 'list',
        ...common,
        ...listBounds(field),
        itemLabel: field.item!.displayName,
        items: items.map((item, index) => formInputs(itemFields(field), isObject(item) ? item : {}, context, `${name}.${index}.`)),
      };
    }
    // An empty stored value shows what the block will render: the schema's default, if it has one.
    const current = raw === null || raw === undefined ? schemaDefault(field) : raw;
    return kind.form.input(field, common, raw, current, context);
  });
}

/** The rules a form's value breaks that the schema cannot check (kinds' `check`), by input name. */
export function formChecks(fields: Fields, value: Values, prefix = ''): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [fieldName, field] of Object.entries(fields)) {
    const name = `${prefix}${fieldName}`;
    const kind = fieldKind(field);
    const fieldValue = value[fieldName];
    if (kind.container) {
      if (Array.isArray(fieldValue)) fieldValue.forEach((item, index) => isObject(item) && Object.assign(errors, formChecks(itemFields(field), item, `${name}.${index}.`)));
    } else {
      const issue = kind.form.check?.(field, fieldValue);
      if (issue) errors[name] = issue;
    }
  }
  return errors;
}
