/**
 * The Dossier tree (view `dossier.outline`): each report a root, with its sections, notes and figures.
 * Selecting an item reveals it in the reader; with `dossier.outline.followCursor` the tree follows the
 * reader's cursor.
 */
import * as vscode from 'vscode';
import type { SpanKind } from '../core/spans';
import type { Feature } from '../services';
import { offsetOf, showsReader } from '../shared/positions';
import { reportIdOf } from '../shared/readerUri';
import type { ReportTarget } from '../shared/targets';
import { OutlineTree, type OutlineElement } from './outlineTree';

const FOLLOWED: readonly SpanKind[] = ['figure', 'paragraph', 'footnote', 'heading', 'title'];

export const outlineFeature: Feature = ({ library, log }) => {
  const tree = new OutlineTree(library.current);
  const view = vscode.window.createTreeView('dossier.outline', { treeDataProvider: tree, showCollapseAll: true });
  let pending: ReturnType<typeof setTimeout> | undefined;

  const follow = (editor: vscode.TextEditor) => {
    const reportId = reportIdOf(editor.document.uri);
    if (reportId === undefined || !view.visible) return;
    if (!vscode.workspace.getConfiguration('dossier.outline').get<boolean>('followCursor', true)) return;
    const report = library.current.report(reportId);
    if (!report) return;
    const reader = library.current.readerText(report);
    if (!showsReader(editor.document, reader)) return;
    const offset = offsetOf(editor.document, editor.selection.active);
    const span = [...reader.index.chainAt(offset)].reverse().find(s => FOLLOWED.includes(s.kind));
    if (!span) return;
    const target = targetOfSpan(reportId, span.kind, span.id);
    const node = target && tree.nodeFor(target);
    if (node && view.selection[0]?.key !== node.key) {
      view.reveal(node, { select: true, focus: false, expand: false }).then(undefined, error => log.debug(`outline reveal: ${error}`));
    }
  };

  // In Restricted Mode the tree says why the workspace's own reports are missing.
  const showRestriction = () => library.restriction().then(message => { view.message = message; }, error => log.debug(`outline message: ${error}`));
  void showRestriction();

  return vscode.Disposable.from(
    tree,
    view,
    library.onDidChange(current => {
      tree.setLibrary(current);
      void showRestriction();
    }),
    vscode.window.onDidChangeTextEditorSelection(event => {
      // a burst of cursor moves (holding an arrow key) reveals once
      if (pending) clearTimeout(pending);
      pending = setTimeout(() => follow(event.textEditor), 80);
    }),
    { dispose: () => pending && clearTimeout(pending) },
    // For tests and scripts: what the tree has selected, as targets.
    vscode.commands.registerCommand('dossier.outline.selection', (): ReportTarget[] => view.selection.map(e => ({ reportId: e.reportId, kind: e.kind, id: e.id }))),
    // For tests and scripts: the line above the tree (Restricted Mode), once it is worked out.
    vscode.commands.registerCommand('dossier.outline.message', async () => (await showRestriction(), view.message)),
    // For tests and scripts: the tree as plain data (labels, descriptions, context values), `depth` levels down.
    vscode.commands.registerCommand('dossier.outline.describe', async (depth = 3) => {
      tree.setLibrary(await library.ready());
      return describe(tree, undefined, Math.min(Number(depth) || 1, 6));
    }),
  );
};

/** The target of the thing under the cursor. */
function targetOfSpan(reportId: string, kind: SpanKind, id: string): ReportTarget | undefined {
  switch (kind) {
    case 'figure': return { reportId, kind: 'figure', id };
    case 'paragraph': return { reportId, kind: 'paragraph', id };
    case 'footnote': return { reportId, kind: 'footnote', id };
    case 'heading': return { reportId, kind: 'section', id };
    case 'title': return { reportId, kind: 'report', id };
    default: return undefined;
  }
}

interface DescribedNode {
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  target: ReportTarget;
  children?: DescribedNode[];
}

function describe(tree: OutlineTree, element: OutlineElement | undefined, depth: number): DescribedNode[] {
  return tree.getChildren(element).map(child => {
    const item = tree.getTreeItem(child);
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    const node: DescribedNode = {
      label,
      description: typeof item.description === 'string' ? item.description : undefined,
      tooltip: item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip,
      contextValue: item.contextValue,
      target: { reportId: child.reportId, kind: child.kind, id: child.id },
    };
    if (depth > 1 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) node.children = describe(tree, child, depth - 1);
    return node;
  });
}
