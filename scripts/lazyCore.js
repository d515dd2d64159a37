// esbuild plugin for extension.js only: the core (src/core: the parsers, figures, search, the library; ~150 KB
// minified) is not in extension.js but in dist/core.js, which loads at the core's first use — the library's
// first load, on the turn after activate() returns — so activation compiles only the registrations.
// Every import of a core module from outside src/core is swapped for a stand-in whose exports are getters
// reading the module from dist/core.js (src/lazy/loadCore.ts); code that only registers providers never
// touches them. When extension.js is built (and written), dist/core.js is built beside it with the modules
// the stand-ins name. The CLI, the tests and the other lazy bundles import the core as it is.
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const NAMESPACE = 'dossier-lazy-core';

/**
 * Core modules extension.js keeps a copy of, as activation uses them: tiny, importing nothing, no state.
 * errors: a class of the cite feature extends ExplainedError (the core tells its errors apart by name,
 * `isExplained`, not by class); toolNames: the agents' tools are registered by name.
 */
const EAGER = new Set(['errors', 'toolNames']);

/** `options` of the core's bundle: extension.js's own (minify, define, …) with `plugins` for its imports. */
function plugin({ plugins = [] } = {}) {
  const lazyCore = {
    name: 'lazy-core',
    setup(build) {
      const root = build.initialOptions.absWorkingDir ?? process.cwd();
      const realSrc = fs.realpathSync(path.join(root, 'src'));
      const core = path.join(realSrc, 'core') + path.sep;
      const loader = path.join(realSrc, 'lazy', 'loadCore.ts');
      /** core module name (its path under src/core, without .ts) → its export names */
      const modules = new Map();

      build.onStart(() => modules.clear());
      build.onResolve({ filter: /^\./ }, async args => {
        if (args.namespace !== 'file' || args.pluginData === NAMESPACE) return undefined;
        const importer = fs.realpathSync(args.resolveDir);
        if ((importer + path.sep).startsWith(core)) return undefined; // the core's own imports stay inside it
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: NAMESPACE });
        if (resolved.errors.length || !resolved.path.startsWith(core) || !resolved.path.endsWith('.ts')) return undefined;
        const name = path.relative(core, resolved.path).slice(0, -'.ts'.length).split(path.sep).join('/');
        if (EAGER.has(name)) return undefined;
        return { path: name, namespace: NAMESPACE, pluginData: resolved.path };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async args => {
        const names = await exportNames(args.pluginData);
        modules.set(args.path, args.pluginData);
        // getters: the real module is read from dist/core.js only when a name is used, not when imported
        const getters = names.map(
          n => `  get ${JSON.stringify(n)}() { return coreModule(${JSON.stringify(args.path)})[${JSON.stringify(n)}]; },`,
        );
        return {
          contents: `const { coreModule } = require(${JSON.stringify(loader)});\nmodule.exports = {\n  __esModule: true,\n${getters.join('\n')}\n};\n`,
          loader: 'js',
          resolveDir: path.dirname(loader),
          watchFiles: [args.pluginData],
        };
      });
      build.onEnd(async result => {
        if (result.errors.length || build.initialOptions.write === false) return;
        const outdir = build.initialOptions.outdir ?? path.dirname(build.initialOptions.outfile);
        await buildCore(build.initialOptions, modules, path.join(root, outdir, 'core.js'), plugins);
      });
    },
  };
  // not enumerable (esbuild rejects a plugin object with keys of its own): the bundle budget test builds the
  // core in memory with it, `modules` as the extension's metafile names them (see coreModules)
  Object.defineProperty(lazyCore, 'buildCore', {
    value: (options, modules, outfile, extra) => buildCore(options, modules, outfile, plugins, extra),
  });
  return lazyCore;
}

/** The core modules an extension.js build swapped for stand-ins, from its metafile's inputs: name → file. */
function coreModules(root, inputs) {
  const prefix = `${NAMESPACE}:`;
  return new Map(
    Object.keys(inputs)
      .filter(key => key.startsWith(prefix))
      .map(key => [key.slice(prefix.length), path.join(fs.realpathSync(path.join(root, 'src')), 'core', `${key.slice(prefix.length)}.ts`)]),
  );
}

/** The names a core module exports (types included: a getter nobody calls costs nothing). */
async function exportNames(file) {
  const result = await esbuild.build({
    entryPoints: [file],
    bundle: false,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs).flatMap(o => o.exports ?? []);
}

/** dist/core.js: every module a stand-in names, as `modules[name]`. */
async function buildCore(options, modules, outfile, plugins, extra = {}) {
  const entries = [...modules].sort(([a], [b]) => a.localeCompare(b));
  const contents =
    entries.map(([, file], i) => `import * as m${i} from ${JSON.stringify(file)};`).join('\n') +
    `\nexport const modules = {\n${entries.map(([name], i) => `  ${JSON.stringify(name)}: m${i},`).join('\n')}\n};\n`;
  return esbuild.build({
    bundle: true,
    minify: options.minify,
    sourcemap: options.sourcemap,
    sourcesContent: options.sourcesContent,
    supported: options.supported,
    define: options.define,
    logLevel: options.logLevel,
    format: 'cjs',
    platform: 'node',
    target: options.target,
    external: ['vscode'],
    plugins,
    stdin: { contents, resolveDir: options.absWorkingDir ?? process.cwd(), sourcefile: 'core-modules.js', loader: 'js' },
    outfile,
    ...extra,
  });
}

module.exports = { plugin, coreModules, NAMESPACE };
