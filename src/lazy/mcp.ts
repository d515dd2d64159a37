/**
 * Entry of the lazy bundle dist/mcp.js: Dossier's tools as a Model Context Protocol server, on the official
 * TypeScript SDK (@modelcontextprotocol/server 2.x). `dossier mcp` loads it at first use; the CLI and the
 * extension bundles never contain the SDK. The tools are the core's (src/core/tools.ts): this file only
 * states their input as zod schemas, turns their results into MCP results, and lists the reports as
 * resources (`dossier://report/<id>`, the text the reader shows).
 */
import { McpServer, ResourceTemplate, type CallToolResult } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import * as z from 'zod';
import type { Library } from '../core/library';
import { MAX_CITED, MAX_DRAFT_CHARS, MAX_QUERY_CHARS, MAX_RESULTS, ToolInputError, type DossierTools, type ToolName } from '../core/tools';
import { errorMessage } from '../core/errors';

const STYLES = ['pandoc', 'footnote', 'chicago', 'apa', 'csl-file'] as const;

/** The tools' input, as zod states it: the same fields and limits as the JSON schemas of src/core/tools.ts. */
export const INPUT_SCHEMAS = {
  search_reports: z.object({
    query: z.string().min(1).max(MAX_QUERY_CHARS).describe('words to look for, e.g. "reciprocal tariff Bangladesh"'),
    limit: z.number().int().min(1).max(MAX_RESULTS).optional().describe(`how many passages (1–${MAX_RESULTS}, default 5)`),
    kinds: z
      .array(z.enum(['paragraph', 'footnote', 'figure', 'section']))
      .optional()
      .describe('only these kinds of passage (default all)'),
  }),
  get_figure: z.object({
    id: z.string().max(MAX_QUERY_CHARS).optional().describe('a figure id from search_reports, e.g. "us-pakistan-relations-in-flux#f23"'),
    text: z.string().max(MAX_QUERY_CHARS).optional().describe('words describing the figure, e.g. "Bangladesh tariff rate"'),
    report: z.string().max(MAX_QUERY_CHARS).optional().describe('a report id or citation key, to look only there'),
  }),
  get_passage: z.object({
    report: z.string().max(MAX_QUERY_CHARS).describe('the report id or citation key (as search_reports gives them)'),
    paragraph: z.number().int().min(1).optional().describe('paragraph number (¶) in the report'),
    note: z.number().int().min(1).optional().describe('note number in the report'),
    section: z.string().max(MAX_QUERY_CHARS).optional().describe('section title or id ("s2")'),
  }),
  cite: z.object({
    citations: z
      .array(
        z.object({
          key: z.string().max(MAX_QUERY_CHARS).describe('a citation key, e.g. "afzal2025"'),
          locator: z.string().max(MAX_QUERY_CHARS).optional().describe('where in the source, e.g. "para. 12" or "p. 4"'),
        }),
      )
      .min(1)
      .max(MAX_CITED)
      .describe('the sources to cite together, in order'),
    style: z.enum(STYLES).optional().describe("citation style (default: the analyst's setting)"),
  }),
  check_draft: z.object({
    markdown: z.string().max(MAX_DRAFT_CHARS).describe('the draft, in Markdown'),
  }),
} satisfies Record<ToolName, z.ZodObject>;

export interface McpOptions {
  tools: DossierTools;
  /** the library the resources list (read at each request: the newest load) */
  library: () => Library;
  /** reader text of a report (what the reader tab shows) */
  reportText: (reportId: string) => string | undefined;
  version: string;
  /** where failures that are not the caller's fault are written (never stdout: it carries the protocol) */
  logError?: (message: string) => void;
}

export const REPORT_URI_PREFIX = 'dossier://report/';

export function createMcpServer(options: McpOptions): McpServer {
  const { tools } = options;
  const server = new McpServer(
    { name: 'dossier', title: 'Dossier', version: options.version },
    {
      instructions:
        "Dossier serves the analyst's policy reports. Answer from them: search_reports first, cite every claim with the key and locator it gives (cite formats it in the analyst's style), and check_draft any text with numbers before handing it over.",
    },
  );
  for (const definition of tools.definitions) {
    const name = definition.name;
    server.registerTool(
      name,
      {
        title: definition.title,
        description: definition.description,
        inputSchema: INPUT_SCHEMAS[name],
        annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
      },
      async (input: unknown): Promise<CallToolResult> => {
        try {
          const output = await tools.run(name, input);
          return {
            content: [{ type: 'text', text: output.text }],
            structuredContent: output.structured as unknown as Record<string, unknown>,
          };
        } catch (error) {
          if (!(error instanceof ToolInputError))
            options.logError?.(error instanceof Error ? (error.stack ?? error.message) : String(error));
          return { isError: true, content: [{ type: 'text', text: errorMessage(error) }] };
        }
      },
    );
  }
  server.registerResource(
    'report',
    new ResourceTemplate(`${REPORT_URI_PREFIX}{id}`, {
      list: async () => ({
        resources: options.library().reports.map(report => ({
          uri: `${REPORT_URI_PREFIX}${encodeURIComponent(report.id)}`,
          name: report.id,
          title: report.title,
          description: [report.publisher, report.number, report.date, `cite as [@${report.key}]`].filter(Boolean).join(' · '),
          mimeType: 'text/plain',
        })),
      }),
    }),
    {
      title: 'Report',
      description: 'A report of the library as the reader shows it: numbered paragraphs and notes.',
      mimeType: 'text/plain',
    },
    async (uri, variables) => {
      const id = decodeURIComponent(String(variables.id ?? ''));
      const text = options.reportText(id);
      if (text === undefined) throw new Error(`no report has the id "${id}"`);
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text }] };
    },
  );
  return server;
}

/** Serves on stdin/stdout until the client closes the connection. */
export async function serveStdio(server: McpServer): Promise<void> {
  const transport = new StdioServerTransport();
  const closed = new Promise<void>(resolve => {
    transport.onclose = () => resolve();
    process.stdin.on('end', () => resolve());
  });
  await server.connect(transport);
  await closed;
}
