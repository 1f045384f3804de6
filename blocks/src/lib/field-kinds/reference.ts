import { isObject, scalar, type FieldKind, type KindForm, type Reference, type ReferenceKind } from './kind.ts';

/**
 * A kind that refers to a record by its key (a file id, a documentId): the key is its input form,
 * the record its read form. `sent` takes the key from a record sent back in read form, so a
 * client may return what it was given; a key of the wrong type is refused with `issue`.
 */
export function referenceKind(options: {
  holds: ReferenceKind;
  keyOf(value: unknown): number | string | null;
  sent(value: Record<string, unknown>): unknown;
  valid(key: unknown): boolean;
  issue: string;
  shape(value: unknown): unknown;
  standIn(value: unknown): unknown;
  form: KindForm;
  toDocument?: (value: unknown) => unknown;
}): FieldKind {
  const reference = (value: unknown): Reference | null => {
    const key = options.keyOf(value);
    return key === null ? null : { kind: options.holds, ref: key };
  };
  return {
    ...scalar,
    holds: options.holds,
    toInput: options.keyOf,
    toRead(value, resolve) {
      const found = reference(value);
      return found ? (resolve(found) ?? null) : null;
    },
    shape: options.shape,
    reference,
    clean(value) {
      const key = isObject(value) ? (options.sent(value) ?? value) : value;
      if (key === null || key === undefined || key === '') return { value: null };
      return options.valid(key) ? { value: key } : { value: null, issue: options.issue };
    },
    standIn: options.standIn,
    form: options.form,
    ...(options.toDocument ? { toDocument: options.toDocument } : {}),
  };
}
