export * from './workspaces.ts';
export * from './forum.ts';
export * from './pages.ts';
export * from './text.ts';
export * from './search.ts';
export * from './case-studies.ts';
export * from './files.ts';
export * from './documents.ts';
