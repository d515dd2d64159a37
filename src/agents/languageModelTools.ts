/**
 * The five tools of src/core/tools.ts as VS Code language-model tools, so agent mode and any chat
 * participant can call them: src/agents/index.ts registers them (`vscode.lm.registerTool`) and this code,
 * in the lazy bundle dist/agents.js, runs a call. Their names, descriptions and schemas are declared in
 * package.json (`contributes.languageModelTools`, checked against the core by test/unit/tools.test.ts).
 */
import * as vscode from 'vscode';
import { errorMessage } from '../core/errors';
import { ToolInputError, type DossierTools } from '../core/tools';
import type { ToolName } from '../core/toolNames';

/** VS Code's name of a tool: prefixed, so "cite" cannot clash with another extension's. */
export function vscodeToolName(name: ToolName): string {
  return `dossier_${name}`;
}

/** A tool call from VS Code: the core's text for the model, or an error whose message the model can act on. */
export async function invokeTool(
  tools: DossierTools,
  name: ToolName,
  input: Record<string, unknown>,
  log: vscode.LogOutputChannel,
): Promise<vscode.LanguageModelToolResult> {
  try {
    const output = await tools.run(name, input);
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(output.text)]);
  } catch (error) {
    // bad input is the model's to correct; anything else is also a bug to log
    if (!(error instanceof ToolInputError)) log.error(error instanceof Error ? error : new Error(String(error)));
    throw new Error(`${name}: ${errorMessage(error)}`);
  }
}

/** What the chat shows while a tool runs. */
export function invocationMessage(name: ToolName, input: Record<string, unknown>): string {
  const words = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim().slice(0, 60) : '');
  switch (name) {
    case 'search_reports':
      return vscode.l10n.t('Searching the reports for “{0}”', words(input.query));
    case 'get_figure':
      return vscode.l10n.t('Looking up the figure {0}', words(input.id ?? input.text));
    case 'get_passage':
      return vscode.l10n.t('Reading a passage of {0}', words(input.report));
    case 'cite':
      return vscode.l10n.t('Formatting a citation');
    case 'check_draft':
      return vscode.l10n.t('Fact-checking the draft against the reports');
  }
}
