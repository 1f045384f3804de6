/**
 * Finds the blocks (every folder of blocks/src with a schema.ts) and writes what follows from them:
 * the catalogue's generated lists (src/*.generated.ts), cms/src/components/blocks/*.json and
 * block-parts/*.json, and the whole catalogue in the CMS's dynamic zones. Files of blocks that no
 * longer exist are removed. Run with `pnpm generate:components`.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBlocks, generatedCatalogueFiles } from '../src/generate-catalogue.ts';
import { DYNAMIC_ZONES, generatedComponentFiles, withCatalogueInDynamicZone } from '../src/generate-components.ts';

const blocksSrc = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const cmsSrc = resolve(blocksSrc, '../../cms/src');
const found = await findBlocks(blocksSrc);
const blocks = found.map((block) => block.definition);

for (const [path, content] of generatedCatalogueFiles(found)) writeFileSync(join(blocksSrc, path), content);

const files = generatedComponentFiles(blocks);
for (const folder of ['components/blocks', 'components/block-parts']) {
  mkdirSync(join(cmsSrc, folder), { recursive: true });
  for (const name of readdirSync(join(cmsSrc, folder))) {
    if (name.endsWith('.json') && !files.has(`${folder}/${name}`)) rmSync(join(cmsSrc, folder, name));
  }
}
for (const [path, content] of files) writeFileSync(join(cmsSrc, path), content);
for (const { schema, attribute, workspace } of DYNAMIC_ZONES) {
  const path = join(cmsSrc, schema);
  writeFileSync(path, withCatalogueInDynamicZone(readFileSync(path, 'utf8'), attribute, workspace, blocks));
}
console.log(`Found ${found.length} blocks; wrote the catalogue's generated files, ${files.size} component files and ${DYNAMIC_ZONES.length} dynamic zones`);
