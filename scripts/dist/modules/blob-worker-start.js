// The single file's stand-in for www/worker-start.js: a page opened from disk cannot load a
// worker script from a file, so the worker starts from a Blob of its inlined source (the file's
// Content-Security-Policy allows `worker-src blob:`). The source is the worker linked with the
// glue into a classic script (scripts/build-dist): from a file:// page Chromium refuses module
// workers, even from blob: URLs. The worker is sent the compiled wasm module, so its source holds
// no copy of the bytes.

import { WORKER_SOURCE } from 'newsmark:worker';

/** One URL for the page's lifetime: a restarted worker reuses it. */
let url;

/** @returns {Worker} */
export function startWorker() {
  url ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  return new Worker(url);
}
