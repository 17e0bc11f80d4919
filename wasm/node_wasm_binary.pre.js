// Runs inside the module factory. Under Node only, hand the loader the .wasm beside this script:
// otherwise it would fetch() a file path, which Node cannot do. (No import.meta here: it breaks the
// optimizing link; _scriptDir is the glue's own copy of the script URL.)
if (typeof process === 'object' && typeof process.versions === 'object' &&
    typeof process.versions.node === 'string' && !Module['wasmBinary']) {
  var ganvasWasmPath = require('url').fileURLToPath(_scriptDir).replace(/\.mjs$/, '.wasm');
  Module['wasmBinary'] = require('fs').readFileSync(ganvasWasmPath);
}
