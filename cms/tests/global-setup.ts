import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cmsDir } from '../seed/boot-strapi.ts';

/** Strapi runs compiled JavaScript only: compile the CMS once before any test boots it. */
export default function compileCms() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: cmsDir, stdio: 'inherit' });
}
