/**
 * Writes cms/src/components/blocks/*.json and block-parts/*.json from the block schemas,
 * and lists the whole catalogue in the CMS's dynamic zones. Files of blocks that no longer
 * exist are removed. Run with `pnpm generate:components`.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DYNAMIC_ZONES, generatedComponentFiles, withCatalogueInDynamicZone } from '../src/generate-components.ts';

const cmsSrc = resolve(dirname(fileURLToPath(import.meta.url)), '../../cms/src');
const files = generatedComponentFiles();

for (const folder of ['components/blocks', 'components/block-parts']) {
  mkdirSync(join(cmsSrc, folder), { recursive: true });
  for (const name of readdirSync(join(cmsSrc, folder))) {
    if (name.endsWith('.json') && !files.has(`${folder}/${name}`)) rmSync(join(cmsSrc, folder, name));
  }
}
for (const [path, content] of files) writeFileSync(join(cmsSrc, path), content);
for (const { schema, attribute, workspace } of DYNAMIC_ZONES) {
  const path = join(cmsSrc, schema);
  writeFileSync(path, withCatalogueInDynamicZone(readFileSync(path, 'utf8'), attribute, workspace));
}
console.log(`Wrote ${files.size} component files and ${DYNAMIC_ZONES.length} dynamic zones under ${cmsSrc}`);
