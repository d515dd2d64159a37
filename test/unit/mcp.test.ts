// The MCP server (src/lazy/mcp.ts) through the SDK's own client: in memory, and as `dossier mcp` on stdio.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { cliDossier } from '../../src/cli/load';
import { createDossierTools, TOOL_DEFINITIONS } from '../../src/core/tools';
import { createMcpServer } from '../../src/lazy/mcp';

type Structured = Record<string, unknown> & { passages?: { cite: { pandoc: string }; paragraph?: number; kind: string }[] };

describe('MCP server, in memory', () => {
  const dossier = cliDossier({ err: () => undefined });
  const client = new Client({ name: 'dossier-test', version: '1.0.0' });
  const errors: string[] = [];

  before(async () => {
    await dossier.load();
    const server = createMcpServer({
      tools: createDossierTools({ dossier }),
      library: () => dossier.library,
      reportText: id => {
        const report = dossier.library.report(id);
        return report && dossier.library.readerText(report).text;
      },
      version: '0.0.0-test',
      logError: message => errors.push(message),
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  });
  after(() => client.close());

  test("listTools: the five tools, read-only, with the core's descriptions and the same fields and required ones", async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map(t => t.name),
      ['search_reports', 'get_figure', 'get_passage', 'cite', 'check_draft'],
    );
    for (const tool of tools) {
      const core = TOOL_DEFINITIONS.find(d => d.name === tool.name)!;
      assert.equal(tool.description, core.description);
      assert.equal(tool.annotations?.readOnlyHint, true);
      assert.equal(tool.inputSchema.type, 'object');
      assert.deepEqual(
        Object.keys(tool.inputSchema.properties ?? {}).sort(),
        Object.keys(core.inputSchema.properties ?? {}).sort(),
        tool.name,
      );
      assert.deepEqual([...(tool.inputSchema.required ?? [])].sort(), [...(core.inputSchema.required ?? [])].sort(), tool.name);
    }
    const search = tools[0]!.inputSchema.properties as Record<string, { type: string; minLength?: number; maxLength?: number }>;
    assert.deepEqual([search.query!.type, search.query!.minLength, search.query!.maxLength], ['string', 1, 500]);
  });

  test('callTool: structuredContent with the passage and how to cite it, and the same as text', async () => {
    const result = await client.callTool({ name: 'search_reports', arguments: { query: 'tarrif bangladesh', limit: 3 } });
    assert.notEqual(result.isError, true);
    const structured = result.structuredContent as Structured;
    const paragraph = structured.passages!.find(p => p.kind === 'paragraph')!;
    assert.deepEqual([paragraph.paragraph, paragraph.cite.pandoc], [26, '[@usPakistanFlux2025, para. 26]']);
    const [content] = result.content as { type: string; text: string }[];
    assert.equal(content!.type, 'text');
    assert.match(content!.text, /Cite as \[@usPakistanFlux2025, para\. 26\]/);
    const cite = await client.callTool({
      name: 'cite',
      arguments: { citations: [{ key: 'afzal2025', locator: 'para. 3' }], style: 'pandoc' },
    });
    assert.equal((cite.structuredContent as { citation: string }).citation, '[@afzal2025, para. 3]');
  });

  test('an unknown key is a tool error (isError: true) with a clear message, not a protocol failure', async () => {
    const result = await client.callTool({ name: 'cite', arguments: { citations: [{ key: 'smith1999' }] } });
    assert.equal(result.isError, true);
    assert.deepEqual(result.content, [
      { type: 'text', text: 'no report or note source has the key "smith1999"; use keys from search_reports' },
    ]);
    const empty = await client.callTool({ name: 'search_reports', arguments: { query: '' } });
    assert.equal(empty.isError, true);
    assert.match((empty.content as { text: string }[])[0]!.text, /query/);
    const huge = await client.callTool({ name: 'check_draft', arguments: { markdown: 'x'.repeat(2_000_001) } });
    assert.equal(huge.isError, true);
    assert.deepEqual(errors, []);
  });

  test('the reports are resources: listed with their citation key, read as the reader shows them', async () => {
    const { resources } = await client.listResources();
    assert.deepEqual(
      resources.map(r => [r.uri, r.title, r.description]),
      [
        [
          'dossier://report/us-pakistan-relations-in-flux',
          'U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints',
          '2025-05-19 · cite as [@usPakistanFlux2025]',
        ],
      ],
    );
    const read = await client.readResource({ uri: 'dossier://report/us-pakistan-relations-in-flux' });
    const text = (read.contents[0] as { text: string }).text;
    assert.match(text, /^U\.S\.-Pakistan Relations in Flux: Pathways for Navigating Constraints\n/);
    assert.match(text, /¶26 On the other hand, revised tariffs/);
  });
});

test('dossier mcp on stdio: a client spawns it, lists the tools and calls one', { timeout: 120_000 }, async () => {
  const root = path.join(__dirname, '..', '..');
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', path.join(root, 'src', 'cli.ts'), 'mcp'],
    cwd: root,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'dossier-smoke', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    assert.equal(tools.length, 5);
    const figure = await client.callTool({ name: 'get_figure', arguments: { text: 'Bangladesh tariff' } });
    const figures = (figure.structuredContent as { figures: { figure: { asWritten: string; measures: string } }[] }).figures;
    assert.deepEqual([figures[0]!.figure.asWritten, figures[0]!.figure.measures], ['39 percent', 'reciprocal tariff rate: Bangladesh']);
  } finally {
    await client.close();
  }
});
