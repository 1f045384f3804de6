import { compileCms } from '../../scripts/stack.ts';

/**
 * Strapi runs compiled JavaScript only: compile the CMS and its local plugins once before any
 * test boots it (the same step the browser tests and the benchmark use).
 */
export default function compileBeforeTests() {
  compileCms();
}
