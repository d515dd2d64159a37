// esbuild plugin for extension.js only: src/core/yamlLoad.ts (js-yaml, a sixth of the bundle) becomes
// src/lazy/loadYaml.ts, which loads the lazy bundle dist/yaml.js at the first front matter or chart block —
// activation does not need YAML. esbuild.js and the bench's bundle breakdown both use it.
'use strict';
const path = require('path');

module.exports = {
  name: 'lazy-yaml',
  setup(build) {
    const stand = path.resolve(build.initialOptions.absWorkingDir ?? process.cwd(), 'src', 'lazy', 'loadYaml.ts');
    build.onResolve({ filter: /(^|\/)yamlLoad$/ }, () => ({ path: stand }));
  },
};
