// Times require() of a built extension.js in plain Node, with a stand-in 'vscode' module (every name the
// API declares, each a do-nothing proxy): the cost of loading and evaluating the bundle, without VS Code.
// Usage: node bench/requireWithStub.js dist/extension.js   → prints the milliseconds
'use strict';
const Module = require('module');
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const declarations = fs.readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [path.join(__dirname, '..')] }), 'utf8');
const names = new Set([...declarations.matchAll(/^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm)].map(m => m[1]));
const anything = new Proxy(function () {}, {
  get: (_t, key) => (key === 'prototype' ? {} : key === Symbol.toPrimitive ? () => 0 : anything),
  apply: () => anything,
  construct: () => anything,
});
const vscode = {};
for (const name of names) vscode[name] = anything;
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const t0 = performance.now();
require(path.resolve(process.argv[2]));
process.stdout.write(String(performance.now() - t0));
