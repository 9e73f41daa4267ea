// The shipped JavaScript never turns a string into code or markup: no eval, no Function
// constructor, no timer given a string, no document.write, no insertAdjacentHTML, no
// innerHTML or outerHTML assignment, no other HTML parser, no handler attribute set from code.
// Text reaches the page only through text nodes (createTextNode, textContent, data).
//
// Checked on the sources (www/**/*.js, the embed, the glue wasm-bindgen wrote into www/pkg/),
// on the builds (dist/**/*.js) and on the script inlined in the single file. The raw text is
// searched, comments and strings included: simpler than lexing JavaScript, and a comment that
// trips a rule is a false alarm, never a miss. The runtime side of the same promise is the
// report-only Trusted Types policy of xss-embed.test.mjs.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { DIST, ensureDist } from './embed-support.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const RULES = [
  ['eval', /\beval\s*\(/],
  ['the Function constructor', /\bnew\s+Function\b|\bFunction\s*\(/],
  ['a timer given a string', /\b(?:setTimeout|setInterval)\s*\(\s*(?:['"`]|[\w$.]+\s*\+)/],
  ['document.write', /\bdocument\s*\.\s*write(?:ln)?\s*\(/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['an innerHTML or outerHTML assignment', /\.\s*(?:inner|outer)HTML\s*\+?=(?!=)|\[\s*['"`](?:inner|outer)HTML['"`]\s*\]\s*\+?=(?!=)/],
  ['an HTML parser', /\b(?:createContextualFragment|setHTMLUnsafe|parseHTMLUnsafe|parseFromString)\b|\.\s*srcdoc\s*=(?!=)/],
  ['a handler attribute set from code', /\bsetAttribute(?:NS\s*\([^,]*,|\s*\()\s*['"`](?:on[a-z]+|srcdoc)['"`]/i],
];

/** Every rule broken by `source`, as `rule: line`, with 1-based line numbers. */
function findings(source) {
  const found = [];
  const lines = source.split('\n');
  lines.forEach((line, i) => {
    for (const [rule, pattern] of RULES) if (pattern.test(line)) found.push(`${rule}: line ${i + 1}: ${line.trim().slice(0, 160)}`);
  });
  return found;
}

// The rules themselves, on snippets each must catch or let through.
const CAUGHT = [
  'eval(text)', 'window.eval (code)', 'new Function("return 1")', 'Function(body)()',
  "setTimeout('run()', 10)", 'setInterval(`tick()`)', 'setTimeout(prefix + text, 0)',
  'document.write(html)', 'document.writeln(html)', "el.insertAdjacentHTML('beforeend', html)",
  'el.innerHTML = text', 'el.innerHTML += text', 'node.outerHTML=text', "el['innerHTML'] = text",
  'range.createContextualFragment(html)', 'new DOMParser().parseFromString(html, "text/html")',
  'el.setHTMLUnsafe(html)', 'frame.srcdoc = html', "img.setAttribute('onerror', code)",
  'el.setAttribute("srcdoc", html)', "svg.setAttributeNS(null, 'onload', code)",
];
const LET_THROUGH = [
  "const hint = \"script-src needs 'wasm-unsafe-eval'\";", 'setTimeout(() => run(), 10)',
  'setTimeout(resolve, 0)', 'if (el.innerHTML === before) return;', 'const html = el.innerHTML;',
  'node.textContent = text', 'span.setAttribute(MARK_ATTRIBUTE, layer.name)', 'Function.prototype.call',
  "el.setAttribute('aria-describedby', id)", 'writer.write(chunk)',
];

test('the rules catch each forbidden call and let the safe ones through', () => {
  for (const snippet of CAUGHT) assert.notDeepEqual(findings(snippet), [], `caught: ${snippet}`);
  for (const snippet of LET_THROUGH) assert.deepEqual(findings(snippet), [], `let through: ${snippet}`);
});

function scripts(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return scripts(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

test('the page, the embed and the builds turn no string into code or markup', () => {
  ensureDist();
  const files = [...scripts(join(ROOT, 'www')), ...scripts(DIST)];
  assert.ok(files.some((file) => file.endsWith('www/embed/newsmark.js')) && files.some((file) => file === join(DIST, 'newsmark.js')),
    'the embed and its build are among the files');
  const found = files.flatMap((file) => findings(readFileSync(file, 'utf8')).map((f) => `${relative(ROOT, file)}: ${f}`));
  const page = readFileSync(join(DIST, 'newsmark.html'), 'utf8');
  const inline = [...page.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
  assert.equal(inline.length, 1, 'the single file has one inline script');
  found.push(...findings(inline[0]).map((f) => `dist/newsmark.html: ${f}`));
  assert.deepEqual(found, []);
});
