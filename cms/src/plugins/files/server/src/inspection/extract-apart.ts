import { fork } from 'node:child_process';
import { join } from 'node:path';
import { EXTRACT_LIMITS } from './extract-text';

/** The child's heap: pdf.js needs room for a large document, and no more. */
const CHILD_HEAP_MB = 512;
/** Past the extraction's own deadline, how long the child has to answer before it is killed. */
const GRACE_MS = 2_000;

/**
 * `extractText` in a process of its own, killed at the deadline. pdf.js parses on the thread that
 * calls it, and a hostile page can keep it busy for as long as it likes: in the CMS's own process
 * that would stop every request, and a timeout could only stop waiting for it. A process can be
 * killed, and its memory goes with it. Any failure gives '' (the file is just not searchable by
 * its content).
 */
export function extractTextApart(path: string, kind: 'pdf' | 'docx', options: { maxChars?: number; timeoutMs?: number } = {}): Promise<string> {
  const maxChars = options.maxChars ?? EXTRACT_LIMITS.maxChars;
  const timeoutMs = options.timeoutMs ?? EXTRACT_LIMITS.timeoutMs;
  return new Promise((resolve) => {
    let text = '';
    const child = fork(join(__dirname, 'extract-child.js'), [path, kind, String(maxChars), String(timeoutMs)], {
      execArgv: [`--max-old-space-size=${CHILD_HEAP_MB}`],
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs + GRACE_MS);
    child.on('message', (message: { text?: unknown }) => {
      if (typeof message?.text === 'string') text = message.text.slice(0, maxChars);
    });
    child.on('error', () => undefined);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
}
