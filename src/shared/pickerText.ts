import { plainLine } from '../core/escape';

/**
 * Report text shown where VS Code renders `$(name)` as an icon (quick picks, the status bar): one plain
 * line in which `$(…)` stays text.
 */
export function noIcons(text: string): string {
  return plainLine(text).replace(/\$\(/g, '\\$(');
}
