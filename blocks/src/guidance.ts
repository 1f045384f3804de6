/**
 * Each block's guidance for editors, its folder's README.md, for the page builder's "Add a block"
 * page. Bundled at build time (Vite's glob), never read from disk at request time; so this module
 * is for the site and the tests, not for plain Node.
 */
const READMES = import.meta.glob<string>('./*/README.md', { query: '?raw', import: 'default', eager: true });

/** The README of the block `blocks.<name>` without its title (the block's name, which the page shows as its heading); '' if it has none. */
export function blockGuidance(uid: string): string {
  const readme = READMES[`./${uid.replace(/^blocks\./, '')}/README.md`];
  return readme ? readme.replace(/^\s*# [^\n]*\n+/, '').trim() : '';
}
