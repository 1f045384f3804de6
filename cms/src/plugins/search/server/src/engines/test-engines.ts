/**
 * The engines `engine-contract.test.ts` runs against: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL names a server, Meilisearch when MEILISEARCH_HOST names one. Each test file
 * gets a fresh engine on its own throwaway database (or index) and drops it afterwards.
 *
 * Engines and the throwaway-database helper are imported at run time by a path the compiler does
 * not follow: this file is compiled with the plugin (src/plugins/tsconfig.json), which must keep
 * compiling while an engine file is missing or being written, and cannot reach scripts/.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import knex, { type Knex } from 'knex';
import type { SearchEngine } from './engine';

export interface TestEngine {
  engine: SearchEngine;
  /** Another engine over the same database or index, as after a restart (closed with the first). */
  reopen(): SearchEngine;
  /** Closes the engine and drops its database or index. */
  dispose(): Promise<void>;
}

export interface TestEngineFactory {
  name: 'sqlite' | 'postgres' | 'meilisearch';
  create(): Promise<TestEngine>;
}

interface ThrowawayDatabase {
  env: { DATABASE_URL?: string; DATABASE_FILENAME?: string };
  drop(): Promise<void>;
}

// A variable, so neither tsc nor a bundler resolves it ahead of the run.
const importAtRunTime = (specifier: string): Promise<Record<string, unknown>> => import(specifier);
// Absolute: the test runner resolves relative specifiers from its root (cms/), not from this folder.
const besideThis = (path: string) => pathToFileURL(resolve(__dirname, path)).href;

async function loadEngineFactory<T>(file: string, exportName: string): Promise<T> {
  let module: Record<string, unknown>;
  try {
    module = await importAtRunTime(besideThis(`${file}.ts`));
  } catch (error) {
    throw new Error(`The engine in engines/${file}.ts could not be loaded (${(error as Error).message})`);
  }
  if (typeof module[exportName] !== 'function') {
    throw new Error(`engines/${file}.ts does not export a function ${exportName}`);
  }
  return module[exportName] as T;
}

async function throwawayDatabase(prefix: string, serverUrl: string): Promise<ThrowawayDatabase> {
  const helper = (await importAtRunTime(besideThis('../../../../../../../scripts/throwaway-database.ts'))) as {
    createThrowawayDatabase(prefix: string, serverUrl?: string): Promise<ThrowawayDatabase>;
  };
  return helper.createThrowawayDatabase(prefix, serverUrl);
}

/** Closes the engine, then the connection, then drops the database, whatever fails first. */
async function disposeAll(steps: (() => Promise<unknown>)[]): Promise<void> {
  const errors: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}

/** An engine over a knex connection to a throwaway database: each one fresh, each one dropped. */
async function databaseEngine(name: 'sqlite' | 'postgres', factory: string, database: ThrowawayDatabase, connection: Knex) {
  try {
    const makeEngine = await loadEngineFactory<(knex: Knex) => SearchEngine>(name, factory);
    const engine = makeEngine(connection);
    const reopened: SearchEngine[] = [];
    const reopen = () => {
      const again = makeEngine(connection);
      reopened.push(again);
      return again;
    };
    const closeAll = () => Promise.all([engine, ...reopened].map((each) => each.close()));
    return { engine, reopen, dispose: () => disposeAll([() => engine.clear(), closeAll, () => connection.destroy(), () => database.drop()]) };
  } catch (error) {
    await disposeAll([() => connection.destroy(), () => database.drop()]);
    throw error;
  }
}

const sqlite: TestEngineFactory = {
  name: 'sqlite',
  async create() {
    // An empty server URL: a temporary SQLite file, even when TEST_DATABASE_URL is set.
    const database = await throwawayDatabase('search-contract', '');
    const connection: Knex = knex({ client: 'better-sqlite3', connection: { filename: database.env.DATABASE_FILENAME as string }, useNullAsDefault: true });
    return databaseEngine('sqlite', 'sqliteEngine', database, connection);
  },
};

const postgres = (serverUrl: string): TestEngineFactory => ({
  name: 'postgres',
  async create() {
    const database = await throwawayDatabase('search_contract', serverUrl);
    const connection: Knex = knex({ client: 'pg', connection: database.env.DATABASE_URL, pool: { min: 0, max: 4 } });
    return databaseEngine('postgres', 'postgresEngine', database, connection);
  },
});

const meilisearch = (host: string, apiKey: string | undefined): TestEngineFactory => ({
  name: 'meilisearch',
  async create() {
    // One index per run: several runs may share a server.
    const index = `search_contract_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const meilisearchEngine = await loadEngineFactory<(options: { host: string; apiKey?: string; index: string }) => SearchEngine>(
      'meilisearch',
      'meilisearchEngine',
    );
    const engine = meilisearchEngine({ host, apiKey, index });
    const dropIndex = async () => {
      const client = (await importAtRunTime('meilisearch')) as {
        Meilisearch: new (config: { host: string; apiKey?: string }) => { deleteIndex(uid: string): { waitTask(): Promise<unknown> } };
      };
      await new client.Meilisearch({ host, apiKey }).deleteIndex(index).waitTask();
    };
    const reopened: SearchEngine[] = [];
    const reopen = () => {
      const again = meilisearchEngine({ host, apiKey, index });
      reopened.push(again);
      return again;
    };
    const closeAll = () => Promise.all([engine, ...reopened].map((each) => each.close()));
    return { engine, reopen, dispose: () => disposeAll([() => engine.clear(), closeAll, dropIndex]) };
  },
});

/** The engines this environment can run, SQLite first. */
export function configuredTestEngines(env: NodeJS.ProcessEnv = process.env): TestEngineFactory[] {
  const engines = [sqlite];
  if (env.TEST_DATABASE_URL) engines.push(postgres(env.TEST_DATABASE_URL));
  if (env.MEILISEARCH_HOST) engines.push(meilisearch(env.MEILISEARCH_HOST, env.MEILISEARCH_API_KEY || undefined));
  return engines;
}
