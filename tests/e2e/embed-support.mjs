// Shared set-up for the tests of dist/ (the embed, the single file, the package) and of the
// service worker: dist/ is built first when it is missing or older than its sources, and the
// fixture blog (tests/e2e/fixtures/) is served by a small server that can send a
// Content-Security-Policy header, as a blog's host would.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = join(ROOT, 'dist');
export const FIXTURES = join(ROOT, 'tests/e2e/fixtures');

const OUTPUTS = ['dist/newsmark.js', 'dist/newsmark.html', 'dist/pkg/package.json', 'www/pkg/offline-manifest.js'];
const SOURCES = ['www', 'scripts/dist', 'scripts/build-dist'];

/**
 * Runs scripts/build-dist unless every output is newer than every source (www/, its built wasm
 * and the build's scripts). scripts/test-e2e builds dist/ before the tests; this keeps a single
 * test file run on its own from testing a stale or missing build.
 */
export function ensureDist() {
  const outputs = OUTPUTS.map((path) => join(ROOT, path));
  if (outputs.every(existsSync)) {
    const oldest = Math.min(...outputs.map((path) => statSync(path).mtimeMs));
    const generated = new Set(outputs);
    const newest = Math.max(...SOURCES.flatMap((path) => files(join(ROOT, path)))
      .filter((path) => !generated.has(path))
      .map((path) => statSync(path).mtimeMs));
    if (newest <= oldest) return;
  }
  const build = spawnSync(join(ROOT, 'scripts/build-dist'), { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`scripts/build-dist failed with status ${build.status}`);
}

function files(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * Serves the fixture blog on a free loopback port, and the embed as /newsmark.js, every
 * response with `csp` as its Content-Security-Policy header when one is given.
 * @returns {Promise<{url: string, close: () => void}>}
 */
export async function serveFixtures({ csp } = {}) {
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    const file = path === '/newsmark.js' ? join(DIST, 'newsmark.js') : normalize(join(FIXTURES, path));
    if (!file.startsWith(FIXTURES + sep) && file !== join(DIST, 'newsmark.js')) return notFound(response);
    let body;
    try {
      body = readFileSync(file);
    } catch {
      return notFound(response);
    }
    const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
    if (csp) headers['content-security-policy'] = csp;
    response.writeHead(200, headers).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

function notFound(response) {
  response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}

/** Every highlight in `selector`'s subtree: [layer, class, text]. */
export async function marksIn(page, selector) {
  return page.$$eval(`${selector} [data-newsmark-mark]`, (marks) =>
    marks.map((mark) => [mark.getAttribute('data-newsmark-mark'), mark.className, mark.textContent]));
}

/**
 * Each quote's text as the reader sees it, joined from its wrapped parts (one per text node it
 * covers), keyed by quote index.
 */
export async function quotesIn(page, selector) {
  return page.$$eval(`${selector} [data-newsmark-mark="quote"]`, (marks) => {
    const quotes = {};
    for (const mark of marks) {
      const index = mark.getAttribute('data-newsmark-index');
      quotes[index] = (quotes[index] ?? '') + mark.textContent;
    }
    return quotes;
  });
}

/** The tooltip's text, or null when it is not shown. */
export async function tooltipText(page) {
  return page.evaluate(() => {
    const host = document.querySelector('newsmark-tooltip');
    return host?.isConnected ? host.shadowRoot.textContent : null;
  });
}

/** The fixture's markup inside `selector`, as the browser parses it before any script runs. */
export async function pristineInnerHtml(page, fixture, selector) {
  const source = readFileSync(join(FIXTURES, fixture), 'utf8');
  return page.evaluate(([html, sel]) =>
    new DOMParser().parseFromString(html, 'text/html').querySelector(sel).innerHTML, [source, selector]);
}
