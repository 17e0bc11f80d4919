// Benchmark worker: TensorFlow.js with its WebAssembly backend (SIMD), served from node_modules.
// The UMD bundles set globalThis.tf when imported.
import { timeTfjsDcganSteps } from '../tfjs_dcgan.js';
import { timeTfjsSteps } from '../tfjs_keras_gan.js';

await import('/node_modules/@tensorflow/tfjs/dist/tf.min.js');
await import('/node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js');
const tf = globalThis.tf;
tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
await tf.setBackend('wasm');
await tf.ready();

self.onmessage = async ({ data }) => {
  try {
    const times = await (data.preset === 'tf-dcgan' ? timeTfjsDcganSteps : timeTfjsSteps)(tf, data);
    postMessage({ ok: true, times, memoryBytes: tf.backend().wasm?.HEAPU8?.length ?? null });
  } catch (error) {
    postMessage({ ok: false, message: String(error?.message ?? error) });
  }
};
postMessage({
  ready: true,
  info: { backend: tf.getBackend(), simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'), version: tf.version.tfjs },
});
