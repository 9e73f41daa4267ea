// The page's side of the analysis worker: one request at a time, a time limit per request, and
// a fresh worker whenever the old one crashed, trapped or ran too long.

import { startWorker } from './worker-start.js';

/** Generous: the core runs at tens of MB/s, so only a bug or a stalled tab hits this. */
const timeLimitMs = (text) => 5000 + text.length / 50;

/**
 * How long to wait before each restart in a row that comes before a worker got ready: a worker
 * that fails at start would otherwise be restarted in a tight loop. After the last, the page
 * stops trying and says so.
 */
const restartDelaysMs = [0, 250, 1000, 4000];

export class Analyser {
  /**
   * @param {object} hooks
   * @param {(ms: number) => void} hooks.ready the module is loaded (after each restart too)
   * @param {(message: string) => void} hooks.problem something the reader should be told
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.nextId = 1;
    /** The request in flight: {id, resolve, reject, timer}. */
    this.pending = null;
    /** Restarts since a worker last got ready. */
    this.failures = 0;
    this.#start();
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
    this.worker = startWorker();
    this.worker.addEventListener('message', ({ data }) => this.#receive(data));
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      const detail = event.message ? `: ${event.message}` : '';
      this.#restart(`The analyser crashed${detail}. It was restarted; your text is kept.`);
    });
  }

  #receive(data) {
    if (data.type === 'ready') {
      this.failures = 0;
      return this.hooks.ready(data.ms);
    }
    if (data.type === 'failed') return this.hooks.problem(data.message);
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
    else this.hooks.problem(message);
    const delay = restartDelaysMs[this.failures];
    this.failures += 1;
    if (delay === undefined) {
      this.hooks.problem('The analyser keeps failing to start. Reload the page to try again; your text is kept.');
      return;
    }
    setTimeout(() => this.#start(), delay);
  }

  #settle() {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
  }
}
