'use strict';

// Compiled by its own tsconfig; see ../load-compiled-plugin.js.
module.exports = require('../load-compiled-plugin.js')(__dirname, 'documents');
