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

/**
 * Analysed once the worker is idle after loading, so that the browser compiles the analysis code
 * (V8 compiles a wasm function on its first call, then optimises the hot ones in the background)
 * before the first text, not while the reader waits for it. A bit of everything the core looks
 * for: names with titles, places, organisations, a demonym, quotations attributed by name and by
 * pronoun, a CVE id, threat actors, malware, a technique and defanged indicators.
 */
const WARM_UP_TEXT = `KYIV, Ukraine — “We will not be intimidated,” Deputy Prime Minister Olena Kovalenko told \
reporters on Tuesday, after Russian hackers of the GRU unit known as Sandworm (APT44) used CVE-2023-3519 \
and spear-phishing e-mails to deploy the Industroyer2 malware against Ukrenergo.

"Every grid in Europe is a target," she said. Microsoft and the U.S. Cybersecurity and Infrastructure \
Security Agency traced the attack to 203.0.113[.]47 and update-grid[.]com.`;

let receive;
/** @type {Promise<WebAssembly.Module>} */
const received = new Promise((resolve) => (receive = resolve));
/** Whether a text has come; the warm-up is for before the first. */
let textCame = false;

const loaded = received.then(async (module) => {
  const started = performance.now();
  await init({ module_or_path: module });
  warmUp();
  return performance.now() - started;
});

loaded.then(
  (ms) => {
    postMessage({ type: 'ready', ms });
    // A task of its own, after any text that came meanwhile.
    setTimeout(() => {
      if (!textCame) analyze(WARM_UP_TEXT);
    });
  },
  (error) => postMessage({ type: 'failed', message: `The analyser could not start: ${error}` }),
);

addEventListener('message', async ({ data }) => {
  if (data.module) return receive(data.module);
  const { id, text } = data;
  textCame = true;
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
