/**
 * The five tools of src/core/tools.ts as VS Code language-model tools (`vscode.lm.registerTool`), so agent
 * mode and any chat participant can call them. Their names, descriptions and schemas are declared in
 * package.json (`contributes.languageModelTools`, checked against the core by test/unit/agents.test.ts).
 */
import * as vscode from 'vscode';
import { errorMessage } from '../core/errors';
import type { DossierTools } from '../core/tools';
import { TOOL_NAMES, type ToolName } from '../core/toolNames';

/** VS Code's name of a tool: prefixed, so "cite" cannot clash with another extension's. */
export function vscodeToolName(name: ToolName): string {
  return `dossier_${name}`;
}

export function registerLanguageModelTools(tools: DossierTools, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    ...TOOL_NAMES.map(name =>
      vscode.lm.registerTool<Record<string, unknown>>(vscodeToolName(name), {
        prepareInvocation: ({ input }) => ({ invocationMessage: invocationMessage(name, input) }),
        invoke: async ({ input }) => {
          try {
            const output = await tools.run(name, input);
            return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(output.text)]);
          } catch (error) {
            // the message goes to the model, which can correct its input; anything else is also a bug to log
            // (by name: the error comes from the lazy bundle, whose classes are not this bundle's)
            if (!(error instanceof Error && error.name === 'ToolInputError'))
              log.error(error instanceof Error ? error : new Error(String(error)));
            throw new Error(`${name}: ${errorMessage(error)}`);
          }
        },
      }),
    ),
  );
}

function invocationMessage(name: ToolName, input: Record<string, unknown>): string {
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
