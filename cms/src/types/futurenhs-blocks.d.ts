/**
 * What the compiled CMS uses of the blocks package. Strapi's TypeScript settings resolve modules
 * the classic Node way, which cannot read that package's `exports` (TypeScript sources, loaded by
 * Node 24 at run time), so the contract is stated here; the CMS's tests exercise the real thing.
 */
declare module '@futurenhs/blocks' {
  export interface BlockInputIssue {
    path: (string | number)[];
    message: string;
  }
  export function validateBlockInput(blocks: unknown): BlockInputIssue[];
}
