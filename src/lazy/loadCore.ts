/**
 * Stands in for src/core inside extension.js (scripts/lazyCore.js swaps every import of a core module for
 * getters that call this): the core's modules, read from dist/core.js at the first use of any of them — the
 * library's first load, after activate() has returned — so activation does not compile the core.
 */
import * as path from 'path';

let modules: Record<string, Record<string, unknown>> | undefined;

/** When dist/core.js was loaded (performance.now()), for the test that it stays off the activation path. */
export let coreLoadedAt: number | undefined;

/** The core module `name` (its path under src/core), as dist/core.js holds it. */
export function coreModule(name: string): Record<string, unknown> {
  if (!modules) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    modules = (require(path.join(__dirname, 'core.js')) as { modules: typeof modules }).modules!;
    coreLoadedAt = performance.now();
  }
  const module = modules[name];
  if (!module) throw new Error(`dist/core.js has no module core/${name}: rebuild the extension`);
  return module;
}
