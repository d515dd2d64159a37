/** The agents' tools by name: apart from src/core/tools.ts so the extension registers them without loading the core. */
export const TOOL_NAMES = ['search_reports', 'get_figure', 'get_passage', 'cite', 'check_draft'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];
