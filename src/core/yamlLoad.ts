import { CORE_SCHEMA, load } from 'js-yaml';

/**
 * js-yaml with the core schema: the one call into the YAML library. extension.js is built with this module
 * swapped for src/lazy/loadYaml.ts (esbuild.js), so js-yaml (a sixth of the bundle) loads at the first front
 * matter or chart block, not on activation; the CLI, the tests and the lazy yaml.js bundle use it as is.
 */
export function loadYaml(text: string): unknown {
  return load(text, { schema: CORE_SCHEMA });
}
