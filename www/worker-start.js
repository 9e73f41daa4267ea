// Starts the analysis worker from its own file beside the page. The single-file build
// (scripts/build-dist) swaps this module for one that starts the worker from inlined source,
// since a page opened from disk cannot load a worker script from a file.

/** @returns {Worker} */
export function startWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}
