// Types of newsmark's ES module (index.js); the result types come from the wasm binding.
import type { Analysis, InitInput } from './newsmark.js';

export type { Actor, Analysis, Quote, Span, Term } from './newsmark.js';

/** What the wasm module can be loaded from: bytes, a URL, a Response or a compiled module. */
export type WasmSource = InitInput;

/**
 * Loads the analyser: from `source`, or else from newsmark_bg.wasm beside the module. Later
 * calls share the first load; a failed load may be retried.
 */
export function load(source?: WasmSource | Promise<WasmSource>): Promise<void>;

/** Analyses `text`, loading the analyser first if needed. Offsets count UTF-16 code units. */
export function analyze(text: string): Promise<Analysis>;

/** Analyses `text` at once; throws unless `load` has completed. */
export function analyzeSync(text: string): Analysis;
