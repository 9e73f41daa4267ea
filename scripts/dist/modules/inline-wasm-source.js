// The single file's stand-in for www/wasm-source.js: the wasm is inlined (base64 of its gzip),
// since a page opened from disk cannot fetch a file.

import { WASM_GZIP_BASE64 } from 'newsmark:wasm';
import { decodeWasm } from '../../../www/embed/wasm-bytes.js';

/** @returns {Promise<WebAssembly.Module>} */
export async function compileWasm() {
  return WebAssembly.compile(await decodeWasm(WASM_GZIP_BASE64));
}
