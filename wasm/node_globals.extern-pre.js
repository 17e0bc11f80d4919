// Runs before Emscripten's glue, at module scope of ganvas.mjs. Under Node only, the glue of
// Emscripten 3.1.6 expects CommonJS `require` and `__dirname`, which an ES module lacks. The import
// is dynamic (top-level await) so that pages and workers never resolve Node's 'module' specifier.
const ganvasIsNode = typeof process === 'object' && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string';
var require = ganvasIsNode ? (await import('module')).createRequire(import.meta.url) : undefined;
var __dirname = ganvasIsNode ? require('path').dirname(require('url').fileURLToPath(import.meta.url)) : '';
