/**
 * Dossier for AI agents in VS Code: the tool core (src/core/tools.ts) as language-model tools, the
 * `@dossier` chat participant, and the `dossier mcp` server offered to VS Code's agents. Each host is
 * registered only where the editor has its API, so an older or trimmed-down editor still runs the rest.
 * Only the registrations are here: what runs a call is in the lazy bundle dist/agents.js, loaded at the
 * first tool call, chat request or MCP server lookup (the extension bundle stays within its 250 KB).
 */
import * as vscode from 'vscode';
import type { CiteService } from '../cite/citeService';
import type { DossierTools } from '../core/tools';
import { TOOL_NAMES } from '../core/toolNames';
import { agentsEngine } from '../lazy/load';
import type { Feature } from '../services';
import { config } from '../shell/config';

/** What tests reach: the tools, the chat handler (called with a fake model and stream), the MCP definitions. */
export interface AgentsApi {
  /** the tool core (loaded from dist/agents.js at the first call) */
  tools(): DossierTools;
  readonly chatHandler: vscode.ChatRequestHandler;
  mcpServerDefinitions(): vscode.McpStdioServerDefinition[];
  /** drops the CSL engine a formatted `cite` loaded, as its idle timer would (tests of what loads lazily) */
  releaseEngines(): void;
}

/** `cite`: the cite feature's service, whose CSL engine formats Chicago, APA and the analyst's .csl file (when it started). */
export function agentsFeature(cite: CiteService | undefined): Feature<never, { agents: AgentsApi }> {
  return ({ context, library, log }) => {
    // the tool core comes from the lazy bundle at the first call: activation never pays for it
    let core: DossierTools | undefined;
    const tools = () =>
      (core ??= agentsEngine().createDossierTools({
        dossier: library.dossier,
        csl: cite && agentsEngine().cslFormatter(cite),
        style: () => config.citationStyle(),
      }));
    const disposables: vscode.Disposable[] = [];
    // each API may be missing in an editor that does not offer chat (some VS Code forks, code-server builds)
    if (vscode.lm?.registerTool) {
      for (const name of TOOL_NAMES)
        disposables.push(
          // VS Code's name is prefixed, so "cite" cannot clash with another extension's tool
          vscode.lm.registerTool<Record<string, unknown>>(`dossier_${name}`, {
            prepareInvocation: ({ input }) => ({ invocationMessage: agentsEngine().invocationMessage(name, input) }),
            invoke: ({ input }) => agentsEngine().invokeTool(tools(), name, input, log),
          }),
        );
    }
    const chatHandler: vscode.ChatRequestHandler = (...request) => agentsEngine().chatHandler(tools(), library)(...request);
    if (vscode.chat?.createChatParticipant) {
      const participant = vscode.chat.createChatParticipant('dossier.chat', chatHandler);
      participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'dossier.svg');
      disposables.push(participant);
    }
    const mcpServerDefinitions = () => agentsEngine().mcpServerDefinitions(context, library);
    if (vscode.lm?.registerMcpServerDefinitionProvider) {
      disposables.push(
        vscode.lm.registerMcpServerDefinitionProvider('dossier.mcp', {
          // new reports: VS Code asks again (the citation style is read then too)
          onDidChangeMcpServerDefinitions: library.onDidChange as vscode.Event<unknown> as vscode.Event<void>,
          provideMcpServerDefinitions: mcpServerDefinitions,
        }),
      );
    }
    return {
      disposable: vscode.Disposable.from(...disposables),
      agents: { tools, chatHandler, mcpServerDefinitions, releaseEngines: () => cite?.csl.release() },
    };
  };
}
