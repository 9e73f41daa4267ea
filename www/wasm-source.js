// Where the worker gets the wasm module: the file beside the glue, fetched and compiled as it
// streams in. The single-file build (scripts/build-dist) swaps this module for one that decodes
// the bytes inlined in the page.

/** @returns {URL | Promise<ArrayBuffer>} what the glue's `init({module_or_path})` accepts */
export function wasmSource() {
  return new URL('./pkg/newsmark_bg.wasm', import.meta.url);
}
