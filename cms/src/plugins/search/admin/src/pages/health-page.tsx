import * as React from 'react';
import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import {
  REINDEX_COUNT_KEYS,
  countInWords,
  durationInWords,
  engineName,
  momentInWords,
  outboxInWords,
  readHealth,
  runnerName,
  sizeInWords,
  typeLabel,
  type SearchHealth,
} from '../health';

/**
 * The admin panel's "Search" page: what the index holds and what is waiting to reach it, from the
 * plugin's admin route `GET /search/health`.
 *
 * The design system's Table is a keyboard grid (role "grid", every cell a "gridcell"); these are
 * plain data tables, so the roles are set back to table, column and row headers and cells, which
 * screen readers announce with their headers.
 */

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; health: SearchHealth; fetchedAt: number };

function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'status' in error && (error as { status?: number }).status === 404) {
    return 'The search plugin did not answer (HTTP 404): is it enabled in config/plugins.ts?';
  }
  return error instanceof Error && error.message ? error.message : 'The index health could not be read.';
}

function useHealth() {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<State>({ status: 'loading' });
  const [refreshing, setRefreshing] = React.useState(false);
  const inFlight = React.useRef(false);

  const load = React.useCallback(async () => {
    // A second click while the first is under way changes nothing.
    if (inFlight.current) return;
    inFlight.current = true;
    setRefreshing(true);
    try {
      const { data } = await get<unknown>('/search/health');
      const health = readHealth(data);
      setState(health ? { status: 'ready', health, fetchedAt: Date.now() } : { status: 'error', message: 'The server answered something that is not an index health report.' });
    } catch (error) {
      // Leaving the page aborts the request (useFetchClient); nothing is left to update.
      if (error instanceof Error && error.name === 'AbortError') return;
      setState({ status: 'error', message: errorMessage(error) });
    } finally {
      inFlight.current = false;
      setRefreshing(false);
    }
  }, [get]);

  React.useEffect(() => {
    void load();
  }, [load]);

  return { state, refreshing, refresh: load };
}

const Section = ({ id, title, children }: { id: string; title: string; children: React.ReactNode }) => (
  <Box tag="section" aria-labelledby={id} background="neutral0" hasRadius shadow="tableShadow" padding={6}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography id={id} tag="h2" variant="delta">
        {title}
      </Typography>
      {children}
    </Flex>
  </Box>
);

/** Label and value pairs as a description list, so each value is read with its name. */
const Facts = ({ facts }: { facts: Array<[string, React.ReactNode]> }) => (
  <Flex tag="dl" direction="column" alignItems="stretch" gap={3} margin={0}>
    {facts.map(([label, value]) => (
      <Flex key={label} tag="div" gap={2} wrap="wrap" alignItems="baseline">
        <Typography tag="dt" fontWeight="bold" textColor="neutral800">
          {label}:
        </Typography>
        <Typography tag="dd" textColor="neutral800" style={{ margin: 0 }}>
          {value}
        </Typography>
      </Flex>
    ))}
  </Flex>
);

const ColumnHeader = ({ children, numeric = false }: { children: string; numeric?: boolean }) => (
  <Th role="columnheader" scope="col">
    {/* The cell lays its content out in a row (a flex box): an auto margin moves it to the right, over the numbers. */}
    <Typography variant="sigma" textColor="neutral700" style={numeric ? { marginLeft: 'auto' } : undefined}>
      {children}
    </Typography>
  </Th>
);

const RowHeader = ({ children, bold = false }: { children: string; bold?: boolean }) => (
  <Th role="rowheader" scope="row">
    <Typography textColor="neutral800" fontWeight={bold ? 'bold' : 'regular'}>
      {children}
    </Typography>
  </Th>
);

const Count = ({ value, bold = false }: { value: number | undefined; bold?: boolean }) => (
  <Td role="cell" style={{ textAlign: 'right' }}>
    <Typography textColor="neutral800" fontWeight={bold ? 'bold' : 'regular'}>
      {value === undefined ? 'not reported' : countInWords(value)}
    </Typography>
  </Td>
);

function DocumentsTable({ health }: { health: SearchHealth }) {
  const rows = Object.entries(health.documents);
  return (
    <Table role="table" aria-labelledby="search-health-documents" colCount={2} rowCount={rows.length + 2}>
      <Thead>
        <Tr>
          <ColumnHeader>Type</ColumnHeader>
          <ColumnHeader numeric>Documents</ColumnHeader>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map(([type, count]) => (
          <Tr key={type}>
            <RowHeader>{typeLabel(type)}</RowHeader>
            <Count value={count} />
          </Tr>
        ))}
        <Tr>
          <RowHeader bold>Total</RowHeader>
          <Count value={health.totalDocuments} bold />
        </Tr>
      </Tbody>
    </Table>
  );
}

function ReindexTable({ counts }: { counts: NonNullable<SearchHealth['lastReindex']>['counts'] }) {
  const labels: Record<(typeof REINDEX_COUNT_KEYS)[number], string> = { added: 'Added', updated: 'Updated', removed: 'Removed', unchanged: 'Unchanged' };
  return (
    <Table role="table" aria-labelledby="search-health-reindex-counts" colCount={REINDEX_COUNT_KEYS.length + 1} rowCount={counts.length + 1}>
      <Thead>
        <Tr>
          <ColumnHeader>Type</ColumnHeader>
          {REINDEX_COUNT_KEYS.map((key) => (
            <ColumnHeader key={key} numeric>
              {labels[key]}
            </ColumnHeader>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {counts.map(({ type, counts: row }) => (
          <Tr key={type}>
            <RowHeader>{typeLabel(type)}</RowHeader>
            {REINDEX_COUNT_KEYS.map((key) => (
              <Count key={key} value={row[key]} />
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

function LastReindex({ health, now }: { health: SearchHealth; now: number }) {
  const last = health.lastReindex;
  if (!last) {
    return <Typography textColor="neutral800">No reindex has been recorded yet.</Typography>;
  }
  const fixed = last.counts.reduce((sum, { counts }) => sum + (counts.added ?? 0) + (counts.updated ?? 0) + (counts.removed ?? 0), 0);
  return (
    <>
      <Facts
        facts={[
          ['Finished', momentInWords(last.at, now)],
          ['Took', durationInWords(last.durationMs)],
          ['Fixed', fixed === 0 ? 'nothing: the index matched the database' : `${countInWords(fixed)} ${fixed === 1 ? 'document' : 'documents'} added, updated or removed`],
        ]}
      />
      {last.counts.length > 0 && (
        <>
          <Typography id="search-health-reindex-counts" tag="h3" variant="omega" fontWeight="bold">
            What it found, per type
          </Typography>
          <ReindexTable counts={last.counts} />
        </>
      )}
    </>
  );
}

function HealthReport({ health, fetchedAt }: { health: SearchHealth; fetchedAt: number }) {
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Section id="search-health-summary" title="Index">
        <Facts
          facts={[
            ['Engine', engineName(health.engine)],
            ['Documents', countInWords(health.totalDocuments)],
            ['Index size', sizeInWords(health.sizeBytes)],
            ['Outbox backlog', outboxInWords(health.outbox, fetchedAt)],
            ['Job runner', runnerName(health.jobs.runner)],
            ['Job backlog', health.jobs.backlog === null ? 'not reported' : `${countInWords(health.jobs.backlog)} ${health.jobs.backlog === 1 ? 'job' : 'jobs'} waiting`],
          ]}
        />
      </Section>
      <Section id="search-health-documents" title="Documents per type">
        <DocumentsTable health={health} />
      </Section>
      <Section id="search-health-reindex" title="Last reindex">
        <LastReindex health={health} now={fetchedAt} />
      </Section>
      <Box tag="section" aria-labelledby="search-health-rebuild" padding={0}>
        <Typography id="search-health-rebuild" tag="h2" variant="delta">
          Rebuilding the index
        </Typography>
        <Box paddingTop={2}>
          <Typography tag="p" textColor="neutral800">
            <code>pnpm search:reindex</code> compares the index with the database and mends every difference, with a progress bar and a report of what it
            fixed. It never empties the index, so it is safe to run while the site serves.
          </Typography>
        </Box>
      </Box>
    </Flex>
  );
}

const HealthPage = () => {
  const { state, refreshing, refresh } = useHealth();
  const updated = refreshing
    ? 'Refreshing…'
    : state.status === 'ready'
      ? `Updated at ${new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium' }).format(state.fetchedAt)}`
      : '';

  return (
    <Page.Main aria-busy={refreshing}>
      <Page.Title>Search</Page.Title>
      <Layouts.Header
        title="Search"
        subtitle="What the search index holds, and what is waiting to reach it."
        primaryAction={
          // Not the button's own loading state: its greyed label fails contrast; the status line says it instead.
          <Button onClick={() => void refresh()} startIcon={<ArrowClockwise />}>
            Refresh
          </Button>
        }
      />
      <Layouts.Content>
        {/* Announced after each refresh, so a screen reader hears that the figures changed. */}
        <Box paddingBottom={4}>
          <Typography role="status" textColor="neutral600" variant="pi">
            {updated}
          </Typography>
        </Box>
        {state.status === 'loading' && <Page.Loading>Reading the index health.</Page.Loading>}
        {state.status === 'error' && (
          <Box background="danger100" hasRadius padding={4} role="alert">
            <Typography textColor="danger700">Error: {state.message}</Typography>
          </Box>
        )}
        {state.status === 'ready' && <HealthReport health={state.health} fetchedAt={state.fetchedAt} />}
      </Layouts.Content>
    </Page.Main>
  );
};

export default HealthPage;
export { HealthPage };
