import { z } from 'zod';
import type { Field, ObjectShape, PartDefinition, PopulateSpec, StrapiAttribute } from './fields.ts';
import { populateFor } from './fields.ts';

export interface BlockMeta<Name extends string, F extends Record<string, Field>> {
  /** kebab-case; the folder name and the second half of the uid */
  name: Name;
  displayName: string;
  /** One line for the block picker; the README holds the full guidance. */
  description: string;
  /** A Strapi design-system icon name */
  icon: string;
  /** The catalogue group the page builder lists it under. */
  group: 'Text' | 'Navigation' | 'Media' | 'Layout' | 'Live';
  /**
   * Where the block comes in the block picker and the CMS's dynamic zones: the catalogue is found
   * from the folders (catalogue.generated.ts), which have no order of their own. Lower comes first;
   * two blocks may not share a number.
   */
  order: number;
  /**
   * Shows data of the workspace the page belongs to (its discussions, files...): offered only in
   * workspace pages' dynamic zones, never in a case study's, which has no workspace.
   */
  workspaceOnly?: boolean;
  fields: F;
  /** Rules across fields, e.g. "alt text unless decorative". */
  refine?: (value: z.infer<z.ZodObject<ObjectShape<F>>>, ctx: z.RefinementCtx) => void;
}

export interface StrapiComponentFile {
  /** path relative to cms/src/components */
  path: string;
  json: Record<string, unknown>;
}

function componentJson(uid: string, displayName: string, attributes: Record<string, StrapiAttribute>, description?: string, icon?: string) {
  const [category, name] = uid.split('.');
  return {
    collectionName: `components_${category.replace(/-/g, '_')}_${name.replace(/-/g, '_')}`,
    info: { displayName, ...(description ? { description } : {}), ...(icon ? { icon } : {}) },
    options: {},
    attributes,
  };
}

export function defineBlock<const Name extends string, F extends Record<string, Field>>(meta: BlockMeta<Name, F>) {
  const uid = `blocks.${meta.name}` as `blocks.${Name}`;
  const shape = Object.fromEntries(Object.entries(meta.fields).map(([key, field]) => [key, field.schema])) as ObjectShape<F>;
  const base = z.object({ __component: z.literal(uid), id: z.number().optional(), ...shape });
  // superRefine keeps the object's type, so both the input (fixtures) and output (renderers) stay typed.
  const schema = meta.refine ? base.superRefine(meta.refine as never) : base;

  return {
    ...meta,
    uid,
    schema,
    /** The Strapi populate fragment for this block inside a dynamic zone (`on: { [uid]: ... }`). */
    populate(): PopulateSpec {
      const populate = populateFor(meta.fields, meta.name);
      return Object.keys(populate).length ? { populate } : true;
    },
    /** The generated Strapi component JSON: the block itself and the parts of its lists. */
    strapiComponents(): StrapiComponentFile[] {
      const parts: PartDefinition[] = [];
      const attributes = Object.fromEntries(
        Object.entries(meta.fields).map(([fieldName, field]) => [fieldName, field.attribute({ blockName: meta.name, fieldName, parts })]),
      );
      return [
        { path: `blocks/${meta.name}.json`, json: componentJson(uid, meta.displayName, attributes, meta.description, meta.icon) },
        ...parts.map((part) => ({
          path: `block-parts/${part.uid.split('.')[1]}.json`,
          json: componentJson(part.uid, part.displayName, part.attributes),
        })),
      ];
    },
  };
}

export type BlockDefinition = ReturnType<typeof defineBlock<string, Record<string, Field>>>;
