// The analysis worker: loads the wasm module once and analyses each text it is sent, so that
// the page's main thread never waits for an analysis.
//
// In:  {id, text}
// Out: {type: 'ready', ms} once, or {type: 'failed', message} when the module cannot load;
//      then {type: 'result', id, analysis, ms} or {type: 'error', id, message, fatal} per text.
//      `fatal` means the module trapped (a bug in the core): the page replaces this worker.

import init, { analyze, warmUp } from './pkg/newsmark.js';
import { wasmSource } from './wasm-source.js';

const loaded = (async () => {
  const started = performance.now();
  await init({ module_or_path: wasmSource() });
  warmUp();
  return performance.now() - started;
})();

loaded.then(
  (ms) => postMessage({ type: 'ready', ms }),
  (error) => postMessage({ type: 'failed', message: `The analyser could not load: ${error}` }),
);

addEventListener('message', async ({ data: { id, text } }) => {
  try {
    await loaded;
    const started = performance.now();
    const analysis = analyze(text);
    postMessage({ type: 'result', id, analysis, ms: performance.now() - started });
  } catch (error) {
    const fatal = error instanceof WebAssembly.RuntimeError;
    postMessage({ type: 'error', id, message: String(error?.message ?? error), fatal });
  }
});
