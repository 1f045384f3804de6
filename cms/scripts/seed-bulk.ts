/**
 * Seeds a sizeable dataset for `pnpm bench`: the demo, then N open workspaces (default 2,500),
 * each with a published home page of ten blocks and a second page. Usage:
 *   node scripts/seed-bulk.ts [--workspaces 2500]
 */
import { blockInputFromFixture } from '../seed/block-input.ts';
import { BULK_LOAD_FINISHED, revalidateSite } from '../src/bootstrap/site-revalidation.ts';
import { bootStrapi } from '../seed/boot-strapi.ts';
import { ensureDemoImage } from '../seed/demo-images.ts';
import { demoFixtureCycle, introBlock, seedDemo } from '../seed/seed-demo.ts';

const countArgument = process.argv.indexOf('--workspaces');
const workspaceCount = countArgument > 0 ? Number(process.argv[countArgument + 1]) : 2500;
export const BENCH_BLOCKS_PER_PAGE = 10;

// One revalidation at the end instead of one per write.
process.env.SITE_REVALIDATION = 'off';
const strapi = await bootStrapi();
try {
  await seedDemo(strapi);
  const image = await ensureDemoImage(strapi, 'bench-workspace', 7, '');
  const caseStudy = await strapi.documents('api::case-study.case-study').findFirst({ status: 'published', fields: ['slug'] });
  const fixtures = demoFixtureCycle();
  const refs = { imageId: image.id, caseStudyDocumentId: caseStudy?.documentId };

  const started = Date.now();
  for (let index = 0; index < workspaceCount; index++) {
    const slug = `bench-workspace-${String(index).padStart(4, '0')}`;
    if (await strapi.documents('api::workspace.workspace').findFirst({ filters: { slug }, fields: ['slug'] })) continue;
    const workspace = await strapi.documents('api::workspace.workspace').create({
      data: { title: `Benchmark workspace ${index}`, slug, summary: 'A workspace generated for the benchmark.', visibility: 'open', image: image.id } as never,
    });
    const blocks: Record<string, unknown>[] = [introBlock(`Welcome to benchmark workspace **${index}**.`)];
    for (let offset = 0; blocks.length < BENCH_BLOCKS_PER_PAGE; offset++) {
      const input = blockInputFromFixture(fixtures[(index + offset) % fixtures.length] as never, refs);
      if (input) blocks.push(input);
    }
    for (const [position, page] of [
      { slug: 'home', title: 'Home', isHome: true, blocks },
      { slug: 'about', title: 'About this workspace', isHome: false, blocks: blocks.slice(0, 3) },
    ].entries()) {
      await strapi.documents('api::page.page').create({
        data: { ...page, position, workspace: workspace.documentId } as never,
        status: 'published',
      });
    }
    if ((index + 1) % 250 === 0) console.log(`  bench seed: ${index + 1} workspaces (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  await strapi.db.connection.raw('ANALYZE');
  await revalidateSite(strapi, BULK_LOAD_FINISHED);
} finally {
  // Strapi keeps timers (cron, session store) alive: a script ends with it, explicitly.
  await strapi.destroy();
}
process.exit(0);
