// The embed's analyser, on the host page's main thread.
//
// Why no worker: a worker needs `worker-src` in the host's Content-Security-Policy (and a
// script URL or a blob: URL it allows), while an article takes milliseconds to analyse. Only
// 'wasm-unsafe-eval' is needed, to compile the module.
//
// The two imports below are written by scripts/build-dist, which links this file into
// dist/newsmark.js: 'newsmark:glue' wraps wasm-bindgen's no-modules glue in a function that makes
// a fresh copy of it, and 'newsmark:wasm' holds the module as base64 of its gzip. A trap (a bug
// in the core) leaves an instance unusable, so the next analysis instantiates a new one from the
// module compiled once.

import { newGlue } from 'newsmark:glue';
import { WASM_GZIP_BASE64 } from 'newsmark:wasm';
import { decodeWasm } from './wasm-bytes.js';

const CSP_HINT =
  "If this page sends a Content-Security-Policy, its script-src needs 'wasm-unsafe-eval'.";

/** @type {Promise<WebAssembly.Module> | undefined} */
let compiled;
/** @type {Promise<(text: string) => object> | undefined} */
let instance;

/**
 * Loads the analyser once (later calls share the load) and resolves to a function that analyses
 * a text synchronously, so that a caller can read the page and analyse it in one task.
 * @returns {Promise<(text: string) => import('../pkg/newsmark.js').Analysis>}
 */
export function loadAnalyser() {
  instance ??= instantiate().catch((error) => {
    instance = undefined;
    throw error;
  });
  return instance;
}

async function instantiate() {
  compiled ??= decodeWasm(WASM_GZIP_BASE64)
    .then((bytes) => WebAssembly.compile(bytes))
    .catch((error) => {
      compiled = undefined;
      throw new Error(`newsmark could not compile its analyser (${error.message}). ${CSP_HINT}`);
    });
  const glue = newGlue();
  await glue({ module_or_path: await compiled });
  glue.warmUp();
  return (text) => {
    if (typeof text !== 'string') throw new TypeError(`newsmark.analyze expects a string, got ${typeof text}`);
    try {
      return glue.analyze(text);
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) instance = undefined;
      throw error;
    }
  };
}
