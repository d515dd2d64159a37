/**
 * Stands in for src/core/yamlLoad.ts inside extension.js (esbuild.js swaps it in): the same loadYaml, read
 * from the lazy bundle dist/yaml.js at the first front matter or chart block, so activation does not carry
 * js-yaml.
 */
import { yamlEngine } from './load';

export function loadYaml(text: string): unknown {
  return yamlEngine().loadYaml(text);
}
