/**
 * The things in a report a command can point at, and the ids of the commands features use to talk to
 * each other (so the outline, pickers, hovers and preview never import each other's code).
 */
export type TargetKind = 'report' | 'section' | 'paragraph' | 'footnote' | 'figure';

/** `id`: section/paragraph/figure id ("s2", "p12", "f3"), the note number as a string ("4"), or the report id. */
export interface ReportTarget {
  reportId: string;
  kind: TargetKind;
  id: string;
}

export const CommandIds = {
  /** open the reader tab and reveal a target: (target: ReportTarget) */
  revealInReport: 'dossier.revealInReport',
  /** insert a citation of a target into the active Markdown editor, in the current style: (target: ReportTarget, options?: { withFigureText?: boolean }) */
  insertCitationFor: 'dossier.insertCitationFor',
  /** copy a citation of a target in the current style: (target: ReportTarget) */
  copyCitationFor: 'dossier.copyCitationFor',
  /** open a source URL of a note: (target: ReportTarget) */
  openSource: 'dossier.openSource',
  /** list every mention of a figure (in report and open notes): (target: ReportTarget) */
  showMentions: 'dossier.showMentions',
} as const;

/** Validates an argument that arrived from a command link or a webview before it is trusted. */
export function isReportTarget(value: unknown): value is ReportTarget {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.reportId === 'string' && typeof v.id === 'string'
    && ['report', 'section', 'paragraph', 'footnote', 'figure'].includes(v.kind as string);
}
