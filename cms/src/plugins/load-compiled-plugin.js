'use strict';

const { join } = require('node:path');

/**
 * Strapi loads a plugin's strapi-server.js, never its TypeScript: each of our plugins is compiled
 * by its own tsconfig (cms `compile:plugins`, run by `compile`, `build`, `develop` and `seed`).
 * If that step did not run, fail loudly here rather than let Strapi skip the plugin silently and
 * every one of its routes answer 404.
 */
module.exports = function loadCompiledPlugin(pluginDir, name) {
  const entry = join(pluginDir, 'dist', 'server', 'index.js');
  let server;
  try {
    server = require(entry);
  } catch (error) {
    if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(entry)) {
      throw new Error(`The ${name} plugin is not compiled: run \`pnpm --filter @futurenhs/cms compile\` (or \`build\`) first.`);
    }
    throw error;
  }
  return server.default ?? server;
};
