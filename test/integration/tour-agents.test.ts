// README tour, agents: @dossier's answer to a question, with a stub model (no language model runs here).
// code-server 4.139.1 opens no Chat view without a chat extension (workbench.action.chat.open showed nothing),
// so the participant's Markdown answer, exactly as it streamed it, is shown in VS Code's Markdown preview. Run with `node test/e2e/run.js --tour --grep "Tour: agents"`.
import * as vscode from 'vscode';
import { closeAllEditors, getApi, screenshot, sleep } from './helpers';

const QUESTION = 'What reciprocal tariff does Bangladesh face, compared with Pakistan?';
// what a model would write from the numbered passages Dossier hands it (the numbers are passages, not notes)
const STUB_REPLY = [
  'Bangladesh faces a reciprocal tariff of 39 percent, against 29 percent for Pakistan [1][3].',
  'Vietnam, another textile competitor, faces 46 percent [4].',
  'The report reads the gap as an opening: Pakistan’s competitively priced textiles could win U.S. market share [2].',
  'Some analysts expect the rate to fall to 15 percent [@tradeWatch2026].',
  '',
].join('\n');

suite('Tour: agents', () => {
  test('@dossier answers from the reports, cited, with an invented source removed', async function () {
    this.timeout(120000);
    const api = await getApi();
    await api.library.ready();
    await closeAllEditors();
    const model = {
      id: 'stub',
      name: 'Stub model',
      vendor: 'dossier-tour',
      family: 'stub',
      version: '1',
      maxInputTokens: 100_000,
      countTokens: async () => 1,
      sendRequest: async () => {
        async function* text() {
          for (const line of STUB_REPLY.split(/(?<=\n)/)) yield line;
        }
        return { text: text(), stream: text() };
      },
    } as unknown as vscode.LanguageModelChat;
    const parts: string[] = [];
    const references: vscode.Location[] = [];
    const stream = {
      markdown: (value: string | vscode.MarkdownString) => parts.push(typeof value === 'string' ? value : value.value),
      reference: (value: vscode.Location) => references.push(value),
    } as unknown as vscode.ChatResponseStream;
    await api.agents!.chatHandler(
      {
        prompt: QUESTION,
        command: undefined,
        model,
        references: [],
        toolReferences: [],
        toolInvocationToken: undefined,
      } as unknown as vscode.ChatRequest,
      { history: [] } as unknown as vscode.ChatContext,
      stream,
      new vscode.CancellationTokenSource().token,
    );
    const passages = await api.agents!.tools().passages(QUESTION, 6);
    const used = passages
      .map((p, i) => `${i + 1}. “${p.reportTitle}”, ${p.kind === 'figure' ? 'figure in ' : ''}¶${p.paragraph}`)
      .join('\n');
    const transcript = [
      `**You:** @dossier ${QUESTION}`,
      '',
      `**Dossier** _(used ${references.length} references)_`,
      '',
      parts.join(''),
      '',
      '---',
      `References (each opens its passage in the reader):\n\n${used}`,
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: transcript });
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('markdown.showPreview');
    await sleep(2500);
    await screenshot('agents-chat-answer');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
