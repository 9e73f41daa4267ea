// Where the analyser's wasm comes from: the file beside the glue, compiled as it downloads. The
// single-file build (scripts/build-dist) swaps this module for one that decodes the bytes inlined
// in the page.

/**
 * Fetches and compiles the module (index.html has started the download: this fetch takes its
 * response over). Streaming compilation needs the server to label the file `application/wasm`;
 * from a static host that does not, the bytes are compiled once complete.
 * @returns {Promise<WebAssembly.Module>}
 */
export async function compileWasm() {
  const url = new URL('./pkg/newsmark_bg.wasm', import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status} ${response.statusText}`);
  if (response.headers.get('content-type')?.split(';')[0].trim() === 'application/wasm') {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}
