import { z } from 'zod';
import { scalar, type Common, type Field, type FieldKind, type PopulateSpec } from './kind.ts';

type Fields = Record<string, Field>;
export type ObjectShape<F extends Fields> = { [K in keyof F]: F[K]['schema'] };
type ListItemShape<F extends Fields> = z.ZodObject<{ id: z.ZodOptional<z.ZodNumber> } & ObjectShape<F>>;
export type ListItemOutput<F extends Fields> = z.output<ListItemShape<F>>;
export type ListItemInput<F extends Fields> = z.input<ListItemShape<F>>;

export function partUid(blockName: string, fieldName: string): string {
  return `block-parts.${blockName}-${fieldName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export function populateFor(fields: Fields, blockName: string): Record<string, PopulateSpec> {
  const populate: Record<string, PopulateSpec> = {};
  for (const [fieldName, field] of Object.entries(fields)) {
    if (field.populate) populate[fieldName] = field.populate({ blockName, fieldName });
  }
  return populate;
}

/** A repeatable list of items, each with its own fields (cards, links, rows...), stored as a nested Strapi component. */
export function list<F extends Fields>(
  item: { displayName: string; fields: F; refine?: (value: z.infer<z.ZodObject<ObjectShape<F>>>, ctx: z.RefinementCtx) => void },
  options: Common & { min?: number; max: number },
) {
  const min = options.min ?? (options.required ? 1 : 0);
  // Strapi returns each item with its own `id`; it is kept as a stable key for rendering.
  let itemSchema: z.ZodType = z.object({
    id: z.number().optional(),
    ...(Object.fromEntries(Object.entries(item.fields).map(([k, f]) => [k, f.schema])) as ObjectShape<F>),
  });
  if (item.refine) itemSchema = itemSchema.superRefine(item.refine as never);
  const schema = z
    .array(itemSchema as z.ZodType<ListItemOutput<F>, ListItemInput<F>>)
    .min(min, min === 1 ? 'Add at least one item' : `Add at least ${min} items`)
    .max(options.max, `Add no more than ${options.max} items`);
  return {
    kind: 'list',
    item,
    min,
    max: options.max,
    schema,
    required: min > 0,
    description: options.description,
    label: options.label,
    attribute: ({ blockName, fieldName, parts }) => {
      const uid = partUid(blockName, fieldName);
      parts.push({
        uid,
        displayName: item.displayName,
        attributes: Object.fromEntries(
          Object.entries(item.fields).map(([name, field]) => [name, field.attribute({ blockName: `${blockName}-${fieldName}`, fieldName: name, parts })]),
        ),
      });
      return { type: 'component', repeatable: true, component: uid, ...(min > 0 ? { min } : {}), max: options.max };
    },
    populate: ({ blockName, fieldName }) => {
      const nested = populateFor(item.fields, `${blockName}-${fieldName}`);
      return Object.keys(nested).length ? { populate: nested } : true;
    },
  } satisfies Field & { item: typeof item; min: number; max: number };
}

function noListValue(): never {
  throw new Error('A list has no value of its own: the walkers (walk-fields.ts, form-fields.ts) go into its items');
}

/** The walkers map a list's items; the list itself has no value of its own to convert. */
export const listKind: FieldKind = {
  ...scalar,
  container: true,
  form: { initial: noListValue, read: noListValue, input: noListValue, emptyMessage: () => 'Add at least one item' },
};
