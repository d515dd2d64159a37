/**
 * Report text shown in hovers and tooltips is data, never markup: escape every Markdown and HTML
 * character, and build command links only for Dossier's own commands.
 */

/** Escapes text for a MarkdownString: Markdown syntax, HTML (`<img …>` stays text), and line breaks. */
export function escapeMarkdown(text: string): string {
  return String(text)
    .replace(/[\\`*_{}[\]()#+\-.!~|>]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** A Markdown link that runs a command with JSON arguments; the label is escaped. */
export function commandLink(label: string, command: string, args: readonly unknown[], tooltip?: string): string {
  const uri = `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
  const title = tooltip ? ` "${tooltip.replace(/["\\]/g, '')}"` : '';
  return `[${escapeMarkdown(label)}](${uri}${title})`;
}

/** Web links for a note's URL: the one rule in core (http(s) only, cut and encoded so nothing breaks out). */
export { safeWebUrl } from '../core/escape';
