// dist/pkg, the ES module for bundlers and Node: its package.json points at files that exist,
// its types declare what it exports, and `analyze` works once loaded (here in Node, given the
// wasm bytes; a bundler loads newsmark_bg.wasm from beside the module instead).

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, test } from 'node:test';
import { DIST, ensureDist } from './embed-support.mjs';

const PKG = join(DIST, 'pkg');
let newsmark;

before(async () => {
  ensureDist();
  newsmark = await import(pathToFileURL(join(PKG, 'index.js')).href);
});

test('package.json names an ES module, its types and only files that exist', () => {
  const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'newsmark');
  assert.equal(manifest.type, 'module');
  assert.deepEqual(manifest.exports['.'], { types: './index.d.ts', default: './index.js' });
  for (const file of manifest.files) assert.ok(existsSync(join(PKG, file)), file);
});

test('the declarations cover every export of the module', () => {
  const types = readFileSync(join(PKG, 'index.d.ts'), 'utf8');
  for (const name of Object.keys(newsmark)) assert.match(types, new RegExp(`export function ${name}\\(`), name);
  assert.match(types, /export type \{[^}]*\bAnalysis\b[^}]*\} from '\.\/newsmark\.js'/);
});

test('analyze resolves to the analysis once the module is loaded', async () => {
  assert.throws(() => newsmark.analyzeSync('text'), 'analyzeSync needs a completed load');
  await newsmark.load(readFileSync(join(PKG, 'newsmark_bg.wasm')));
  const text = '“We will not pay,” said Oksana Melnyk after the ransomware attack on Kyiv.';
  const analysis = await newsmark.analyze(text);
  assert.deepEqual(Object.keys(analysis).sort(), ['actors', 'quotes', 'terms']);
  assert.equal(analysis.quotes[0]?.speaker_name, 'Oksana Melnyk');
  for (const term of analysis.terms) assert.equal(text.slice(term.start, term.end), term.text);
  assert.deepEqual(newsmark.analyzeSync(text), analysis);
});
