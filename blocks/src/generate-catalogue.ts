import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BlockDefinition } from './lib/define-block.ts';

/**
 * The catalogue is found, not listed: every folder of blocks/src with a `schema.ts` is a block.
 * Its lists (the catalogue, fixtures, renderers, live loaders) are generated into
 * `*.generated.ts` files by `pnpm generate:components`, so that plain Node (the generator, the
 * CMS) can load the catalogue without a bundler's glob and TypeScript still knows every block's
 * uid and data. scripts/generate-strapi-components.test.ts fails while they are stale.
 */
const SRC = dirname(fileURLToPath(import.meta.url));

export interface FoundBlock {
  definition: BlockDefinition & { order: number };
  /** The names the folder's modules export, for the generated imports. */
  exports: { definition: string; fixtures: string; invalid: string; liveFixtures?: string; liveLoader?: string };
  /** `<PascalName>.astro` */
  renderer: string;
}

export const pascalName = (name: string) => name.replace(/(^|-)([a-z])/g, (_, _dash, letter: string) => letter.toUpperCase());

async function load(path: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
}

/** The name of the module's one export that passes `test`; throws saying what the folder lacks. */
function exportNamed(module: Record<string, unknown>, test: (name: string, value: unknown) => boolean, what: string, required: boolean): string | undefined {
  const names = Object.keys(module).filter((name) => test(name, module[name]));
  if (names.length > 1 || (required && names.length === 0)) {
    throw new Error(`${what}: expected ${required ? 'exactly one' : 'at most one'} such export, found ${names.length ? names.join(', ') : 'none'}`);
  }
  return names[0];
}

const isDefinition = (value: unknown): value is BlockDefinition =>
  typeof value === 'object' && value !== null && 'uid' in value && 'strapiComponents' in value;
const isLoader = (value: unknown) => typeof value === 'object' && value !== null && 'load' in value && 'parseExample' in value;

/** Every block folder under `srcDir`, in catalogue order (each definition's `order`). */
export async function findBlocks(srcDir = SRC): Promise<FoundBlock[]> {
  const found: FoundBlock[] = [];
  const folders = readdirSync(srcDir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && existsSync(join(srcDir, entry.name, 'schema.ts')));
  for (const { name } of folders.sort((a, b) => a.name.localeCompare(b.name))) {
    const folder = join(srcDir, name);
    const schema = await load(join(folder, 'schema.ts'));
    const definitionName = exportNamed(schema, (_n, value) => isDefinition(value), `${name}/schema.ts must export its defineBlock(...)`, true)!;
    const definition = schema[definitionName] as FoundBlock['definition'];
    if (definition.name !== name) throw new Error(`${name}/schema.ts defines "${definition.name}": a block's name is its folder's`);
    if (!Number.isFinite(definition.order)) throw new Error(`${name}/schema.ts needs an \`order\` (its place in the block picker)`);
    const renderer = pascalName(name);
    if (!existsSync(join(folder, `${renderer}.astro`))) throw new Error(`${name}/ needs its renderer ${renderer}.astro`);
    const fixtures = await load(join(folder, 'fixtures.ts'));
    const hasLive = existsSync(join(folder, 'live.ts'));
    const live = hasLive ? await load(join(folder, 'live.ts')) : {};
    found.push({
      definition,
      renderer,
      exports: {
        definition: definitionName,
        fixtures: exportNamed(fixtures, (n) => n.endsWith('Fixtures') && !n.endsWith('LiveFixtures'), `${name}/fixtures.ts must export its named fixtures (…Fixtures)`, true)!,
        invalid: exportNamed(fixtures, (n) => n.endsWith('Invalid'), `${name}/fixtures.ts must export the data its schema refuses (…Invalid)`, true)!,
        liveFixtures: exportNamed(fixtures, (n) => n.endsWith('LiveFixtures'), `${name}/fixtures.ts`, false),
        liveLoader: exportNamed(live, (_n, value) => isLoader(value), `${name}/live.ts must export its defineLiveLoader(...)`, hasLive),
      },
    });
  }
  found.sort((a, b) => a.definition.order - b.definition.order);
  for (let index = 1; index < found.length; index++) {
    const [before, block] = [found[index - 1].definition, found[index].definition];
    if (before.order === block.order) throw new Error(`${before.name} and ${block.name} share the order ${block.order}: give each its own place`);
  }
  return found;
}

const HEADER = (what: string) =>
  `// Generated from the block folders by \`pnpm generate:components\` (src/generate-catalogue.ts): do not edit.\n// ${what}\n`;

function catalogueSource(blocks: FoundBlock[]): string {
  const live = blocks.filter((block) => block.exports.liveLoader);
  return [
    HEADER('The catalogue itself, loadable by plain Node (the generator, the CMS): no renderers, no fixtures.'),
    ...blocks.map((block) => `import { ${block.exports.definition} } from './${block.definition.name}/schema.ts';`),
    ...live.map((block) => `import { ${block.exports.liveLoader} } from './${block.definition.name}/live.ts';`),
    '',
    "/** Every block's definition, in the order of the block picker and of the CMS's dynamic zones (each definition's `order`). */",
    'export const catalogue = [',
    ...blocks.map((block) => `  ${block.exports.definition},`),
    '] as const;',
    '',
    '/** The loader of each live block (live.ts), by uid. */',
    'export const liveLoaders = {',
    ...live.map((block) => `  '${block.definition.uid}': ${block.exports.liveLoader},`),
    '} as const;',
    '',
  ].join('\n');
}

function fixturesSource(blocks: FoundBlock[]): string {
  const entries = (pick: (block: FoundBlock) => string | undefined) =>
    blocks.flatMap((block) => (pick(block) ? [`  '${block.definition.uid}': ${pick(block)},`] : []));
  return [
    HEADER("Each block's fixtures, invalid examples and live examples, from its fixtures.ts."),
    "import type { BlockInput, BlockUid } from './catalogue.ts';",
    ...blocks.map((block) => {
      const { fixtures, invalid, liveFixtures } = block.exports;
      return `import { ${[fixtures, invalid, liveFixtures].filter(Boolean).join(', ')} } from './${block.definition.name}/fixtures.ts';`;
    }),
    '',
    'export const allFixtures: { [U in BlockUid]: Record<string, BlockInput<U>> } = {',
    ...entries((block) => block.exports.fixtures),
    '};',
    '',
    'export const allInvalidExamples: { [U in BlockUid]: readonly unknown[] } = {',
    ...entries((block) => block.exports.invalid),
    '};',
    '',
    'export const allLiveFixtures: Partial<Record<BlockUid, Record<string, unknown>>> = {',
    ...entries((block) => block.exports.liveFixtures),
    '};',
    '',
  ].join('\n');
}

function renderersSource(blocks: FoundBlock[]): string {
  return [
    HEADER("Each block's Astro renderer: imported only by registry.ts, so only what renders pages loads Astro components."),
    "import type { BlockUid } from './catalogue.ts';",
    "import type { Renderer } from './registry.ts';",
    ...blocks.map((block) => `import ${block.renderer} from './${block.definition.name}/${block.renderer}.astro';`),
    '',
    '/** Every uid of the catalogue has a renderer: a missing one is a type error. */',
    'export const renderers = {',
    ...blocks.map((block) => `  '${block.definition.uid}': ${block.renderer},`),
    '} satisfies Record<BlockUid, Renderer>;',
    '',
  ].join('\n');
}

/** The generated TypeScript files, as path under blocks/src → content. */
export function generatedCatalogueFiles(blocks: FoundBlock[]): Map<string, string> {
  return new Map([
    ['catalogue.generated.ts', catalogueSource(blocks)],
    ['fixtures.generated.ts', fixturesSource(blocks)],
    ['renderers.generated.ts', renderersSource(blocks)],
  ]);
}
