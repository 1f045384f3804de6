import { describe, expect, it } from 'vitest';
import { ageInWords, durationInWords, momentInWords, outboxInWords, readHealth, sizeInWords, typeLabel } from './health';

const NOW = Date.parse('2026-12-06T15:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

describe('readHealth', () => {
  it('reads the answer of GET /search/health, every type in the contract order', () => {
    const health = readHealth({
      data: {
        engine: 'postgres',
        documents: { person: 50, workspace: 12, comment: 300 },
        totalDocuments: 362,
        sizeBytes: 123456,
        outbox: { pending: 2, oldestAt: minutesAgo(3) },
        jobs: { runner: 'graphile-worker', backlog: 1 },
        lastReindex: { at: minutesAgo(90), durationMs: 1234, counts: { workspace: { added: 1, updated: 0, removed: 2, unchanged: 9 } } },
      },
    });
    expect(health).toEqual({
      engine: 'postgres',
      documents: { workspace: 12, page: 0, discussion: 0, comment: 300, file: 0, 'case-study': 0, person: 50 },
      totalDocuments: 362,
      sizeBytes: 123456,
      outbox: { pending: 2, oldestAt: minutesAgo(3) },
      jobs: { runner: 'graphile-worker', backlog: 1 },
      lastReindex: { at: minutesAgo(90), durationMs: 1234, counts: [{ type: 'workspace', counts: { added: 1, updated: 0, removed: 2, unchanged: 9 } }] },
    });
  });

  it("reads the indexer's own report shape, and a type the contract does not know yet", () => {
    const health = readHealth({
      data: {
        engine: 'sqlite',
        documents: { document: 4, page: 3 },
        lastReindex: {
          startedAt: '2026-12-06T14:00:00.000Z',
          finishedAt: '2026-12-06T14:00:02.500Z',
          types: { document: { added: 4 }, page: { added: 0, updated: 1, removed: 0, unchanged: 2 } },
        },
      },
    });
    expect(Object.keys(health!.documents)).toEqual(['workspace', 'page', 'discussion', 'comment', 'file', 'case-study', 'person', 'document']);
    expect(health!.totalDocuments).toBe(7);
    expect(health!.lastReindex).toEqual({
      at: '2026-12-06T14:00:02.500Z',
      durationMs: 2500,
      counts: [
        { type: 'page', counts: { added: 0, updated: 1, removed: 0, unchanged: 2 } },
        { type: 'document', counts: { added: 4 } },
      ],
    });
  });

  it('says "not reported" rather than failing when fields are missing', () => {
    const health = readHealth({ data: {} })!;
    expect(health.engine).toBe('unknown');
    expect(health.sizeBytes).toBeNull();
    expect(health.outbox).toEqual({ pending: 0, oldestAt: null });
    expect(health.jobs).toEqual({ runner: null, backlog: null });
    expect(health.lastReindex).toBeNull();
    expect(sizeInWords(health.sizeBytes)).toBe('not reported');
  });

  it('refuses what is not a health answer', () => {
    expect(readHealth(null)).toBeNull();
    expect(readHealth({ error: { status: 403 } })).toBeNull();
    expect(readHealth('<html>')).toBeNull();
  });
});

describe('wording', () => {
  it('gives ages in words', () => {
    expect(ageInWords(minutesAgo(0.5), NOW)).toBe('less than a minute');
    expect(ageInWords(minutesAgo(1), NOW)).toBe('1 minute');
    expect(ageInWords(minutesAgo(59), NOW)).toBe('59 minutes');
    expect(ageInWords(minutesAgo(120), NOW)).toBe('2 hours');
    expect(ageInWords(minutesAgo(60 * 24 * 3), NOW)).toBe('3 days');
    expect(ageInWords(null, NOW)).toBeNull();
    expect(ageInWords('not a date', NOW)).toBeNull();
  });

  it('says how big the outbox backlog is and how long its oldest change has waited', () => {
    expect(outboxInWords({ pending: 0, oldestAt: null }, NOW)).toBe('Empty: every change is in the index');
    expect(outboxInWords({ pending: 1, oldestAt: minutesAgo(3) }, NOW)).toBe('1 change waiting; the oldest for 3 minutes');
    expect(outboxInWords({ pending: 1200, oldestAt: null }, NOW)).toBe('1,200 changes waiting');
  });

  it('gives sizes, durations, moments and type names', () => {
    expect(sizeInWords(0)).toBe('0 bytes');
    expect(sizeInWords(1)).toBe('1 byte');
    expect(sizeInWords(123456)).toBe('123.5 kB');
    expect(sizeInWords(2_500_000_000)).toBe('2.5 GB');
    expect(durationInWords(850)).toBe('850 ms');
    expect(durationInWords(12_340)).toBe('12.3 s');
    expect(durationInWords(245_000)).toBe('4 min 5 s');
    expect(momentInWords(minutesAgo(3), NOW, 'UTC')).toBe('6 Dec 2026, 14:57:00 (3 minutes ago)');
    expect(typeLabel('case-study')).toBe('Case studies');
    expect(typeLabel('file')).toBe('Files');
    expect(typeLabel('document')).toBe('document');
  });
});
