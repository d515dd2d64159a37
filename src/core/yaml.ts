import { CORE_SCHEMA, load } from 'js-yaml';

/**
 * YAML as analysts write it in front matter and chart blocks. The core schema keeps dates as the text
 * written (the parsers read them), and js-yaml keeps aliases as shared references, so an alias bomb costs
 * nothing to load. Throws on invalid YAML; the message's first line says where.
 */
export function parseYaml(text: string): unknown {
  return load(text, { schema: CORE_SCHEMA });
}
