import { emptyValueOf, fieldKind, isObject, itemFields, type Field, type FieldKind, type Reference, type ReferenceKind } from './fields.ts';

/**
 * The one walker over a block's fields: lists recurse into each item, every other field is handed
 * to the caller with its kind's behaviour (field-kinds/). The CMS plugin, the site's builder,
 * the seed and the tests convert blocks through it, so no caller knows the shape of a list or
 * which kinds hold references.
 */
export type FieldPath = (string | number)[];
export type Fields = Record<string, Field>;
export type FieldValues = Record<string, unknown>;

export interface FieldEntry {
  name: string;
  field: Field;
  kind: FieldKind;
  value: unknown;
  /** Whether the value has the field's key at all (a partial update leaves some out). */
  present: boolean;
  path: FieldPath;
}

export const OMIT: unique symbol = Symbol('omit');

export interface MapOptions {
  /** Leaves a field (list or not) out of the result. */
  omit?: (entry: FieldEntry) => boolean;
  /** What a list that is not an array becomes: [] (default) or the value as it is, for validation to name. */
  invalidList?: 'empty' | 'keep';
  /** Keeps keys that are not fields (the caller's own, e.g. `__component`). */
  keepOthers?: boolean;
  path?: FieldPath;
}


/** Visits every field that is not a list, in the value's lists' items too (items that are not objects are skipped). */
export function walkFields(fields: Fields, value: FieldValues, visit: (entry: FieldEntry) => void, path: FieldPath = []): void {
  for (const [name, field] of Object.entries(fields)) {
    const kind = fieldKind(field);
    const raw = value[name];
    if (kind.container) {
      if (Array.isArray(raw)) raw.forEach((item, index) => isObject(item) && walkFields(itemFields(field), item, visit, [...path, name, index]));
    } else visit({ name, field, kind, value: raw, present: name in value, path: [...path, name] });
  }
}

/**
 * A new value with each field that is not a list replaced by what `leaf` returns (OMIT leaves it
 * out, as does undefined for a field the value did not have); lists map their object items the
 * same way and pass any other item through.
 */
export function mapFields(fields: Fields, value: FieldValues, leaf: (entry: FieldEntry) => unknown, options: MapOptions = {}): FieldValues {
  const path = options.path ?? [];
  const result: FieldValues = options.keepOthers ? { ...value } : {};
  for (const [name, field] of Object.entries(fields)) {
    const kind = fieldKind(field);
    const raw = value[name];
    const entry: FieldEntry = { name, field, kind, value: raw, present: name in value, path: [...path, name] };
    if (options.omit?.(entry)) continue;
    let mapped: unknown;
    if (kind.container) {
      if (Array.isArray(raw)) {
        mapped = raw.map((item, index) =>
          isObject(item) ? mapFields(itemFields(field), item, leaf, { ...options, path: [...path, name, index] }) : item,
        );
      } else mapped = options.invalidList === 'keep' ? raw : [];
    } else mapped = leaf(entry);
    if (mapped === OMIT || (mapped === undefined && !entry.present)) {
      if (options.keepOthers) delete result[name];
      continue;
    }
    result[name] = mapped;
  }
  return result;
}

/**
 * Read form → input form. `absent: 'null'` gives every field (missing and empty ones as null), as
 * the CMS keeps versions; `'omit'` converts only the fields the value has, as a partial update sends.
 */
export function toInputFields(fields: Fields, value: FieldValues, options: { absent: 'null' | 'omit' }): FieldValues {
  if (options.absent === 'omit') return mapFields(fields, value, ({ kind, value: raw }) => kind.toInput(raw), { omit: ({ present }) => !present });
  return mapFields(fields, value, ({ kind, value: raw }) => kind.toInput(raw) ?? null);
}

/** Input form → read form, each reference looked up by `resolve` (null when it finds nothing). */
export function toReadFields(fields: Fields, value: FieldValues, resolve: (reference: Reference) => unknown, options: { keepOthers?: boolean } = {}): FieldValues {
  return mapFields(fields, value, ({ kind, value: raw }) => kind.toRead(raw, resolve), { invalidList: 'keep', keepOthers: options.keepOthers });
}

/** A read form trimmed to what the site reads: every field present, empty ones null, media and case studies to their fields. */
export function shapeFields(fields: Fields, value: FieldValues): FieldValues {
  return mapFields(fields, value, ({ kind, value: raw }) => kind.shape(raw));
}

/** Every field present, an absent one as null: two values that differ only by absent keys compare equal. */
export function completeFields(fields: Fields, value: FieldValues): FieldValues {
  return mapFields(fields, value, ({ value: raw }) => raw ?? null);
}

/** Input form → Strapi's document service data (only the fields the value has). */
export function documentFields(fields: Fields, value: FieldValues): FieldValues {
  return mapFields(fields, value, ({ kind, value: raw }) => kind.toDocument(raw), { omit: ({ present }) => !present });
}

export interface FoundReference extends Reference {
  path: FieldPath;
  required: boolean;
}

/** Every image and case-study reference the value holds, with where it is. */
export function referencesOf(fields: Fields, value: FieldValues, path: FieldPath = []): FoundReference[] {
  const found: FoundReference[] = [];
  walkFields(
    fields,
    value,
    ({ field, kind, value: raw, path: at }) => {
      const reference = kind.reference(raw);
      if (reference) found.push({ ...reference, path: at, required: field.required });
    },
    path,
  );
  return found;
}

/** The ids of one kind of reference the value holds. */
export function referenceIds<K extends ReferenceKind>(fields: Fields, value: FieldValues, kind: K): (K extends 'image' ? number : string)[] {
  return referencesOf(fields, value)
    .filter((reference) => reference.kind === kind)
    .map((reference) => reference.ref as K extends 'image' ? number : string);
}

/** Whether any field, in list items too, holds this kind of reference: a block's form needs the choices of it. */
export function holdsReference(fields: Fields, reference: ReferenceKind): boolean {
  return Object.values(fields).some((field) => {
    const kind = fieldKind(field);
    return kind.container ? holdsReference(itemFields(field), reference) : kind.holds === reference;
  });
}

/** The words a reader sees in the value's text fields (Markdown without its marks), one field a line. */
export function plainTextOf(fields: Fields, value: FieldValues): string {
  const lines: string[] = [];
  walkFields(fields, value, ({ kind, value: raw }) => {
    const words = kind.plainText(raw);
    if (words) lines.push(words);
  });
  return lines.join('\n');
}

export { emptyValueOf };
