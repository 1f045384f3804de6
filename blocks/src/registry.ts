import type { z } from 'zod';
import type { BlockUid, CatalogueBlock } from './catalogue.ts';
import { catalogue } from './catalogue.ts';
import InsetText from './inset-text/InsetText.astro';

// Astro components are functions; typed loosely because each takes its own block's props.
type Renderer = (...args: any[]) => unknown;

/** Every uid of the catalogue must have a renderer: a missing one is a type error. */
const renderers = {
  'blocks.inset-text': InsetText,
} satisfies Record<BlockUid, Renderer>;

export interface RegistryEntry<B extends CatalogueBlock = CatalogueBlock> {
  definition: B;
  schema: z.ZodType;
  Renderer: Renderer;
}

export const registry = Object.fromEntries(
  catalogue.map((definition) => [definition.uid, { definition, schema: definition.schema, Renderer: renderers[definition.uid] }]),
) as { [U in BlockUid]: RegistryEntry<Extract<CatalogueBlock, { uid: U }>> };
