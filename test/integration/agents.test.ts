import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { closeAllEditors, getApi, openFixture, waitFor } from './helpers';

const TOOLS = ['dossier_search_reports', 'dossier_get_figure', 'dossier_get_passage', 'dossier_cite', 'dossier_check_draft'];

/** The text of a tool result (its text parts, joined). */
function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content.map(part => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

/** A chat model that answers with `reply`, in fragments that cut through citation markers. */
function fakeModel(reply: string): vscode.LanguageModelChat & { asked: string[] } {
  const asked: string[] = [];
  const model = {
    id: 'fake',
    name: 'Fake model',
    vendor: 'dossier-tests',
    family: 'fake',
    version: '1',
    maxInputTokens: 100_000,
    asked,
    countTokens: async () => 1,
    sendRequest: async (messages: vscode.LanguageModelChatMessage[]) => {
      asked.push(messages.map(m => m.content.map(p => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('')).join('\n'));
      async function* text() {
        for (let i = 0; i < reply.length; i += 5) yield reply.slice(i, i + 5);
      }
      return { text: text(), stream: text() };
    },
  };
  return model as unknown as vscode.LanguageModelChat & { asked: string[] };
}

/** A response stream that keeps the Markdown and references it is given. */
function fakeStream(): vscode.ChatResponseStream & { markdownText(): string; references: (vscode.Uri | vscode.Location)[] } {
  const parts: string[] = [];
  const references: (vscode.Uri | vscode.Location)[] = [];
  const stream = {
    references,
    markdownText: () => parts.join(''),
    markdown: (value: string | vscode.MarkdownString) => parts.push(typeof value === 'string' ? value : value.value),
    reference: (value: vscode.Uri | vscode.Location) => references.push(value),
    anchor: () => undefined,
    button: () => undefined,
    filetree: () => undefined,
    progress: () => undefined,
    push: () => undefined,
  };
  return stream as unknown as vscode.ChatResponseStream & { markdownText(): string; references: (vscode.Uri | vscode.Location)[] };
}

function chatRequest(prompt: string, model: vscode.LanguageModelChat | undefined, command?: string): vscode.ChatRequest {
  return { prompt, command, model, references: [], toolReferences: [], toolInvocationToken: undefined } as unknown as vscode.ChatRequest;
}

suite('Agents', () => {
  suiteSetup(async () => {
    await (await getApi()).library.ready();
  });

  test('vscode.lm.tools lists the five Dossier tools with their schemas', async () => {
    const tools = await waitFor(
      () => {
        const found = vscode.lm.tools.filter(t => t.name.startsWith('dossier_'));
        return found.length === TOOLS.length ? found : undefined;
      },
      10000,
      'the five Dossier tools in vscode.lm.tools',
    );
    assert.deepStrictEqual(tools.map(t => t.name).sort(), [...TOOLS].sort());
    const search = tools.find(t => t.name === 'dossier_search_reports')!;
    assert.deepStrictEqual((search.inputSchema as { required: string[] }).required, ['query']);
    assert.match(search.description, /^Searches the analyst's library of policy reports/);
  });

  test('invokeTool: "tarrif bangladesh" returns ¶26 of the bundled report and how to cite it', async () => {
    const result = await vscode.lm.invokeTool('dossier_search_reports', {
      input: { query: 'tarrif bangladesh', limit: 3 },
      toolInvocationToken: undefined,
    });
    const text = textOf(result);
    assert.match(
      text,
      /\[paragraph\] “U\.S\.-Pakistan Relations in Flux: Pathways for Navigating Constraints”, section “Motivations for navigating constraints”, ¶26\nOn the other hand, revised tariffs/,
    );
    assert.match(text, /Bangladesh \(at 39 percent\)/);
    assert.match(text, /Cite as \[@usPakistanFlux2025, para\. 26\] \(key usPakistanFlux2025, locator "para\. 26"\)/);
  });

  test('invokeTool: a Chicago citation of a note source, with its bibliography entry', async function () {
    this.timeout(120000); // the CSL engine loads at first use
    const result = await vscode.lm.invokeTool('dossier_cite', {
      input: { citations: [{ key: 'afzal2025', locator: 'para. 3' }], style: 'chicago' },
      toolInvocationToken: undefined,
    });
    assert.strictEqual(
      textOf(result),
      [
        'Citation (chicago, as a footnote): Madiha Afzal, “The New, and Low, Normal in U.S.-Pakistan Relations,” Lawfare, January 2025, para. 3, https://www.lawfaremedia.org/article/the-new–and-low–normal-in-u.s.-pakistan-relations.',
        'Bibliography:',
        '- Afzal, Madiha. “The New, and Low, Normal in U.S.-Pakistan Relations.” Lawfare, January 2025. https://www.lawfaremedia.org/article/the-new–and-low–normal-in-u.s.-pakistan-relations.',
      ].join('\n'),
    );
    // leave the CSL engine unloaded, as activation does: other suites check that it loads lazily
    (await getApi()).agents!.releaseEngines();
    assert.ok(!Object.keys(require.cache).some(file => /[\\/]dist[\\/]csl\.js$/.test(file)), 'dist/csl.js is still loaded');
  });

  test('invokeTool: an unknown key is an error that names it and the nearest key', async () => {
    await assert.rejects(
      Promise.resolve(
        vscode.lm.invokeTool('dossier_cite', { input: { citations: [{ key: 'afzal2052' }] }, toolInvocationToken: undefined }),
      ),
      (error: Error) => /no report or note source has the key "afzal2052" \(did you mean afzal2025\?\)/.test(error.message),
    );
  });

  test('the MCP server definition is provided, and the server it names answers an MCP client', async function () {
    this.timeout(60000);
    const api = await getApi();
    const definitions = api.agents!.mcpServerDefinitions();
    assert.strictEqual(definitions.length, 1);
    const [definition] = definitions;
    assert.strictEqual(definition!.label, 'Dossier reports');
    assert.strictEqual(definition!.args[1], 'mcp');
    assert.ok(definition!.args[0]!.endsWith('cli.js') && fs.existsSync(definition!.args[0]!), `no CLI bundle at ${definition!.args[0]}`);
    const extension = vscode.extensions.getExtension('dossier.dossier')!;
    assert.deepStrictEqual(extension.packageJSON.contributes.mcpServerDefinitionProviders, [
      { id: 'dossier.mcp', label: 'Dossier reports' },
    ]);

    // start it as VS Code would, and shake hands
    const child = spawn(definition!.command, definition!.args, { env: { ...process.env, ...definition!.env } as NodeJS.ProcessEnv });
    try {
      let out = '';
      child.stdout.on('data', chunk => (out += String(chunk)));
      child.stdin.write(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'dossier-test', version: '1.0.0' } },
        }) + '\n',
      );
      const line = await waitFor(() => out.split('\n').find(l => l.includes('"id":1')), 45000, 'the MCP server to answer initialize');
      const answer = JSON.parse(line) as { result: { serverInfo: { name: string }; capabilities: { tools?: object; resources?: object } } };
      assert.strictEqual(answer.result.serverInfo.name, 'dossier');
      assert.ok(answer.result.capabilities.tools && answer.result.capabilities.resources, JSON.stringify(answer.result.capabilities));
    } finally {
      child.kill();
    }
  });

  test('@dossier with a fake model: every citation it writes is in the library, the invented one is removed, references open the reader', async () => {
    const api = await getApi();
    const model = fakeModel('Bangladesh faces 39 percent [2].\nA rumour says 50 percent [@madeUp2031].\n');
    const stream = fakeStream();
    const result = await api.agents!.chatHandler(
      chatRequest('tarrif bangladesh', model),
      { history: [] } as unknown as vscode.ChatContext,
      stream,
      new vscode.CancellationTokenSource().token,
    );
    const text = stream.markdownText();
    assert.match(model.asked[0]!, /Question: tarrif bangladesh$/);
    assert.match(text, /^Bangladesh faces 39 percent \[@usPakistanFlux2025, para\. 26\]\.\nA rumour says 50 percent\.\n/);
    assert.match(text, /_Removed a citation that your library does not have: madeUp2031\._$/);
    for (const [, key] of text.matchAll(/@([\w-]+)/g))
      assert.ok(api.library.current.byKey(key!), `the answer cites "${key}", which the library does not have`);
    assert.deepStrictEqual((result as { metadata: { removed: string[] } }).metadata.removed, ['madeUp2031']);

    // the references are places in the reader: the second is ¶26
    const reference = stream.references[1] as vscode.Location;
    assert.ok(reference instanceof vscode.Location, 'a reference is not a Location');
    assert.strictEqual(reference.uri.scheme, 'dossier-report');
    const document = await vscode.workspace.openTextDocument(reference.uri);
    assert.match(document.getText(reference.range), /^¶26 On the other hand, revised tariffs|^On the other hand, revised tariffs/);
  });

  test('@dossier /check summarises the fact-check of the open note; /figures lists figures with citations', async () => {
    const api = await getApi();
    await closeAllEditors();
    await openFixture('notes.md');
    const check = fakeStream();
    await api.agents!.chatHandler(
      chatRequest('', undefined, 'check'),
      { history: [] } as unknown as vscode.ChatContext,
      check,
      new vscode.CancellationTokenSource().token,
    );
    assert.match(check.markdownText(), /^\*\*notes\.md\*\*: /);
    const figures = fakeStream();
    await api.agents!.chatHandler(
      chatRequest('Bangladesh tariff', undefined, 'figures'),
      { history: [] } as unknown as vscode.ChatContext,
      figures,
      new vscode.CancellationTokenSource().token,
    );
    assert.match(figures.markdownText(), /^- \*\*39 percent\*\* — reciprocal tariff rate: Bangladesh \[@diplomat2025b\]/);
    await closeAllEditors();
  });
});
