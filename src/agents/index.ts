/**
 * Dossier for AI agents in VS Code: the tool core (src/core/tools.ts) as language-model tools, the
 * `@dossier` chat participant, and the `dossier mcp` server offered to VS Code's agents. Each host is
 * registered only where the editor has its API, so an older or trimmed-down editor still runs the rest.
 */
import * as vscode from 'vscode';
import type { CitationRef, CitationStyle } from '../core/cite';
import type { CiteResult, CslFormatter, DossierTools, Passage, ToolHost, ToolOutput } from '../core/tools';
import type { ToolName } from '../core/toolNames';
import { agentsEngine } from '../lazy/load';
import type { Feature } from '../services';
import { config } from '../shell/config';
import { chatHandler, registerChatParticipant } from './chatParticipant';
import { registerLanguageModelTools } from './languageModelTools';
import { mcpServerDefinitions, registerMcpServer } from './mcpServer';

/** What tests reach: the tools, the chat handler (called with a fake model and stream), the MCP definitions. */
export interface AgentsApi {
  readonly tools: DossierTools;
  readonly chatHandler: vscode.ChatRequestHandler;
  mcpServerDefinitions(): vscode.McpStdioServerDefinition[];
}

/** `csl`: the cite feature's CSL formatting (Chicago, APA, the analyst's .csl file), when it started. */
export function agentsFeature(csl: CslFormatter | undefined): Feature<never, { agents: AgentsApi }> {
  return ({ context, library, log }) => {
    const tools = new LazyTools({ dossier: library.dossier, csl, style: () => config.citationStyle() });
    const disposables: vscode.Disposable[] = [];
    // each API may be missing in an editor that does not offer chat (some VS Code forks, code-server builds)
    if (typeof vscode.lm?.registerTool === 'function') disposables.push(registerLanguageModelTools(tools, log));
    else log.info('Language-model tools are not available in this editor: Dossier offers none');
    if (typeof vscode.chat?.createChatParticipant === 'function') disposables.push(registerChatParticipant(context, tools, library));
    else log.info('Chat is not available in this editor: no @dossier participant');
    if (typeof vscode.lm?.registerMcpServerDefinitionProvider === 'function') disposables.push(registerMcpServer(context, library));
    else log.info('MCP servers are not available in this editor: run `dossier mcp` from another client');
    return {
      disposable: vscode.Disposable.from(...disposables),
      agents: { tools, chatHandler: chatHandler(tools, library), mcpServerDefinitions: () => mcpServerDefinitions(context, library) },
    };
  };
}

/** The tool core from the lazy bundle dist/agents.js, loaded at the first call: activation never pays for it. */
class LazyTools implements DossierTools {
  private loaded: DossierTools | undefined;

  constructor(private readonly host: ToolHost) {}

  private get core(): DossierTools {
    return (this.loaded ??= agentsEngine().createDossierTools(this.host));
  }

  get definitions(): DossierTools['definitions'] {
    return this.core.definitions;
  }

  run<N extends ToolName>(name: N, input: unknown): Promise<ToolOutput<N>> {
    return this.core.run(name, input);
  }

  passages(query: string, limit?: number): Promise<Passage[]> {
    return this.core.passages(query, limit);
  }

  cite(refs: readonly CitationRef[], style?: CitationStyle): Promise<CiteResult> {
    return this.core.cite(refs, style);
  }
}
