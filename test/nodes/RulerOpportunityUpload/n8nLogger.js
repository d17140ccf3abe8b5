'use strict';
// The logger n8n-core hands a node as `this.logger`: taken through n8n-core's own dependencies,
// which may be a copy of their own rather than the top-level packages.
const { createRequire } = require('module');

const fromCore = createRequire(require.resolve('n8n-core'));
const { Container } = fromCore('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common');

module.exports = { n8nLogger: () => Container.get(Logger) };
