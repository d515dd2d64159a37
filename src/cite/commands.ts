/**
 * Citation commands: the picker (`dossier.insertCitation`), and the cross-feature commands the outline,
 * pickers, hovers and quick fixes call (`dossier.insertCitationFor`, `dossier.copyCitationFor`).
 */
import * as vscode from 'vscode';
import { CITATION_STYLES, pandocCitation, type CitationItem, type CitationStyle } from '../core/cite';
import { noIcons } from '../shared/pickerText';
import type { CommandHandlers, InsertOptions } from '../shared/commands';
import { isReportTarget } from '../shared/targets';
import type { CiteService } from './citeService';
import { codicon, kindWord } from './documentation';
import { errorMessage } from '../core/errors';

interface PickItem extends vscode.QuickPickItem {
  item?: CitationItem;
  insert?: true;
}

/** The handlers of the citation commands. A failure (an unusable .csl file, say) is reported by the command registry. */
export function citationCommands(
  cite: CiteService,
  log: vscode.LogOutputChannel,
): Pick<CommandHandlers, 'insertCitation' | 'insertCitationFor' | 'copyCitationFor'> {
  const insertOrCopy = async (items: CitationItem[], options: InsertOptions): Promise<boolean> => {
    if (cite.noteEditor() || options.at) return cite.insert(items, options);
    // Nowhere to insert: put it on the clipboard instead and say so.
    const citation = await cite.citationText(items, options.style);
    await vscode.env.clipboard.writeText(citation.text);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open a Markdown note to insert citations; the citation was copied to the clipboard.'),
    );
    return false;
  };

  /** The item a target names; a target that is not one, or not in the library, is an error the user sees. */
  const itemFor = async (target: unknown): Promise<CitationItem> => {
    if (!isReportTarget(target)) throw new Error(vscode.l10n.t('nothing to cite'));
    const item = await cite.itemFor(target);
    if (!item) throw new Error(vscode.l10n.t('{0} {1} is not in the library', target.kind, target.id));
    return item;
  };

  return {
    // with `targets` (scripts, tests) it cites them without showing the picker
    insertCitation: async args => {
      let items: CitationItem[] | undefined;
      if (Array.isArray(args?.targets)) {
        items = [];
        for (const target of args.targets.filter(isReportTarget)) {
          const item = await cite.itemFor(target);
          if (item) items.push(item);
        }
      } else {
        items = await pickCitations(cite);
      }
      if (!items?.length) return false;
      return insertOrCopy(items, { style: knownStyle(args?.style) });
    },

    insertCitationFor: async (target, options) => {
      const item = await itemFor(target);
      const safe: InsertOptions = {
        withFigureText: options?.withFigureText === true,
        style: knownStyle(options?.style),
        at: options?.at && typeof options.at.uri === 'string' && Number.isInteger(options.at.offset) ? options.at : undefined,
      };
      return insertOrCopy([item], safe);
    },

    copyCitationFor: async (target, options) => {
      const citation = await cite.citationText([await itemFor(target)], knownStyle(options?.style));
      try {
        await vscode.env.clipboard.writeText(citation.text);
      } catch (error) {
        // Browsers may refuse clipboard access; the caller still gets the text.
        log.warn(`clipboard: ${errorMessage(error)}`);
      }
      vscode.window.setStatusBarMessage(vscode.l10n.t('Citation copied: {0}', noIcons(citation.text.slice(0, 80))), 4000);
      return citation.text;
    },
  };
}

/** A style named by a caller, if Dossier knows it (the setting's style otherwise). */
function knownStyle(style: unknown): CitationStyle | undefined {
  return CITATION_STYLES.find(s => s === style);
}

/** The open citation picker's "add the highlighted source and keep choosing" (Ctrl+Enter), if one is open. */
let addHighlighted: (() => void) | undefined;

/** Ctrl+Enter (Cmd+Enter) in the citation picker: adds the highlighted source and keeps the picker open. */
export function addToCitation(): void {
  addHighlighted?.();
}

/**
 * The picker: Enter inserts the highlighted source (with any chosen before it). To cite several at once,
 * Ctrl+Enter or a row's + button adds a source and keeps the picker open; the first row then inserts all of
 * them as one multi-citation. Escape cancels. Works with the keyboard alone, and its title tells screen
 * readers what is chosen so far.
 */
function pickCitations(cite: CiteService): Promise<CitationItem[] | undefined> {
  return cite.items().then(
    all =>
      new Promise<CitationItem[] | undefined>(resolve => {
        const chosen: CitationItem[] = [];
        const picker = vscode.window.createQuickPick<PickItem>();
        picker.matchOnDescription = true;
        picker.matchOnDetail = true;
        picker.placeholder = vscode.l10n.t('Type an author, title, outlet, figure or paragraph; Enter inserts it, Ctrl+Enter adds another');
        const addButton: vscode.QuickInputButton = {
          iconPath: new vscode.ThemeIcon('add'),
          tooltip: vscode.l10n.t('Add to the citation and choose another (Ctrl+Enter)'),
        };
        const sourceRows: PickItem[] = all.map(item => ({
          item,
          label: `${codicon(item)} ${noIcons(item.label)}`,
          description: kindWord(item),
          // the key leads the second line, where a long title cannot cut it off
          detail: `@${noIcons(item.key)}${item.locator ? `, ${noIcons(item.locator)}` : ''} \u00b7 ${noIcons(item.detail)}`,
          buttons: [addButton],
        }));
        const insertButton: vscode.QuickInputButton = {
          iconPath: new vscode.ThemeIcon('check'),
          tooltip: vscode.l10n.t('Insert the citation'),
        };
        const refresh = () => {
          const rows: PickItem[] = [];
          // The insert row only while nothing is typed, so Enter on a filtered list cites the best match.
          if (chosen.length && picker.value === '') {
            rows.push({
              insert: true,
              alwaysShow: true,
              label: `$(check) ${vscode.l10n.t('Insert {0}', noIcons(pandocCitation(chosen)))}`,
              description: vscode.l10n.t('{0} chosen · style: {1}', chosen.length, cite.style()),
            });
            rows.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
          }
          rows.push(...sourceRows.filter(r => !chosen.includes(r.item!)));
          picker.items = rows;
          picker.title = chosen.length
            ? vscode.l10n.t(
                'Cite: {0} — Enter inserts, Ctrl+Enter adds another, Escape cancels',
                chosen.map(c => c.key + (c.locator ? ` ${c.locator}` : '')).join('; '),
              )
            : vscode.l10n.t('Insert citation');
          picker.buttons = chosen.length ? [insertButton] : [];
        };
        const add = (row: PickItem | undefined) => {
          if (!row?.item || chosen.includes(row.item)) return;
          chosen.push(row.item);
          picker.value = '';
          refresh();
        };
        let done = false;
        const finish = (result: CitationItem[] | undefined) => {
          if (done) return;
          done = true;
          addHighlighted = undefined;
          void vscode.commands.executeCommand('setContext', 'dossier.choosingCitation', false);
          resolve(result);
          picker.dispose();
        };
        picker.onDidTriggerButton(() => finish([...chosen]));
        picker.onDidTriggerItemButton(e => add(e.item));
        let hadValue = false;
        picker.onDidChangeValue(value => {
          if ((value !== '') !== hadValue) {
            hadValue = value !== '';
            refresh();
          }
        });
        picker.onDidAccept(() => {
          const active = picker.activeItems[0];
          if (active?.item && !chosen.includes(active.item)) chosen.push(active.item);
          finish(chosen.length ? [...chosen] : undefined);
        });
        picker.onDidHide(() => finish(undefined));
        refresh();
        addHighlighted = () => add(picker.activeItems[0]);
        void vscode.commands.executeCommand('setContext', 'dossier.choosingCitation', true);
        picker.show();
      }),
  );
}
