import type { Report } from '../model';

export interface ParseOptions {
  /** report id; derived from the title or file name when absent */
  id?: string;
  /** file name or URL the text came from; also decides the format when `format` is absent */
  source?: string;
  format?: 'text' | 'markdown';
}

/** Reads a report (plain text with [n] notes, or Markdown) into Dossier's model. Throws ReportError for unreadable input. */
export function parseReport(_text: string, _options: ParseOptions = {}): Report {
  throw new Error('parseReport: not yet implemented');
}
