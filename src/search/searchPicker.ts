import * as vscode from 'vscode';
import type { Library } from '../core/library';
import type { SearchHit, SearchIndex, SearchKind } from '../core/search';
import { noIcons } from '../shared/pickerText';
import type { ReportTarget } from '../shared/targets';
import { runCommand } from '../shell/commands';

const ICONS: Record<SearchKind, string> = {
  figure: 'symbol-number',
  footnote: 'note',
  paragraph: 'symbol-text',
  section: 'list-tree',
};

interface HitItem extends vscode.QuickPickItem {
  /** undefined for the "nothing found" line */
  hit?: SearchHit;
}

export interface PickerOptions {
  title: string;
  placeholder: string;
  kinds?: readonly SearchKind[];
  /** insert a figure as written with its citation (figure picker), rather than the citation alone */
  withFigureText?: boolean;
  /** what the picker shows before anything is typed */
  initialHits: (library: Library) => SearchHit[];
}

/**
 * A QuickPick over the search index. Our ranking decides what is shown (every item `alwaysShow`, so VS
 * Code's own filter hides nothing it cannot match, e.g. typos); VS Code highlights the label where the
 * typed words appear. Enter reveals in the reader; the item buttons insert or copy a citation.
 * Returns the hits shown for `initialQuery` (tests and scripts use this).
 */
export function showSearchPicker(index: SearchIndex, library: Library, options: PickerOptions, initialQuery = ''): SearchHit[] {
  const picker = vscode.window.createQuickPick<HitItem>();
  picker.title = options.title;
  picker.placeholder = options.placeholder;
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.keepScrollPosition = false;
  const insertButton: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon('quote'),
    tooltip: options.withFigureText ? vscode.l10n.t('Insert the figure with its citation') : vscode.l10n.t('Insert citation'),
  };
  const copyButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: vscode.l10n.t('Copy citation') };
  const buttons = [insertButton, copyButton];

  const show = (query: string): SearchHit[] => {
    const hits = query.trim() ? index.search(query, { kinds: options.kinds, limit: 60 }) : options.initialHits(library);
    picker.items = hits.length
      ? hits.map(hit => toItem(hit, buttons, library.reports.length > 1))
      : [
          {
            label: `$(info) ${query.trim() ? vscode.l10n.t('Nothing matches “{0}”', noIcons(query.trim().slice(0, 60))) : vscode.l10n.t('Nothing to show yet')}`,
            detail: options.kinds?.includes('figure')
              ? vscode.l10n.t('Try a value (845m, 29%) or what it measures (copper, tariff)')
              : vscode.l10n.t('Try other words, a value (845m) or an outlet'),
            alwaysShow: true,
          },
        ];
    return hits;
  };
  const shown = show(initialQuery);
  let pending: ReturnType<typeof setTimeout> | undefined;
  picker.value = initialQuery;

  const target = (hit: SearchHit): ReportTarget => ({ reportId: hit.reportId, kind: hit.kind, id: hit.id });
  const disposables: vscode.Disposable[] = [
    picker.onDidChangeValue(value => {
      // small libraries answer per keystroke; big ones wait for a pause in typing
      if (index.size < 5000) {
        show(value);
        return;
      }
      if (pending) clearTimeout(pending);
      picker.busy = true;
      pending = setTimeout(() => {
        pending = undefined;
        show(value);
        picker.busy = false;
      }, 90);
    }),
    picker.onDidAccept(() => {
      const hit = (picker.selectedItems[0] ?? picker.activeItems[0])?.hit;
      if (!hit) return;
      picker.hide();
      void runCommand('revealInReport', target(hit));
    }),
    picker.onDidTriggerItemButton(event => {
      const hit = event.item.hit;
      if (!hit) return;
      if (event.button === insertButton) {
        picker.hide();
        void runCommand('insertCitationFor', target(hit), { withFigureText: options.withFigureText && hit.kind === 'figure' });
      } else {
        void runCommand('copyCitationFor', target(hit));
      }
    }),
    picker.onDidHide(() => {
      if (pending) clearTimeout(pending);
      for (const d of disposables) d.dispose();
      picker.dispose();
    }),
  ];
  picker.show();
  return shown;
}

/**
 * One row. The place leads the detail line ("¶7 · New limitations"), where a long excerpt cannot push it
 * out of sight; the report is named only when there are several to tell apart.
 */
function toItem(hit: SearchHit, buttons: vscode.QuickInputButton[], severalReports: boolean): HitItem {
  const detail = severalReports ? [hit.where, hit.reportTitle].filter(Boolean).join(' \u00b7 ') : hit.where;
  return {
    label: `$(${ICONS[hit.kind]}) ${noIcons(hit.label)}`,
    // a paragraph's ¶ number is in the detail line already
    description: hit.kind === 'paragraph' ? undefined : noIcons(hit.description),
    detail: detail ? noIcons(detail) : undefined,
    alwaysShow: true,
    buttons,
    hit,
  };
}
