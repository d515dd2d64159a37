// esbuild plugin for extension.js only: modules that activation does not need are swapped for stand-ins
// that load their lazy bundle at first use, so the core can import them as it always does (the CLI and the
// lazy bundles keep the real module):
//   src/core/yamlLoad.ts (js-yaml) → src/lazy/loadYaml.ts → dist/yaml.js, at the first front matter or chart block;
//   fuse.js (search re-scoring, `[@` completion) → src/lazy/loadFuse.ts → dist/fuse.js, at the first search;
//   src/core/check.ts (the fact-check) → src/lazy/loadCheck.ts → dist/notes.js, at the first check of a note;
//   src/core/charts.ts (charts of the library and of a note) → src/lazy/loadCharts.ts → dist/notes.js, at the first chart.
// esbuild.js, the bench's bundle breakdown and the bundle budget test all use it. `lazyStandIns.except(names)`
// is the plugin without the named stand-ins, for the lazy bundle that holds the real modules.
'use strict';
const fs = require('fs');
const path = require('path');

/** `module`: a file of src/ (without .ts) to swap wherever it is imported from; `filter`: a package name. */
const STAND_INS = [
  { name: 'yaml', module: 'core/yamlLoad', file: 'loadYaml.ts' },
  { name: 'fuse', filter: /^fuse\.js$/, file: 'loadFuse.ts' },
  { name: 'check', module: 'core/check', file: 'loadCheck.ts' },
  { name: 'charts', module: 'core/charts', file: 'loadCharts.ts' },
];

function plugin(standIns) {
  return {
    name: 'lazy-stand-ins',
    setup(build) {
      const src = path.resolve(build.initialOptions.absWorkingDir ?? process.cwd(), 'src');
      const lazy = path.join(src, 'lazy');
      // esbuild gives importers' folders with symbolic links resolved (the test harness links src/ into its copy)
      const realSrc = fs.realpathSync(src);
      for (const { filter, module, file } of standIns) {
        if (filter) {
          build.onResolve({ filter }, () => ({ path: path.join(lazy, file) }));
          continue;
        }
        // a relative import whose last part is the module's name, swapped only when it is that very file
        const wanted = path.join(realSrc, module);
        build.onResolve({ filter: new RegExp(`(^|/)${path.basename(module)}$`) }, args =>
          args.path.startsWith('.') && path.resolve(fs.realpathSync(args.resolveDir), args.path) === wanted
            ? { path: path.join(lazy, file) }
            : undefined,
        );
      }
    },
  };
}

module.exports = plugin(STAND_INS);
// not enumerable: esbuild rejects a plugin object with keys of its own
Object.defineProperty(module.exports, 'except', { value: names => plugin(STAND_INS.filter(s => !names.includes(s.name))) });
