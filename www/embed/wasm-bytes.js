// Turns wasm inlined as base64 of its gzip back into the module's bytes.
//
// Why gzip: base64 of the raw module is a third larger than the module; base64 of its gzip is
// less than half its size. The browser's own DecompressionStream inflates it: no fetch, no
// data: URL, nothing a Content-Security-Policy governs.

/**
 * @param {string} base64 base64 of the gzipped module
 * @returns {Promise<ArrayBuffer>} the module's bytes
 */
export function decodeWasm(base64) {
  const binary = atob(base64);
  const gzipped = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) gzipped[i] = binary.charCodeAt(i);
  const inflated = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(inflated).arrayBuffer();
}
