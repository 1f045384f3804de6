'use strict';

// Strapi loads this file, never the TypeScript: the plugin is compiled by its own tsconfig
// (see cms/package.json "compile"/"build"). If that step did not run, fail loudly here
// rather than let Strapi skip the plugin silently and every forum route answer 404.
let server;
try {
  server = require('./dist/server/index.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/server/index.js')) {
    throw new Error(
      'The forum plugin is not compiled: run `pnpm --filter @futurenhs/cms compile` (or `build`) first.',
    );
  }
  throw error;
}
module.exports = server.default ?? server;
