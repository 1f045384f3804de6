'use strict';

const { basename, join } = require('node:path');

/**
 * Strapi loads a plugin's strapi-server.js, never its TypeScript: our plugins are compiled
 * together, with the code they share (src/plugins/common), by src/plugins/tsconfig.json (cms
 * `compile:plugins`, run by `compile`, `build`, `develop` and `seed`) into src/plugins/dist/<name>.
 * If that step did not run, fail loudly here rather than let Strapi skip the plugin silently and
 * every one of its routes answer 404.
 */
module.exports = function loadCompiledPlugin(pluginDir, name) {
  const entry = join(__dirname, 'dist', basename(pluginDir), 'server', 'src', 'index.js');
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
