// A small ES module linker for the dist builds: joins a module graph into one script.
//
// Why not a bundler: the project has no JS build step and one npm dev package (playwright-core),
// and its modules keep to a small subset of the module syntax. Each module becomes a function
// scope, evaluated once, dependencies first, whose return value is its exports; its imports
// become destructuring of those values. Anything outside the subset (namespace or side-effect
// imports, re-exports, import cycles, unknown specifiers, importing a name that is not
// exported) stops the build with an error that names the file, rather than producing a script
// that fails later. (`export const a = 1, b = 2` exports only `a`; importing `b` is refused.)
//
// Modules may be replaced (`alias`: the worker start-up and the wasm source differ between the
// served page and the single file) or generated (`virtual`: bare specifiers such as
// 'newsmark:wasm' whose source the build writes, e.g. the inlined wasm bytes).

import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const IMPORT = /^import\s+(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}\s*)?from\s*['"]([^'"]+)['"];?[ \t]*$/gm;
const EXPORT_DECLARATION = /^export\s+((?:async\s+)?function\s*\*?\s*|const\s+|let\s+|class\s+)([\w$]+)/gm;
const EXPORT_LIST = /^export\s*\{([^}]*)\};?[ \t]*$/gm;
const LEFTOVER = /^[ \t]*(?:import\s*[\w${*'"]|export\b).*$/m;

/**
 * Links the graph under `entry` into statements that evaluate every module once; the entry's
 * exports end up in the constant the result names.
 *
 * @param {string} entry path of the entry module
 * @param {object} [options]
 * @param {Record<string, string>} [options.alias] resolved path → path (or virtual specifier) of
 *   the module to use instead
 * @param {Record<string, string>} [options.virtual] bare specifier → module source
 * @param {boolean} [options.classic] the output runs as a classic script: `import.meta` is refused
 * @param {string} [options.base] paths in the output's comments are relative to this
 * @returns {{code: string, entry: string}} the code, and the constant holding the entry's exports
 */
export function link(entry, { alias = {}, virtual = {}, classic = false, base = process.cwd() } = {}) {
  const modules = new Map();
  const order = [];
  const visiting = new Set();

  const load = (id) => {
    if (modules.has(id)) return modules.get(id);
    if (visiting.has(id)) throw new Error(`link: import cycle through ${label(id)}`);
    visiting.add(id);
    const isVirtual = Object.hasOwn(virtual, id);
    const source = isVirtual ? virtual[id] : readFileSync(id, 'utf8');
    const module = transform(source, label(id), (specifier) => {
      const target = resolveSpecifier(specifier, id, isVirtual);
      return load(target);
    });
    if (classic && /\bimport\.meta\b/.test(module.body)) {
      throw new Error(`link: ${label(id)} uses import.meta, which a classic script cannot`);
    }
    module.name = `$nm${order.length}`;
    module.label = label(id);
    visiting.delete(id);
    modules.set(id, module);
    order.push(module);
    return module;
  };

  const resolveSpecifier = (specifier, importer, importerIsVirtual) => {
    if (Object.hasOwn(virtual, specifier)) return specifier;
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
      throw new Error(`link: ${label(importer)} imports ${specifier}, which is neither relative nor provided`);
    }
    if (importerIsVirtual) throw new Error(`link: virtual module ${importer} imports a relative path`);
    const path = resolve(dirname(importer), specifier);
    return alias[path] ?? path;
  };

  const label = (id) => (Object.hasOwn(virtual, id) ? id : relative(base, id));

  const entryModule = load(resolve(entry));
  const code = order.map((module) => wrap(module)).join('\n');
  return { code, entry: entryModule.name };
}

/**
 * Rewrites one module's imports and exports; `dependency(specifier)` links the imported module
 * and returns it (with its `exports` set), so that every imported name can be checked.
 */
function transform(source, label, dependency) {
  const imports = [];
  let body = source.replace(IMPORT, (_, defaultName, names, specifier) => {
    const from = dependency(specifier);
    const bindings = [];
    if (defaultName) bindings.push(['default', defaultName]);
    for (const [imported, local] of parseNames(names ?? '', label)) bindings.push([imported, local]);
    for (const [imported] of bindings) {
      if (!from.exports.has(imported)) {
        throw new Error(`link: ${label} imports ${imported} from ${from.label}, which does not export it`);
      }
    }
    imports.push({ from, bindings });
    return '';
  });

  const exports = new Map();
  body = body.replace(EXPORT_DECLARATION, (_, keyword, name) => {
    exports.set(name, name);
    return `${keyword}${name}`;
  });
  body = body.replace(EXPORT_LIST, (_, names) => {
    for (const [local, exported] of parseNames(names, label)) exports.set(exported, local);
    return '';
  });
  const leftover = LEFTOVER.exec(body);
  if (leftover) throw new Error(`link: ${label}: unsupported module syntax: ${leftover[0].trim()}`);
  return { body, imports, exports };
}

/** `a, b as c` → [[a, a], [b, c]]: pairs of (name in the exporter, name here). */
function parseNames(list, label) {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(part);
      if (!match) throw new Error(`link: ${label}: cannot read the import or export list item "${part}"`);
      return [match[1], match[2] ?? match[1]];
    });
}

/** One module as a constant holding its exports, evaluated in its own scope. */
function wrap({ name, label, body, imports, exports }) {
  const bindings = imports.map(({ from, bindings }) => {
    const pattern = bindings.map(([imported, local]) => (imported === local ? local : `${imported}: ${local}`));
    return `const { ${pattern.join(', ')} } = ${from.name};\n`;
  });
  const returned = [...exports].map(([exported, local]) => (exported === local ? local : `${exported}: ${local}`));
  return `// ---- ${label}\nconst ${name} = (() => {\n${bindings.join('')}${body.trim()}\nreturn { ${returned.join(', ')} };\n})();\n`;
}
