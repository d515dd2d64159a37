// esbuild plugin for extension.js only: modules that activation does not need are swapped for stand-ins
// that load their lazy bundle at first use, so the core can import them as it always does (the CLI and the
// lazy bundles keep the real module):
//   src/core/yamlLoad.ts (js-yaml) → src/lazy/loadYaml.ts → dist/yaml.js, at the first front matter or chart block;
//   fuse.js (search re-scoring, `[@` completion) → src/lazy/loadFuse.ts → dist/fuse.js, at the first search.
// esbuild.js, the bench's bundle breakdown and the bundle budget test all use it.
'use strict';
const path = require('path');

const STAND_INS = [
  { filter: /(^|\/)yamlLoad$/, file: 'loadYaml.ts' },
  { filter: /^fuse\.js$/, file: 'loadFuse.ts' },
];

module.exports = {
  name: 'lazy-stand-ins',
  setup(build) {
    const lazy = path.resolve(build.initialOptions.absWorkingDir ?? process.cwd(), 'src', 'lazy');
    for (const { filter, file } of STAND_INS) build.onResolve({ filter }, () => ({ path: path.join(lazy, file) }));
  },
};
