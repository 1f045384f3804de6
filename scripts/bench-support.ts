/**
 * What both parts of `pnpm bench` measure and how: one row of a latency table, and its percentiles.
 */
export interface Measurement {
  name: string;
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A finished autocannon run as a table row: its latencies' percentiles, and every kind of failure as an error. */
export function rowOf(
  name: string,
  connections: number,
  result: { requests: { total: number }; duration: number; errors: number; timeouts: number },
  latencies: number[],
  failed: number,
): Measurement {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    name,
    connections,
    requestsPerSecond: result.requests.total / result.duration,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: result.errors + result.timeouts + failed,
  };
}
