// `npm start`: serves the demo on http://127.0.0.1:8080 (PORT to change) until Ctrl+C.
import { existsSync } from 'node:fs';
import path from 'node:path';

import { repoRoot } from './site.mjs';
import { startServer } from './server.mjs';

const port = Number.parseInt(process.env.PORT ?? '8080', 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer in [0, 65535], got '${process.env.PORT}'`);
  process.exit(2);
}
if (!existsSync(path.join(repoRoot, 'build', 'wasm', 'engine', 'ganvas.wasm'))) {
  console.error('The engine is not built yet: run `npm run build` (or `npm start`, which builds first).');
  process.exit(1);
}

try {
  const { url } = await startServer({ port });
  console.log(`ganvas demo: ${url}  (Ctrl+C to stop)`);
} catch (error) {
  if (error.code === 'EADDRINUSE') {
    console.error(`Port ${port} is in use; choose another with PORT=8081 npm start`);
    process.exit(1);
  }
  throw error;
}
