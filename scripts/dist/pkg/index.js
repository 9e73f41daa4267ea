// newsmark as an ES module: `import { analyze } from 'newsmark'`.
//
// The wasm module sits beside this file (newsmark_bg.wasm); bundlers that understand
// `new URL('…', import.meta.url)` (Vite, webpack 5, Parcel, Rollup with its URL plugin) copy it
// and load it on first use. Elsewhere (Node, a custom loader), call `load` first with the bytes,
// a URL, a Response or a compiled WebAssembly.Module.

import init, { analyze as analyzeLoaded } from './newsmark.js';

let loading;

/**
 * Loads the analyser; later calls share the first load. A failed load may be retried.
 * @param {import('./newsmark.js').InitInput} [source]
 */
export function load(source) {
  loading ??= init(source === undefined ? undefined : { module_or_path: source }).then(
    () => undefined,
    (error) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Analyses `text` (loading the analyser first if needed); offsets count UTF-16 code units. */
export async function analyze(text) {
  await load();
  return analyzeLoaded(text);
}

/** Analyses `text` at once; throws unless `load` has completed. */
export function analyzeSync(text) {
  return analyzeLoaded(text);
}
