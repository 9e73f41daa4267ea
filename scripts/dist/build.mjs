// Writes dist/ from the built page (www/, www/pkg/) and wasm-bindgen's no-modules glue; run by
// scripts/build-dist, which builds both first. See docs/embed.md for what each output is for.
//
//   dist/newsmark.js    the one-tag embed: a classic script, analyser inlined
//   dist/newsmark.html  the page as one file that works from disk with no network
//   dist/pkg/           the ES module for bundlers, with types and a package.json
//
// The wasm is inlined as base64 of its gzip, inflated by the browser's DecompressionStream:
// about 45% of the size of base64 of the raw module, and no fetch and no data: URL, so nothing
// beyond 'wasm-unsafe-eval' is asked of a Content-Security-Policy.
//
// Usage: node scripts/dist/build.mjs <dir of wasm-bindgen --target no-modules output>

import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { link } from './link.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WWW = join(ROOT, 'www');
const PKG = join(WWW, 'pkg');
const DIST = join(ROOT, 'dist');
const MODULES = join(ROOT, 'scripts/dist/modules');

const read = (path) => readFileSync(path, 'utf8');
const crate = parseCrate(read(join(ROOT, 'Cargo.toml')));

function main([glueDir]) {
  if (!glueDir) throw new Error('usage: build.mjs <no-modules glue dir>');
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(join(DIST, 'pkg'), { recursive: true });

  const shared = glueModules(resolve(glueDir));
  const embed = buildEmbed(shared);
  writeFileSync(join(DIST, 'newsmark.js'), embed);
  const page = buildPage(shared);
  writeFileSync(join(DIST, 'newsmark.html'), page);
  buildPackage();

  for (const [name, contents] of [['newsmark.js', embed], ['newsmark.html', page]]) {
    const bytes = Buffer.byteLength(contents);
    const gzipped = gzipSync(contents, { level: 9 }).length;
    console.error(`build-dist: dist/${name} ${kb(bytes)} (${kb(gzipped)} gzipped)`);
  }
}

/**
 * The modules the inlined builds share: wasm-bindgen's no-modules glue, which a classic script
 * can run (no import.meta), as a function making a fresh copy of it (so that a trapped instance
 * can be replaced); the same glue as a module shaped like the web-target one, for www/worker.js;
 * and its wasm as base64 of its gzip.
 */
function glueModules(glueDir) {
  const glue = read(join(glueDir, 'newsmark.js'));
  return {
    'newsmark:glue': `export function newGlue() {\n${glue}\nreturn wasm_bindgen;\n}\n`,
    'newsmark:glue-as-web-module': [
      "import { newGlue } from 'newsmark:glue';",
      'const glue = newGlue();',
      'export const analyze = glue.analyze;',
      'export const warmUp = glue.warmUp;',
      'export { glue as default };',
      '',
    ].join('\n'),
    'newsmark:wasm': wasmModule(readFileSync(join(glueDir, 'newsmark_bg.wasm'))),
  };
}

/** The embed: a classic script, so that `document.currentScript` gives it its options. */
function buildEmbed(shared) {
  const { code } = link(join(WWW, 'embed/newsmark.js'), { classic: true, base: ROOT, virtual: shared });
  return `/*! ${licence('the one-tag embed (docs/embed.md)')} */\n${iife(code)}`;
}

/**
 * The page as one file: its modules linked into one inline module script, the stylesheet
 * inlined, the worker started from a Blob of its own linked source, and a Content-Security-
 * Policy that allows exactly these two inline blocks by their hashes and no network at all.
 *
 * The worker is a classic script: from a file:// page (an opaque origin) Chromium refuses a
 * module worker even from a blob: URL.
 */
function buildPage(shared) {
  const worker = link(join(WWW, 'worker.js'), {
    classic: true,
    base: ROOT,
    alias: { [join(WWW, 'pkg/newsmark.js')]: 'newsmark:glue-as-web-module' },
    virtual: shared,
  });
  const app = link(join(WWW, 'app.js'), {
    base: ROOT,
    alias: {
      [join(WWW, 'worker-start.js')]: join(MODULES, 'blob-worker-start.js'),
      [join(WWW, 'wasm-source.js')]: join(MODULES, 'inline-wasm-source.js'),
    },
    virtual: { ...shared, 'newsmark:worker': `export const WORKER_SOURCE = ${JSON.stringify(iife(worker.code))};\n` },
  });
  const script = `\n${app.code}`;
  const style = `\n${read(join(WWW, 'style.css'))}`;
  assertInlinable(script, 'script');
  assertInlinable(style, 'style');

  const csp = [
    "default-src 'none'",
    `script-src '${sha256(script)}' 'wasm-unsafe-eval'`,
    `style-src '${sha256(style)}'`,
    'worker-src blob:',
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  let html = read(join(WWW, 'index.html'));
  html = replaceOnce(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*">/, () =>
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  html = replaceOnce(html, /<link rel="stylesheet" href="style\.css">/, () => `<style>${style}</style>`);
  // The scripts' block, from its comment to the app's tag: one inline script has nothing to fetch.
  html = replaceOnce(html, /<!-- Scripts\.[\s\S]*<script type="module" src="app\.js"><\/script>/, () =>
    `<script type="module">${script}</script>`);
  html = replaceOnce(html, /<!doctype html>\n/i, (doctype) =>
    `${doctype}<!-- ${licence('the page as one file: open it from disk; it needs no server and no network')} -->\n`);
  return html;
}

/** dist/pkg: the web-target glue, its wasm and types, the wrapper module and a package.json. */
function buildPackage() {
  const out = join(DIST, 'pkg');
  for (const file of ['newsmark.js', 'newsmark.d.ts', 'newsmark_bg.wasm', 'newsmark_bg.wasm.d.ts']) {
    copyFileSync(join(PKG, file), join(out, file));
  }
  for (const file of ['index.js', 'index.d.ts']) copyFileSync(join(ROOT, 'scripts/dist/pkg', file), join(out, file));
  copyFileSync(join(ROOT, 'NOTICE'), join(out, 'NOTICE'));
  const manifest = {
    name: crate.name,
    version: crate.version,
    description: crate.description,
    license: crate.license,
    type: 'module',
    main: './index.js',
    module: './index.js',
    types: './index.d.ts',
    exports: {
      '.': { types: './index.d.ts', default: './index.js' },
      './newsmark_bg.wasm': './newsmark_bg.wasm',
    },
    files: ['index.js', 'index.d.ts', 'newsmark.js', 'newsmark.d.ts', 'newsmark_bg.wasm', 'newsmark_bg.wasm.d.ts', 'NOTICE'],
    sideEffects: false,
  };
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Linked code as a classic script: strict, as modules are, and with nothing left global. */
function iife(code) {
  return `(() => {\n'use strict';\n${code}})();\n`;
}

/** A module exporting the wasm as base64 of its gzip. */
function wasmModule(wasm) {
  const base64 = gzipSync(wasm, { level: 9 }).toString('base64');
  return `export const WASM_GZIP_BASE64 = '${base64}';\n`;
}

/** The licence line each output starts with. */
function licence(what) {
  return `${crate.name} ${crate.version}, ${what}. Licence: ${crate.license}; the sources of the embedded lexicon and their licences are listed in NOTICE. Built by scripts/build-dist.`;
}

/**
 * Inline script and style text must not close their element early nor open a nested script;
 * the code has no reason to hold these, so finding one stops the build.
 */
function assertInlinable(text, element) {
  const bad = new RegExp(`</${element}|<script`, 'i').exec(text);
  if (bad) throw new Error(`build-dist: the inlined ${element} contains "${bad[0]}"`);
}

/** Replaces the one match of `pattern`; a template that changed shape stops the build. */
function replaceOnce(text, pattern, replacement) {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)) ?? [];
  if (matches.length !== 1) throw new Error(`build-dist: expected one ${pattern} in www/index.html, found ${matches.length}`);
  return text.replace(pattern, replacement);
}

function sha256(text) {
  return `sha256-${createHash('sha256').update(text).digest('base64')}`;
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

/** name, version, description and licence from the [package] table. */
function parseCrate(toml) {
  const table = toml.split(/^\[/m).find((section) => section.startsWith('package]')) ?? '';
  const field = (key) => new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm').exec(table)?.[1];
  const crate = { name: field('name'), version: field('version'), description: field('description'), license: field('license') };
  for (const [key, value] of Object.entries(crate)) if (!value) throw new Error(`build-dist: Cargo.toml has no package ${key}`);
  return crate;
}

main(process.argv.slice(2));
