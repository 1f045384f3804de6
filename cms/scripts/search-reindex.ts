/**
 * `pnpm search:reindex`: compares the search index with the database, type by type, and mends the
 * difference (missing documents added, changed ones rewritten, ones that should not be there
 * removed). It never empties the index, so it is safe while the site serves. Uses the configured
 * database (DATABASE_URL or the SQLite file) and engine (MEILISEARCH_HOST or the database's own).
 */
import { existsSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { bootStrapi } from '../seed/boot-strapi.ts';

interface TypeCounts {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

interface Indexer {
  reindex(options: { onProgress(progress: { type: string; done: number; total: number }): void }): Promise<{ startedAt: string; finishedAt: string; types: Record<string, TypeCounts> }>;
}

// As `pnpm seed`: the root .env holds the quick start's settings; variables already set win.
const rootEnv = new URL('../../.env', import.meta.url);
if (existsSync(rootEnv)) process.loadEnvFile(rootEnv);
// A reindex only reads content and writes the index: no background jobs in this process.
process.env.JOBS_DISABLED = 'true';

const strapi = await bootStrapi();
let failed = false;
try {
  const plugin = strapi.plugin('search');
  if (!plugin) throw new Error('The search plugin is not enabled (cms/config/plugins.ts)');
  const indexer = plugin.service('indexer') as Indexer;
  const bars = new cliProgress.MultiBar(
    { format: '  {type} |{bar}| {value}/{total}', hideCursor: true, clearOnComplete: false, stopOnComplete: false, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  );
  const barOf = new Map<string, cliProgress.SingleBar>();
  const report = await indexer.reindex({
    onProgress({ type, done, total }) {
      const label = type.padEnd(10);
      let bar = barOf.get(type);
      if (!bar) {
        bar = bars.create(total, 0, { type: label });
        barOf.set(type, bar);
      }
      bar.setTotal(total);
      bar.update(done, { type: label });
    },
  });
  bars.stop();
  const seconds = ((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000).toFixed(1);
  console.log(`\nSearch index checked against the database in ${seconds} s:`);
  console.log(`  ${'type'.padEnd(12)}${'added'.padStart(9)}${'updated'.padStart(9)}${'removed'.padStart(9)}${'unchanged'.padStart(11)}`);
  let fixed = 0;
  for (const [type, counts] of Object.entries(report.types)) {
    fixed += counts.added + counts.updated + counts.removed;
    console.log(`  ${type.padEnd(12)}${String(counts.added).padStart(9)}${String(counts.updated).padStart(9)}${String(counts.removed).padStart(9)}${String(counts.unchanged).padStart(11)}`);
  }
  console.log(fixed ? `${fixed} document(s) fixed.` : 'Nothing needed fixing.');
} catch (error) {
  failed = true;
  console.error(`search:reindex failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  // Strapi keeps timers (cron, session store) alive: a script ends with it, explicitly.
  await strapi.destroy();
}
process.exit(failed ? 1 : 0);
