// The page's side of the analysis worker: one request at a time, a time limit per request, and
// a fresh worker whenever the old one crashed, trapped or ran too long.
//
// The page loads this module before its other modules (index.html), and the module starts the
// wasm compile (on the download index.html has already started) and the first worker as soon as
// it runs: both then overlap the loading of the rest of the page, and the first highlight waits
// for them, not for the page.

import { compileWasm } from './wasm-source.js';
import { startWorker } from './worker-start.js';

/** Compiled once, as it downloads; every worker instantiates it. */
const wasm = compileWasm();

/** Generous: the core runs at tens of MB/s, so only a bug or a stalled tab hits this. */
const timeLimitMs = (text) => 5000 + text.length / 50;

/**
 * How long to wait before each restart in a row that comes before a worker got ready: a worker
 * that fails at start would otherwise be restarted in a tight loop. After the last, the page
 * stops trying and says so.
 */
const restartDelaysMs = [0, 250, 1000, 4000];

class Analyser {
  constructor() {
    /** Where news goes once the page has connected; until then it is kept in `missed`. */
    this.hooks = null;
    this.missed = [];
    this.nextId = 1;
    /** The request in flight: {id, resolve, reject, timer}. */
    this.pending = null;
    /** Restarts since a worker last got ready. */
    this.failures = 0;
    this.#start();
    wasm.catch((error) => this.#stop(`The analyser could not load: ${error.message ?? error}`));
  }

  /**
   * Tells `hooks` what happened so far, then everything that happens.
   * @param {object} hooks
   * @param {(ms: number) => void} hooks.ready the module is loaded (after each restart too)
   * @param {(message: string) => void} hooks.problem something the reader should be told
   */
  connect(hooks) {
    this.hooks = hooks;
    for (const [hook, value] of this.missed.splice(0)) hooks[hook](value);
  }

  /**
   * Analyses `text` in the worker.
   * @returns {Promise<{analysis: import('./pkg/newsmark.js').Analysis, ms: number}>}
   */
  analyse(text) {
    if (this.pending) return Promise.reject(new Error('an analysis is already running'));
    if (!this.worker) return Promise.reject(new Error('the analyser is not running; reload the page'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const limit = timeLimitMs(text);
      const timer = setTimeout(() => {
        this.#restart(
          `The analysis took more than ${Math.round(limit / 1000)} s and was stopped; the ` +
            'analyser was restarted. Your text is kept.',
        );
      }, limit);
      this.pending = { id, resolve, reject, timer };
      this.worker.postMessage({ id, text });
    });
  }

  #start() {
    const worker = startWorker();
    this.worker = worker;
    // A failure to compile is reported once, by the constructor.
    wasm.then((module) => worker.postMessage({ module }), () => {});
    worker.addEventListener('message', ({ data }) => this.#receive(data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const detail = event.message ? `: ${event.message}` : '';
      this.#restart(`The analyser crashed${detail}. It was restarted; your text is kept.`);
    });
  }

  #receive(data) {
    if (data.type === 'ready') {
      this.failures = 0;
      return this.#tell('ready', data.ms);
    }
    if (data.type === 'failed') return this.#tell('problem', data.message);
    const pending = this.pending;
    if (!pending || pending.id !== data.id) return;
    if (data.type === 'error' && data.fatal) {
      return this.#restart(
        `The analyser hit an internal error (${data.message}) and was restarted. Your text is kept.`,
      );
    }
    this.#settle();
    if (data.type === 'result') return pending.resolve({ analysis: data.analysis, ms: data.ms });
    pending.reject(new Error(data.message));
  }

  /**
   * Ends the worker and starts a new one. The request in flight fails with `message`; with
   * none in flight, the reader is told directly.
   */
  #restart(message) {
    this.worker.terminate();
    this.worker = null;
    const pending = this.pending;
    this.#settle();
    if (pending) pending.reject(new Error(message));
    else this.#tell('problem', message);
    const delay = restartDelaysMs[this.failures];
    this.failures += 1;
    if (delay === undefined) {
      this.#tell('problem', 'The analyser keeps failing to start. Reload the page to try again; your text is kept.');
      return;
    }
    setTimeout(() => this.#start(), delay);
  }

  /** Ends the worker for good: the module cannot load. */
  #stop(message) {
    this.worker?.terminate();
    this.worker = null;
    const pending = this.pending;
    this.#settle();
    pending?.reject(new Error(message));
    this.#tell('problem', message);
  }

  #tell(hook, value) {
    if (this.hooks) this.hooks[hook](value);
    else this.missed.push([hook, value]);
  }

  #settle() {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
  }
}

/** The page's analyser, started as soon as this module runs. */
export const analyser = new Analyser();
