// The YAML engine's lazy bundle (dist/yaml.js): js-yaml, loaded by src/lazy/loadYaml.ts at first use.
export { loadYaml } from '../core/yamlLoad';
