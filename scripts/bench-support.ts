import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * What the parts of `pnpm bench` share: one row of a latency table and its percentiles, tables,
 * and a process's memory and CPU time as /proc gives them.
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

/** A table with a header row, columns padded to their widest cell (as the benches print them). */
export function printTable(header: string[], lines: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const line of lines) console.log(format(line));
}

/** A process and its descendants, from /proc (none once it has ended). */
function processTree(pid: number): number[] {
  const pids = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) pids.push(...processTree(Number(child)));
    }
  } catch {
    // The process ended meanwhile.
  }
  return pids;
}

/** Resident memory (kB) of a process and its descendants, from /proc/<pid>/status. */
export function residentKb(pid: number): number {
  let total = 0;
  for (const one of processTree(pid)) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${one}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // Ended meanwhile.
    }
  }
  return total;
}

/** Clock ticks a second, the unit of /proc's CPU times. */
const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process and its descendants have used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const one of processTree(pid)) {
    try {
      // The command name, in parentheses, may hold spaces: the fields are counted after its end.
      const stat = readFileSync(`/proc/${one}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields 14 and 15 of the line (utime, stime): 12th and 13th after the name.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Ended meanwhile.
    }
  }
  return ticks / clockTicks;
}

/** The whole machine's CPU time so far (seconds, all cores): busy and total, from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const numbers = values.map(Number);
  const total = numbers.reduce((sum, value) => sum + value, 0);
  // idle and iowait are the 4th and 5th values.
  const idle = (numbers[3] ?? 0) + (numbers[4] ?? 0);
  return { busy: (total - idle) / clockTicks, total: total / clockTicks };
}
