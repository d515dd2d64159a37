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

/**
 * A web link for a note's URL: only http(s), spaces and brackets encoded so the Markdown link cannot be
 * broken out of; anything else yields undefined.
 */
export function safeWebUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\/[^\s]/i.test(url.trim())) return undefined;
  return url.trim().replace(/[\s()<>[\]"'`\\]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}
