import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { blockDefinition, type BlockUid } from '../catalogue.ts';
import { registry } from '../registry.ts';
import { parseHtml, type HtmlElement } from './html.ts';

let container: AstroContainer | undefined;

/**
 * Validates `data` with the block's schema, as parseBlocks would, then renders it with the block's
 * renderer from the registry. Throws if the data is invalid: a renderer only ever sees parsed data.
 */
export async function renderBlock(uid: BlockUid, data: unknown, options: { url?: string } = {}): Promise<{ html: string; root: HtmlElement }> {
  const definition = blockDefinition(uid);
  if (!definition) throw new Error(`Unknown block ${uid}`);
  const block = definition.schema.parse(data);
  container ??= await AstroContainer.create();
  const html = await container.renderToString(registry[uid].Renderer as never, {
    props: { block },
    request: new Request(options.url ?? 'https://futurenhs.example/workspaces/virtual-wards'),
  });
  return { html, root: parseHtml(html) };
}
