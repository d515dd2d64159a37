/**
 * `@dossier` in the Chat view: answers from the analyst's reports with the model they chose
 * (`request.model`), every claim followed by its citation in their style, with references that open each
 * passage in the reader. `/cite` inserts the citation of the best passage into the note, `/figures` lists
 * the figures on a topic, `/check` fact-checks the note. The answers themselves are src/core/chatAnswer.ts.
 * This handler lives in the lazy bundle dist/agents.js with them (src/agents/index.ts loads it at the first
 * request).
 */
import * as vscode from 'vscode';
import type { AnswerSink, ChatModel } from '../core/chatAnswer';
import type { CitedTarget } from '../core/cite';
import { errorMessage } from '../core/errors';
import { spanFor } from '../core/reader';
import type { DossierTools } from '../core/tools';
import { agentsEngine } from '../lazy/load';
import type { LibraryService } from '../library/libraryService';
import { isNoteDocument } from '../shared/notes';
import { rangeOf } from '../shared/positions';
import { readerUri } from '../shared/readerUri';
import { runCommand } from '../shell/commands';
import { config } from '../shell/config';

/** What a chat request result carries for tests and follow-ups: the keys cited and the ones removed. */
export interface DossierChatMetadata {
  command?: string;
  cited: string[];
  removed: string[];
}

export function chatHandler(tools: DossierTools, library: LibraryService): vscode.ChatRequestHandler {
  return async (request, _context, stream, token): Promise<vscode.ChatResult> => {
    const style = config.citationStyle();
    const sink = chatSink(stream, library);
    const prompt = request.prompt.trim();
    try {
      switch (request.command) {
        case 'cite':
          return await citeIntoNote(tools, prompt, stream, style);
        case 'figures': {
          if (!prompt) return say(stream, vscode.l10n.t('Name a topic, e.g. `/figures reciprocal tariffs`.'), 'figures');
          const { structured } = await tools.run('get_figure', { text: prompt });
          stream.markdown(await agentsEngine().figuresMarkdown(structured.figures, tools, style, prompt));
          for (const f of structured.figures) await sink.reference(f.target, f.figure.asWritten);
          return {
            metadata: { command: 'figures', cited: structured.figures.map(f => f.cite.key), removed: [] } satisfies DossierChatMetadata,
          };
        }
        case 'check': {
          const editor = noteEditor();
          if (!editor) return say(stream, vscode.l10n.t('Open the Markdown note to check, then ask again.'), 'check');
          const { structured } = await tools.run('check_draft', { markdown: editor.document.getText() });
          stream.markdown(agentsEngine().checkMarkdown(structured, vscode.workspace.asRelativePath(editor.document.uri)));
          return { metadata: { command: 'check', cited: [], removed: [] } satisfies DossierChatMetadata };
        }
        default: {
          if (!prompt) return say(stream, vscode.l10n.t('Ask a question about your reports, e.g. “What tariff does Bangladesh face?”'));
          const result = await agentsEngine().answerQuestion(tools, prompt, sink, {
            model: request.model ? modelOf(request.model, token) : undefined,
            style,
            cancelled: () => token.isCancellationRequested,
          });
          return { metadata: { cited: result.cited, removed: result.removed } satisfies DossierChatMetadata };
        }
      }
    } catch (error) {
      return { errorDetails: { message: errorMessage(error) }, metadata: { command: request.command, cited: [], removed: [] } };
    }
  };
}

/** The chosen model as the core's ChatModel: its text, fragment by fragment. */
function modelOf(model: vscode.LanguageModelChat, token: vscode.CancellationToken): ChatModel {
  return async function* (messages) {
    // the chat API has no system role: the instructions open the user's turn
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User(messages.map(m => m.text).join('\n\n'))], {}, token);
    for await (const fragment of response.text) yield fragment;
  };
}

/** Markdown to the stream; each passage as a reference that opens it in the reader. */
function chatSink(stream: vscode.ChatResponseStream, library: LibraryService): AnswerSink {
  return {
    markdown: text => stream.markdown(text),
    reference: async (target: CitedTarget) => {
      const location = await readerLocation(library, target);
      if (location) stream.reference(location);
    },
  };
}

/** Where a passage sits in its reader tab (the reader's document provider serves the address). */
export async function readerLocation(library: LibraryService, target: CitedTarget): Promise<vscode.Location | undefined> {
  const report = library.current.report(target.reportId);
  if (!report) return undefined;
  const uri = readerUri(report);
  const span = spanFor(library.current.readerText(report).index, target);
  const document = await vscode.workspace.openTextDocument(uri);
  return new vscode.Location(uri, span ? rangeOf(document, span.start, span.end) : new vscode.Position(0, 0));
}

async function citeIntoNote(
  tools: DossierTools,
  topic: string,
  stream: vscode.ChatResponseStream,
  style: ReturnType<typeof config.citationStyle>,
) {
  if (!topic) return say(stream, vscode.l10n.t('Say what to cite, e.g. `/cite Bangladesh tariff rate`.'), 'cite');
  const [best] = await tools.passages(topic, 1);
  if (!best) return say(stream, vscode.l10n.t('Nothing in your reports matches “{0}”.', topic), 'cite');
  const citation = await tools.cite([{ key: best.cite.key, locator: best.cite.locator }], style);
  const editor = noteEditor();
  const inserted = editor ? await runCommand('insertCitationFor', best.target, { style }) : false;
  stream.markdown(
    inserted && editor
      ? vscode.l10n.t('Cited in {0}: {1}', vscode.workspace.asRelativePath(editor.document.uri), citation.citation)
      : vscode.l10n.t('Open a Markdown note to insert it. The citation: {0}', citation.citation),
  );
  return { metadata: { command: 'cite', cited: citation.keys, removed: [] } satisfies DossierChatMetadata };
}

function noteEditor(): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active && isNoteDocument(active.document)) return active;
  return vscode.window.visibleTextEditors.find(e => isNoteDocument(e.document));
}

function say(stream: vscode.ChatResponseStream, text: string, command?: string): vscode.ChatResult {
  stream.markdown(text);
  return { metadata: { command, cited: [], removed: [] } satisfies DossierChatMetadata };
}
