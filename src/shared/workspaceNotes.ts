/**
 * The analyst's Markdown notes across the workspace, open or not: what Show All Mentions and Check All Notes
 * read (only from dist/commands.js). An open note is read as the editor holds it, unsaved edits included; the
 * others from disk, and only files `workspace.findFiles` returns, which lie inside the workspace's folders
 * (in Restricted Mode too). Which files, and what is said about the rest: src/core/workspaceNotes.ts.
 */
import * as vscode from 'vscode';
import { analyseNoteSteps, type NoteAnalysis } from '../core/note';
import { lineColumns } from '../core/text';
import { notesToRead, type NoteFile, type NotesToRead, MAX_WORKSPACE_NOTES } from '../core/workspaceNotes';
import { noteAnalysisInSlices } from './noteAnalysis';
import { runInSlices } from '../core/steps';
import { isNoteDocument } from './notes';

const NOTE_GLOB = '**/*.{md,markdown}';

export interface WorkspaceNoteFile extends NoteFile {
  uri: vscode.Uri;
}

export interface WorkspaceNote {
  uri: vscode.Uri;
  text: string;
  analysis: NoteAnalysis;
  /** the open document, when the note is open */
  document?: vscode.TextDocument;
  /** the position of an offset in the text */
  positionAt(offset: number): vscode.Position;
}

/**
 * The notes to read: the open notes, then the workspace's Markdown files (the `files.exclude` and
 * `search.exclude` settings apply), without `skip` (URIs of files that are no notes: the library's reports).
 */
export async function workspaceNoteFiles(
  skip: ReadonlySet<string>,
  token?: vscode.CancellationToken,
): Promise<NotesToRead<WorkspaceNoteFile>> {
  const open: WorkspaceNoteFile[] = openNotes().map(d => ({ uri: d.uri, location: d.uri.toString(), open: true }));
  const openLocations = new Set(open.map(f => f.location));
  const found = vscode.workspace.workspaceFolders?.length
    ? await vscode.workspace.findFiles(NOTE_GLOB, excludeGlob(), MAX_WORKSPACE_NOTES * 2, token)
    : [];
  const onDisk = found.filter(uri => !openLocations.has(uri.toString())).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const sized = await Promise.all(
    onDisk.map(async (uri): Promise<WorkspaceNoteFile> => ({ uri, location: uri.toString(), size: await sizeOf(uri) })),
  );
  return notesToRead([...open, ...sized], skip);
}

/**
 * One note's text and reading, read in slices between other work: the open document's if it is open, else
 * the file's. Undefined if the file cannot be read, the open note changed meanwhile, or `cancelled()`.
 */
export async function readWorkspaceNote(
  file: WorkspaceNoteFile,
  cancelled: () => boolean = () => false,
): Promise<WorkspaceNote | undefined> {
  const document = openNotes().find(d => d.uri.toString() === file.location);
  if (document) {
    const text = document.getText();
    const analysis = await noteAnalysisInSlices(document);
    if (!analysis || cancelled()) return undefined;
    return { uri: file.uri, text, analysis, document, positionAt: offset => document.positionAt(offset) };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(file.uri));
  } catch {
    return undefined; // deleted meanwhile, or unreadable: no note to read
  }
  const analysis = await runInSlices(analyseNoteSteps(text), cancelled);
  if (!analysis) return undefined;
  let at: ReturnType<typeof lineColumns> | undefined;
  return {
    uri: file.uri,
    text,
    analysis,
    positionAt: offset => {
      at ??= lineColumns(text); // the line starts, once, and only for a note that has something to show
      const { line, column } = at(offset);
      return new vscode.Position(line - 1, column - 1);
    },
  };
}

/**
 * The open notes. A closed document can linger in `textDocuments` for a while, and a new untitled note may
 * take its name ("Untitled-1"): only the one still open is the analyst's text.
 */
function openNotes(): vscode.TextDocument[] {
  return vscode.workspace.textDocuments.filter(d => !d.isClosed && isNoteDocument(d));
}

async function sizeOf(uri: vscode.Uri): Promise<number> {
  try {
    return (await vscode.workspace.fs.stat(uri)).size;
  } catch {
    return 0; // gone meanwhile: reading it says so
  }
}

/**
 * `files.exclude` and `search.exclude` as one glob: findFiles applies `files.exclude` only when given no
 * exclude of its own, so both go in. Patterns holding braces or commas cannot join a `{a,b}` group and are
 * left out, as are conditional ones (`{ "when": … }`).
 */
function excludeGlob(): string | undefined {
  const patterns = new Set<string>();
  for (const section of ['files', 'search']) {
    const settings = vscode.workspace.getConfiguration(section).get<Record<string, unknown>>('exclude') ?? {};
    for (const [pattern, on] of Object.entries(settings)) if (on === true && !/[{},]/.test(pattern)) patterns.add(pattern);
  }
  return patterns.size ? `{${[...patterns].join(',')}}` : undefined;
}
