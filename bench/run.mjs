// The in-browser benchmark: newsmark's wasm, compromise and wink-nlp (with its lite English
// model) on the same news text, in one headless Chromium, one after the other on the page's main
// thread; then the 50 KB analysis time and the time to the first highlight of the real page.
// Run it with scripts/bench-browser, which builds the wasm first; see bench/README.md.
//
// Everything is served from local files by a small server here: bench/ at /, www/pkg/ at /pkg/,
// compromise's browser build, and wink-nlp with its model bundled on the fly (both are CommonJS
// packages without a browser build).

import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serve as serveWww } from '../tests/e2e/helpers.mjs';
import { firstHighlight } from './first-highlight.mjs';
import { SAMPLES } from '../www/samples.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODULES = join(ROOT, 'node_modules');

/** Bytes of text the libraries are timed on; how many rounds, and each library's runs a round. */
const COMPARE_BYTES = Number(process.env.BENCH_BYTES ?? 256 * 1024);
const ROUNDS = 7;
const RUNS = { newsmark: 3, compromise: 1, wink: 1 };
/** When a reader pastes in the second first-highlight scenario: after the analyser has loaded. */
const READER_PAUSE_MS = 1500;

/** PolNeAR's articles when present, else the golden test texts: the same as benches/analyze.rs. */
async function articles() {
  const evalDir = process.env.NEWSMARK_EVAL_DIR ?? resolve(ROOT, '../shared/eval');
  const texts = [];
  for (const split of ['train', 'dev', 'test']) {
    const dir = join(evalDir, 'polnear', split, 'text');
    if (!existsSync(dir)) continue;
    for (const name of (await readdir(dir)).sort()) texts.push((await readFile(join(dir, name), 'utf8')).trim());
  }
  if (texts.length) return { texts, source: 'PolNeAR news articles' };
  const golden = join(ROOT, 'tests/golden');
  for (const name of (await readdir(golden)).sort()) {
    const file = await readFile(join(golden, name), 'utf8');
    const text = file.split('=== text\n')[1]?.split('\n=== actors')[0];
    if (text) texts.push(text.trim());
  }
  return { texts, source: 'the golden test texts (no PolNeAR found)' };
}

/** About `bytes` UTF-8 bytes of whole articles separated by blank lines, cut at a char. */
function corpus(texts, bytes) {
  const parts = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const part = `${texts[i % texts.length]}\n\n`;
    parts.push(part);
    length += Buffer.byteLength(part);
  }
  return Buffer.from(parts.join('')).subarray(0, bytes).toString('utf8').replace(/\uFFFD$/, '');
}

/**
 * One browser script that defines `globalThis.winkBundle` from a CommonJS entry file and every
 * file it requires (relative paths and `.json` only, which is all wink-nlp and its model use).
 */
async function bundleCommonJs(entries) {
  const modules = new Map();
  const visit = async (file) => {
    if (modules.has(file)) return;
    const source = await readFile(file, 'utf8');
    modules.set(file, null);
    const requires = new Map();
    if (!file.endsWith('.json')) {
      for (const [, spec] of source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) {
        if (!spec.startsWith('.')) continue;
        let target = resolve(dirname(file), spec);
        if (!existsSync(target) && existsSync(`${target}.js`)) target = `${target}.js`;
        requires.set(spec, target);
        await visit(target);
      }
    }
    modules.set(file, { source, requires });
  };
  for (const entry of Object.values(entries)) await visit(entry);
  const ids = new Map([...modules.keys()].map((file, i) => [file, i]));
  const defs = [...modules].map(([file, { source, requires }]) => {
    const table = JSON.stringify(Object.fromEntries([...requires].map(([spec, target]) => [spec, ids.get(target)])));
    const body = file.endsWith('.json') ? `module.exports = ${source};` : source;
    return `[${table}, function (module, exports, require) {\n${body}\n}]`;
  });
  const exported = Object.entries(entries).map(([name, file]) => `${JSON.stringify(name)}: load(${ids.get(file)})`);
  return `(() => {
const defs = [${defs.join(',\n')}];
const cache = [];
function load(id) {
  if (cache[id]) return cache[id].exports;
  const module = { exports: {} };
  cache[id] = module;
  const [table, define] = defs[id];
  define(module, module.exports, (spec) => load(table[spec]));
  return module.exports;
}
globalThis.winkBundle = { ${exported.join(', ')} };
})();\n`;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

/** Serves the benchmark page and the libraries; resolves to its base URL. */
async function serveBench() {
  const wink = await bundleCommonJs({
    nlp: join(MODULES, 'wink-nlp/src/wink-nlp.js'),
    model: join(MODULES, 'wink-eng-lite-web-model/dist/model.js'),
  });
  const routes = {
    '/': join(ROOT, 'bench/index.html'),
    '/compromise.js': join(MODULES, 'compromise/builds/compromise.js'),
  };
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    if (path === '/wink.js') {
      response.writeHead(200, { 'content-type': TYPES['.js'] });
      return response.end(wink);
    }
    const file = routes[path] ?? (path.startsWith('/pkg/') && !path.includes('..') ? join(ROOT, 'www', path) : null);
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

const mbPerS = (bytes, ms) => bytes / 1e6 / (ms / 1000);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Times the libraries in the benchmark page, interleaved in rounds, on `text`; then newsmark
 * alone on `article` (50 KB) and on `megabyte`. */
async function compareLibraries(page, text, article, megabyte) {
  await page.waitForFunction(() => window.bench?.ready === true, null, { timeout: 120_000 });
  const results = await page.evaluate(([t, n, r]) => window.bench.rounds(t, n, r), [text, ROUNDS, RUNS]);
  const article50 = await page.evaluate(([t]) => window.bench.time('newsmark', t, 21), [article]);
  const large = await page.evaluate(([t]) => window.bench.time('newsmark', t, 5), [megabyte]);
  return { results, article50, large, megabyteBytes: Buffer.byteLength(megabyte) };
}

/** The real page's first highlight, `times` cold runs of each scenario (bench/first-highlight.mjs). */
async function firstHighlights(times) {
  const www = await serveWww();
  const atLoad = [];
  const later = [];
  try {
    for (let i = 0; i < times; i++) {
      atLoad.push(await firstHighlight(www.url, SAMPLES[0].text));
      later.push(await firstHighlight(www.url, SAMPLES[0].text, { pasteAfterLoadMs: READER_PAUSE_MS }));
    }
  } finally {
    www.close();
  }
  return { atLoad, later };
}

async function main() {
  const { texts, source } = await articles();
  const text = corpus(texts, COMPARE_BYTES);
  const article = corpus(texts, 50 * 1024);
  const bytes = Buffer.byteLength(text);
  console.log(`bench-browser: ${source}; ${bytes} bytes for the comparison`);

  const server = await serveBench();
  // `gc()` for the page: each timed run starts with the garbage of the runs before collected.
  const browser = await launch({ args: ['--js-flags=--expose-gc'] });
  let compared;
  try {
    const { page, problems } = browser;
    await page.goto(server.url);
    compared = await compareLibraries(page, text, article, corpus(texts, 1 << 20));
    if (problems.length) console.log(`bench-browser: page problems:\n  ${problems.join('\n  ')}`);
  } finally {
    await browser.close();
    server.close();
  }

  const rows = Object.entries(compared.results).map(([name, r]) => {
    const all = r.ms.flat();
    const ms = median(all);
    const fastest = Math.min(...all);
    return { name, ms, fastest, speed: mbPerS(bytes, ms), best: mbPerS(bytes, fastest), found: r.found, runs: all.length };
  });
  // The ratio of speeds in each round, each library's median there, and their median: the
  // rounds take a few seconds each, and the machine's speed moves between them.
  const { newsmark } = compared.results;
  const ratios = (other) =>
    compared.results[other].ms.map((ms, round) => median(ms) / median(newsmark.ms[round])).sort((a, b) => a - b);
  const ratio = (other) => {
    const [a, b] = [rows.find((r) => r.name === 'newsmark').best, rows.find((r) => r.name === other).best];
    const each = ratios(other);
    return `${median(each).toFixed(0)}× (rounds ${each[0].toFixed(0)}–${each.at(-1).toFixed(0)}×; fastest runs: ${(a / b).toFixed(0)}×)`;
  };
  console.log(`\nSame ${(bytes / 1024).toFixed(0)} KB text, main thread, ${ROUNDS} rounds of ` +
    `${Object.entries(RUNS).map(([name, runs]) => `${runs} ${name}`).join(', ')}; median and fastest of the timed runs:`);
  console.log('  library      median ms    MB/s   fastest ms    MB/s   runs  found (actors+quotes+terms / entities)');
  for (const r of rows) {
    console.log(`  ${r.name.padEnd(11)} ${r.ms.toFixed(1).padStart(10)} ${r.speed.toFixed(2).padStart(7)} ` +
      `${r.fastest.toFixed(1).padStart(12)} ${r.best.toFixed(2).padStart(7)} ${String(r.runs).padStart(6)}  ${r.found}`);
  }
  console.log(`  newsmark / compromise: ${ratio('compromise')}`);
  console.log(`  newsmark / wink-nlp:   ${ratio('wink')}`);
  const article50 = compared.article50.ms;
  console.log(`\nnewsmark, a 50 KB article: ${median(article50).toFixed(2)} ms median, ${Math.min(...article50).toFixed(2)} ms fastest ` +
    `(${article50.length} runs)`);
  const large = compared.large.ms;
  console.log(`newsmark, 1 MB: ${median(large).toFixed(0)} ms median (${mbPerS(compared.megabyteBytes, median(large)).toFixed(2)} MB/s), ` +
    `${Math.min(...large).toFixed(0)} ms fastest (${mbPerS(compared.megabyteBytes, Math.min(...large)).toFixed(2)} MB/s)`);

  const { atLoad, later } = await firstHighlights(5);
  const middle = (runs, key) => median(runs.map((r) => r[key]));
  const each = (runs, key) => runs.map((r) => r[key]).join(', ');
  const afterPaste = (runs) => runs.map((r) => r.highlight - r.pasted);
  console.log(`\nreal page, first highlight with the article pasted at the load event: median ` +
    `${middle(atLoad, 'highlight')} ms after navigation start, ${median(afterPaste(atLoad))} ms after the paste ` +
    `(${atLoad.length} cold runs)`);
  console.log('  ms since navigation start, median (each run):');
  const steps = [
    ['html', 'page received'], ['firstPaint', 'first contentful paint'], ['domReady', 'DOMContentLoaded done'],
    ['load', 'load event done'], ['wasmStart', 'wasm download starts'], ['wasmEnd', 'wasm downloaded'],
    ['ready', 'analyser ready'], ['pasted', 'article pasted'], ['result', 'highlights written'],
    ['highlight', 'highlights drawn'],
  ];
  for (const [key, label] of steps) console.log(`  ${label.padEnd(24)} ${String(middle(atLoad, key)).padStart(5)}  (${each(atLoad, key)})`);
  console.log(`  worker start-up ${middle(atLoad, 'workerLoadMs')} ms (${each(atLoad, 'workerLoadMs')}); ` +
    `analysis ${middle(atLoad, 'analysisMs')} ms (${each(atLoad, 'analysisMs')})`);
  console.log(`pasted ${READER_PAUSE_MS} ms after the load event: first highlight median ${median(afterPaste(later))} ms ` +
    `after the paste (${afterPaste(later).join(', ')}); analyser ready at ${middle(later, 'ready')} ms ` +
    `(${each(later, 'ready')}); analysis ${middle(later, 'analysisMs')} ms`);
}

await main();
