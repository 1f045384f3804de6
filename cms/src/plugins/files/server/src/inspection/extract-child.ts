/**
 * The process `extractTextApart` starts: extracts one file's text and sends it back. Never
 * imported; run by path (`node extract-child.js <path> <kind> <maxChars> <timeoutMs>`).
 */
import { extractText } from './extract-text';

const [path, kind, maxChars, timeoutMs] = process.argv.slice(2);

extractText(String(path), kind === 'docx' ? 'docx' : 'pdf', { maxChars: Number(maxChars), timeoutMs: Number(timeoutMs) })
  .then((text) => process.send?.({ text }, () => process.exit(0)))
  .catch(() => process.exit(1));
