import { loadYaml } from './yamlLoad';

/**
 * More values than any front matter or chart block needs. js-yaml keeps an alias as a shared reference,
 * so a 1 KB alias bomb loads at once, but whoever walks or prints it (String(entry) on a list of 9⁹ items)
 * runs out of memory; a document whose aliases expand past this is refused instead.
 */
export const YAML_MAX_VALUES = 100_000;

/** YAML refused for what its aliases expand to; the message is for the analyst. */
export class YamlTooLargeError extends Error {
  override name = 'YamlTooLargeError';
}

/**
 * YAML as analysts write it in front matter and chart blocks. The core schema keeps dates as the text
 * written (the parsers read them). Throws on invalid YAML, and on YAML whose aliases expand to more than
 * YAML_MAX_VALUES values; the message's first line says where or why.
 */
export function parseYaml(text: string): unknown {
  const data = loadYaml(text);
  checkExpansion(data);
  return data;
}

/** Counts values as a reader of the document would meet them (aliases expanded), stopping at the limit. */
function checkExpansion(data: unknown): void {
  const pending: unknown[] = [data];
  let count = 0;
  while (pending.length) {
    const value = pending.pop();
    if (++count > YAML_MAX_VALUES) {
      throw new YamlTooLargeError(`its aliases expand to more than ${YAML_MAX_VALUES.toLocaleString('en-US')} values (an alias bomb?)`);
    }
    if (Array.isArray(value)) for (const item of value) pending.push(item);
    else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) pending.push(item);
  }
}
