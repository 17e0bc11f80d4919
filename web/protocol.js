// The worker protocol: every message between the page and the engine worker, in one table.
//
// page → worker:  { id, type, payload }             type is a key of `requests`
// worker → page:  { id, ok: true, result }          the answer to request `id`
//                 { id, ok: false, error: { code, message } }
//                 { event, data }                    unprompted news, `event` a key of `events`

export const requests = {
  // → { version, target, simd, simdEnabled, simdWidthBits, compiler, buildType, gemm, line }
  info: 'info',
  // { seed, stream, count } → Float32Array of N(0, 1) draws, the same numbers as `ganvas noise`
  noise: 'noise',
};

export const events = {
  // { info } once the engine is loaded
  ready: 'ready',
  // { code, message } when the engine could not start
  failed: 'failed',
};

export const errorCodes = {
  unknownRequest: 'unknown-request',
  engine: 'engine-error',
  startup: 'engine-startup',
};
