// esbuild plugin for the bundles that run in the extension host: every `import * as vscode from 'vscode'`
// reads one namespace, re-exported once from the real module. Without it esbuild gives each importing file
// its own copy of the API's ~200 names (31 copies in extension.js), made while extension.js loads — the
// largest part of loading it after compiling.
'use strict';

const NAMESPACE = 'dossier-one-vscode';

module.exports = {
  name: 'one-vscode',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, args =>
      args.namespace === NAMESPACE ? { path: 'vscode', external: true } : { path: 'vscode', namespace: NAMESPACE },
    );
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};
