/**
 * The things in a report a command can point at (commands: src/shared/commands.ts).
 */
export type TargetKind = 'report' | 'section' | 'paragraph' | 'footnote' | 'figure';

/** `id`: section/paragraph/figure id ("s2", "p12", "f3"), the note number as a string ("4"), or the report id. */
export interface ReportTarget {
  reportId: string;
  kind: TargetKind;
  id: string;
}

/** Validates an argument that arrived from a command link or a webview before it is trusted. */
export function isReportTarget(value: unknown): value is ReportTarget {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.reportId === 'string' &&
    typeof v.id === 'string' &&
    ['report', 'section', 'paragraph', 'footnote', 'figure'].includes(v.kind as string)
  );
}
