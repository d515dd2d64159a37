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
import { config } from '../shell/config';
import { runCommand } from '../shell/commands';
import { urisOfUriList } from '../core/reportSource';
import { OutlineTree, type OutlineElement } from './outlineTree';

const FOLLOWED: readonly SpanKind[] = ['figure', 'paragraph', 'footnote', 'heading', 'title'];

/** What the API shows of the tree (for tests and scripts). */
export interface OutlineApi {
  /** what the tree has selected, as targets */
  selection(): ReportTarget[];
  /** whether the tree is on screen (its view open in the side bar) */
  visible(): boolean;
  /** the line above the tree (Restricted Mode), once it is worked out */
  message(): Promise<string | undefined>;
  /** the tree as plain data (labels, descriptions, context values), `depth` levels down (at most 6) */
  describe(depth?: number): Promise<DescribedNode[]>;
}

export const outlineFeature: Feature<never, { outline: OutlineApi }> = ({ library, log }) => {
  // the tree says "Loading reports…" until the first load (which starts after activation) gives it a library
  const tree = new OutlineTree();
  const view = vscode.window.createTreeView('dossier.outline', {
    treeDataProvider: tree,
    showCollapseAll: true,
    dragAndDropController: dropReports,
  });
  let pending: ReturnType<typeof setTimeout> | undefined;

  const follow = (editor: vscode.TextEditor) => {
    const reportId = reportIdOf(editor.document.uri);
    if (reportId === undefined || !view.visible) return;
    if (!config.followCursor()) return;
    const report = library.current.report(reportId);
    if (!report) return;
    const reader = library.current.readerText(report);
    if (!showsReader(editor.document, reader)) return;
    const offset = offsetOf(editor.document, editor.selection.active);
    const span = [...reader.index.chainAt(offset)].reverse().find(s => FOLLOWED.includes(s.kind));
    if (!span) return;
    // the cursor is on what the tree has selected, as precisely (the tree's own reveal put it there, say a
    // figure under Figures): leave the selection alone rather than jump to another node for the same text
    const selected = view.selection[0];
    const selectedSpan =
      selected && selected.reportId === reportId && selected.kind !== 'report' ? reader.index.find(selected.kind, selected.id) : undefined;
    if (
      selectedSpan &&
      selectedSpan.start <= offset &&
      offset <= selectedSpan.end &&
      span.start <= selectedSpan.start &&
      selectedSpan.end <= span.end
    )
      return;
    const target = targetOfSpan(reportId, span.kind, span.id);
    const node = target && tree.nodeFor(target);
    if (node && view.selection[0]?.key !== node.key) {
      view.reveal(node, { select: true, focus: false, expand: false }).then(undefined, error => log.debug(`outline reveal: ${error}`));
    }
  };

  // In Restricted Mode the tree says why the workspace's own reports are missing.
  const showRestriction = () =>
    library.restriction().then(
      message => {
        view.message = message;
      },
      error => log.debug(`outline message: ${error}`),
    );
  void showRestriction();

  return {
    disposable: vscode.Disposable.from(
      tree,
      view,
      library.onDidChange(current => {
        tree.setLibrary(current, library.lastLoad);
        void showRestriction();
      }),
      vscode.window.onDidChangeTextEditorSelection(event => {
        // a burst of cursor moves (holding an arrow key) reveals once
        if (pending) clearTimeout(pending);
        pending = setTimeout(() => follow(event.textEditor), 80);
      }),
      { dispose: () => pending && clearTimeout(pending) },
    ),
    outline: {
      selection: () => view.selection.map(e => ({ reportId: e.reportId, kind: e.kind, id: e.id })),
      visible: () => view.visible,
      message: async () => {
        await showRestriction();
        return view.message;
      },
      describe: async (depth = 3) => {
        tree.setLibrary(await library.ready(), library.lastLoad);
        return describe(tree, undefined, Math.min(Math.max(1, Math.floor(depth)), 6));
      },
    },
  };
};

/**
 * Files and folders dropped on the tree (from the Explorer, or the system's file manager) are added to the
 * library, as by Add Reports…. The tree's own items are not dragged.
 */
const dropReports: vscode.TreeDragAndDropController<OutlineElement> = {
  dropMimeTypes: ['text/uri-list', 'files'],
  dragMimeTypes: [],
  async handleDrop(_target, data) {
    const uris = new Set(urisOfUriList((await data.get('text/uri-list')?.asString()) ?? ''));
    data.forEach(item => {
      const uri = item.asFile()?.uri;
      if (uri) uris.add(uri.toString());
    });
    if (uris.size) await runCommand('addReports', [...uris]);
  },
};

/** The target of the thing under the cursor. */
function targetOfSpan(reportId: string, kind: SpanKind, id: string): ReportTarget | undefined {
  switch (kind) {
    case 'figure':
      return { reportId, kind: 'figure', id };
    case 'paragraph':
      return { reportId, kind: 'paragraph', id };
    case 'footnote':
      return { reportId, kind: 'footnote', id };
    case 'heading':
      return { reportId, kind: 'section', id };
    case 'title':
      return { reportId, kind: 'report', id };
    default:
      return undefined;
  }
}

export interface DescribedNode {
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
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
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
