// The analysis worker: instantiates the wasm module once and analyses each text it is sent, so
// that the page's main thread never waits for an analysis.
//
// The page compiles the module as it downloads and sends it here (analyser.js): the worker's own
// start-up then overlaps the download, and a restarted worker reuses the compiled code.
//
// In:  {module} once, first; then {id, text} per text (texts sent earlier wait for the module).
// Out: {type: 'ready', ms} once, or {type: 'failed', message} when the module cannot start;
//      then {type: 'result', id, analysis, ms} or {type: 'error', id, message, fatal} per text.
//      `fatal` means the module trapped (a bug in the core): the page replaces this worker.

import init, { analyze, warmUp } from './pkg/newsmark.js';

let receive;
/** @type {Promise<WebAssembly.Module>} */
const received = new Promise((resolve) => (receive = resolve));
/** Texts received and not analysed yet. */
let waiting = 0;

const loaded = received.then(async (module) => {
  const started = performance.now();
  await init({ module_or_path: module });
  // The warm-up builds the tables and runs the code once, so that the browser compiles it
  // before the first text comes. A text already waiting does the same, and is what the reader
  // waits for: it goes first.
  if (waiting === 0) warmUp();
  return performance.now() - started;
});

loaded.then(
  (ms) => postMessage({ type: 'ready', ms }),
  (error) => postMessage({ type: 'failed', message: `The analyser could not start: ${error}` }),
);

addEventListener('message', async ({ data }) => {
  if (data.module) return receive(data.module);
  const { id, text } = data;
  waiting += 1;
  try {
    await loaded;
    const started = performance.now();
    const analysis = analyze(text);
    postMessage({ type: 'result', id, analysis, ms: performance.now() - started });
  } catch (error) {
    const fatal = error instanceof WebAssembly.RuntimeError;
    postMessage({ type: 'error', id, message: String(error?.message ?? error), fatal });
  } finally {
    waiting -= 1;
  }
});
