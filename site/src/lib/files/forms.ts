import { FILE_DESCRIPTION_MAX, FILE_NAME_MAX, FOLDER_NAME_MAX, VERSION_COMMENT_MAX } from '@futurenhs/contract';
import { z } from 'zod';
import { isPost, readForm, type FormPage, type PageContext } from '../accounts/page.ts';
import { isCmsRequestError, refusalReason } from '../cms/http.ts';
import { formValues, sentence, validate, type FieldErrors } from '../forms.ts';
import { requireParticipant } from '../viewer.ts';

/**
 * The files pages' plain forms: each posts to its own page with the CSRF field; a valid one
 * redirects (303) with a success banner, an invalid one (ours or the CMS's refusal: a name clash,
 * a folder that would be too deep) comes back with the NHS error summary and what was typed.
 * The CMS checks every permission again on the write itself.
 */
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .transform((value) => value || null);

const name = (max: number, label: string, missing: string) =>
  z
    .string()
    .trim()
    .min(1, missing)
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .refine((value) => !/[\\/]/.test(value), `${label} cannot contain / or \\`);

/** A destination folder from a select: `root` (the top level) or an id. */
const destination = z
  .string()
  .regex(/^(root|[1-9][0-9]{0,9})$/, 'Choose a folder')
  .transform((value) => (value === 'root' ? null : Number(value)));

export const folderFormSchema = z.object({
  name: name(FOLDER_NAME_MAX, 'The folder name', 'Enter a folder name'),
  description: optionalText(FILE_DESCRIPTION_MAX, 'The description'),
});
export const FOLDER_FIELDS = ['name', 'description'] as const;

export const itemFormSchema = z.object({
  name: name(FILE_NAME_MAX, 'The file name', 'Enter a file name'),
  description: optionalText(FILE_DESCRIPTION_MAX, 'The description'),
});
export const ITEM_FIELDS = ['name', 'description'] as const;

export const moveFormSchema = z.object({ destination });
export const MOVE_FIELDS = ['destination'] as const;

export const restoreFormSchema = z.object({
  version: z.string().regex(/^[1-9][0-9]{0,5}$/, 'Choose a version').transform(Number),
  comment: optionalText(VERSION_COMMENT_MAX, 'The comment'),
});

/** Where the CMS names a field differently from the form (`parentId`, `folderId` are the move's destination). */
const CMS_FIELDS: Record<string, string> = { parentId: 'destination', folderId: 'destination' };

/** The CMS's refusal on this form's fields; anything else on `fallback`, in its own words. */
export function refusalErrors(error: unknown, fields: readonly string[], fallback: string, whenBare = 'You cannot do that in this workspace'): { status: number; errors: FieldErrors } {
  if (!isCmsRequestError(error)) throw error;
  const errors: FieldErrors = {};
  for (const { field, message } of error.fieldErrors) {
    const first = field.split('.')[0];
    const name = CMS_FIELDS[first] ?? first;
    if (fields.includes(name)) errors[name] ??= sentence(message);
  }
  if (Object.keys(errors).length === 0) errors[fallback] = sentence(refusalReason(error, whenBare)) || 'That did not work. Try again';
  const status = error.status !== undefined && [403, 404, 409, 413, 429].includes(error.status) ? error.status : 400;
  return { status, errors };
}

/**
 * One form page: shows `initial` on GET; on POST, validates the fields with `schema` and runs
 * `act` (which answers the redirect), or comes back with the errors and the values typed.
 */
export async function handleForm<S extends z.ZodType, const K extends string>(
  context: PageContext,
  options: { fields: readonly K[]; schema: S; initial: Record<K, string>; act: (data: z.output<S>) => Promise<Response> },
): Promise<Response | FormPage<Record<K, string>>> {
  if (!isPost(context)) return { status: 200, values: options.initial, errors: {} };
  const viewer = requireParticipant(context);
  if (viewer instanceof Response) return viewer;
  const values = formValues(await readForm(context), options.fields);
  const checked = validate(options.schema, values);
  if (!checked.ok) return { status: 400, values, errors: checked.errors };
  try {
    return await options.act(checked.data);
  } catch (error) {
    const { status, errors } = refusalErrors(error, options.fields, options.fields[0]);
    return { status, values, errors };
  }
}
