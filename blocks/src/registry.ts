import type { z } from 'zod';
import type { BlockUid, CatalogueBlock } from './catalogue.ts';
import { catalogue } from './catalogue.ts';
import { renderers } from './renderers.generated.ts';

// Astro components are functions; typed loosely because each takes its own block's props.
export type Renderer = (...args: any[]) => unknown;

export interface RegistryEntry<B extends CatalogueBlock = CatalogueBlock> {
  definition: B;
  schema: z.ZodType;
  Renderer: Renderer;
}

/** Each block with its renderer (`src/<name>/<PascalName>.astro`, listed in renderers.generated.ts). */
export const registry = Object.fromEntries(
  catalogue.map((definition) => [definition.uid, { definition, schema: definition.schema, Renderer: renderers[definition.uid] }]),
) as unknown as { [U in BlockUid]: RegistryEntry<Extract<CatalogueBlock, { uid: U }>> };
