import * as vscode from 'vscode';
import { fullNote, pagesLocator, resolveFootnote } from '../core/cite';
import type { LoadedReport, LoadResult, ReportNotice, ReportOrigin } from '../core/dossier';
import { plainLine } from '../core/escape';
import type { Library } from '../core/library';
import { figuresByParagraph } from '../core/paragraphs';
import { subjectBeyondText } from '../core/figures';
import type { Figure, Footnote, Report } from '../core/model';
import { formatDate, openingWords } from '../core/reader';
import { escapeMarkdown } from '../shared/markdown';
import { commands } from '../shared/commands';
import type { ReportTarget } from '../shared/targets';

type ElementType =
  'report' | 'section' | 'paragraph' | 'notes' | 'footnote' | 'figures' | 'figureSection' | 'figure' | 'unreadable' | 'loading';

/**
 * One node of the Dossier tree. It is also a ReportTarget (reportId, kind, id), so the commands of its
 * context menu receive it as their target. Group nodes (notes, figures) point at their report.
 */
export interface OutlineElement extends ReportTarget {
  readonly type: ElementType;
  readonly key: string;
  readonly parent?: OutlineElement;
  /** a file that could not be read: where it is (Remove from Library and Reveal Report File take it) */
  readonly location?: string;
}

/** What the tree shows of a load beyond the library: where each report came from, what went wrong. */
interface LoadFacts {
  files: Map<string, LoadedReport>;
  warnings: Map<string, ReportNotice[]>;
  unreadable: ReportNotice[];
}

/**
 * The report's outline: Report → Sections → Paragraphs; Footnotes (each with the paragraphs citing it);
 * Figures grouped by section. Labels are plain text, so nothing in a report can turn into markup.
 */
export class OutlineTree implements vscode.TreeDataProvider<OutlineElement> {
  private readonly changed = new vscode.EventEmitter<OutlineElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private elements = new Map<string, OutlineElement>();
  private facts: LoadFacts = { files: new Map(), warnings: new Map(), unreadable: [] };
  /** no load has finished yet (the first starts after activation): the tree says so instead of "no report" */
  private loading = true;

  /** none until the first load: the core that makes libraries loads after activation (dist/core.js) */
  private library: Library | undefined;

  /** The library to show, and the load it came from (its files' libraries, warnings and unreadable files). */
  setLibrary(library: Library, load?: LoadResult): void {
    this.library = library;
    this.elements = new Map();
    this.loading = !load || (load.partial === true && library.reports.length === 0);
    if (load?.library === library) {
      const warnings = new Map<string, ReportNotice[]>();
      for (const w of load.warnings) warnings.set(w.location, [...(warnings.get(w.location) ?? []), w]);
      this.facts = { files: new Map(load.reports.map(r => [r.report.id, r])), warnings, unreadable: load.problems };
    }
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** The same object for the same node, so reveal() and selection keep working across calls. */
  private element(type: ElementType, reportId: string, kind: ReportTarget['kind'], id: string, parent?: OutlineElement): OutlineElement {
    const key = `${parent ? parent.key + '/' : ''}${type}:${reportId}:${id}`;
    let element = this.elements.get(key);
    if (!element) this.elements.set(key, (element = { type, reportId, kind, id, key, parent }));
    return element;
  }

  /** Every report, then every file of the library that could not be read (never silently missing). */
  roots(): OutlineElement[] {
    if (this.loading && !this.library?.reports.length) return [this.element('loading', '', 'report', 'loading')];
    return [
      ...(this.library?.reports ?? []).map(r => this.element('report', r.id, 'report', r.id)),
      ...this.facts.unreadable.map(problem => {
        const key = `unreadable:${problem.location}`;
        let element = this.elements.get(key);
        if (!element) {
          element = { type: 'unreadable', reportId: '', kind: 'report', id: problem.location, key, location: problem.location };
          this.elements.set(key, element);
        }
        return element;
      }),
    ];
  }

  getParent(element: OutlineElement): OutlineElement | undefined {
    return element.parent;
  }

  getChildren(element?: OutlineElement): OutlineElement[] {
    if (!element) return this.roots();
    const report = this.library?.report(element.reportId);
    if (!report) return [];
    switch (element.type) {
      case 'report':
        return [
          ...report.sections.map(s => this.element('section', report.id, 'section', s.id, element)),
          ...(report.footnotes.length ? [this.element('notes', report.id, 'report', report.id, element)] : []),
          ...(report.figures.length ? [this.element('figures', report.id, 'report', report.id, element)] : []),
        ];
      case 'section':
        return (
          report.sections
            .find(s => s.id === element.id)
            ?.paragraphs.map(p => this.element('paragraph', report.id, 'paragraph', p.id, element)) ?? []
        );
      case 'notes':
        return report.footnotes.map(f => this.element('footnote', report.id, 'footnote', String(f.n), element));
      case 'footnote':
        return footnoteOf(report, element.id)?.citedBy.map(pid => this.element('paragraph', report.id, 'paragraph', pid, element)) ?? [];
      case 'figures': {
        const withFigures = figuresByParagraph(report);
        return report.sections
          .filter(s => s.paragraphs.some(p => withFigures.has(p.id)))
          .map(s => this.element('figureSection', report.id, 'section', s.id, element));
      }
      case 'figureSection': {
        const section = report.sections.find(s => s.id === element.id);
        const ids = new Set(section?.paragraphs.map(p => p.id));
        return report.figures.filter(f => ids.has(f.paragraph)).map(f => this.element('figure', report.id, 'figure', f.id, element));
      }
      default:
        return [];
    }
  }

  /** The tree node showing a target in its home place (paragraphs under their section, not under a note). */
  nodeFor(target: ReportTarget): OutlineElement | undefined {
    const report = this.library?.report(target.reportId);
    if (!report) return undefined;
    const root = this.element('report', report.id, 'report', report.id);
    switch (target.kind) {
      case 'report':
        return root;
      case 'section':
        return this.element('section', report.id, 'section', target.id, root);
      case 'paragraph': {
        const place = this.library?.paragraph(report.id, target.id);
        return place
          ? this.element(
              'paragraph',
              report.id,
              'paragraph',
              target.id,
              this.element('section', report.id, 'section', place.section.id, root),
            )
          : undefined;
      }
      case 'footnote':
        return this.element('footnote', report.id, 'footnote', target.id, this.element('notes', report.id, 'report', report.id, root));
      case 'figure': {
        const figure = report.figures.find(f => f.id === target.id);
        const place = figure && this.library?.paragraph(report.id, figure.paragraph);
        if (!place) return undefined;
        const group = this.element(
          'figureSection',
          report.id,
          'section',
          place.section.id,
          this.element('figures', report.id, 'report', report.id, root),
        );
        return this.element('figure', report.id, 'figure', target.id, group);
      }
    }
  }

  getTreeItem(element: OutlineElement): vscode.TreeItem {
    if (element.type === 'loading') {
      const item = new vscode.TreeItem(vscode.l10n.t('Loading reports…'), vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      item.id = element.key;
      return item;
    }
    if (element.type === 'unreadable') {
      const problem = this.facts.unreadable.find(p => p.location === element.location);
      const item = unreadableItem(problem ?? { location: element.id, name: element.id, message: '' });
      item.id = element.key;
      return item;
    }
    const report = this.library?.report(element.reportId);
    if (!report) return new vscode.TreeItem(vscode.l10n.t('(report no longer in the library)'));
    const item = this.describe(element, report);
    item.id = element.key;
    return item;
  }

  private describe(element: OutlineElement, report: Report): vscode.TreeItem {
    const None = vscode.TreeItemCollapsibleState.None;
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    const reveal = (target: ReportTarget): vscode.Command => ({
      command: commands.revealInReport.id,
      title: vscode.l10n.t('Reveal in Report'),
      arguments: [{ reportId: target.reportId, kind: target.kind, id: target.id }],
    });
    // notes, figures and figures of a section only hold other nodes: no command, no menu of their own
    const group = (label: string, icon: string, description?: string): vscode.TreeItem => {
      const item = new vscode.TreeItem(label, Collapsed);
      if (description !== undefined) item.description = description;
      item.iconPath = new vscode.ThemeIcon(icon);
      item.contextValue = 'group';
      return item;
    };
    switch (element.type) {
      case 'report': {
        const single = this.library?.reports.length === 1;
        const item = new vscode.TreeItem(plainLine(report.title), single ? vscode.TreeItemCollapsibleState.Expanded : Collapsed);
        const file = this.facts.files.get(report.id);
        const warnings = (file && this.facts.warnings.get(file.location)) ?? [];
        item.description = [
          formatDate(report.date),
          libraryName(file?.origin),
          warnings.length ? vscode.l10n.t('{0} warning(s)', warnings.length) : '',
        ]
          .filter(Boolean)
          .join(' · ');
        item.iconPath = warnings.length
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon('book');
        item.contextValue = 'report';
        item.tooltip = tooltip([
          report.title,
          [formatDate(report.date), report.authors.join(', '), report.publisher].filter(Boolean).join(' · '),
          report.source ?? '',
          file && file.origin !== 'bundled' ? `${libraryName(file.origin)}: ${fileLabel(file.location)}` : '',
          ...warnings.map(w => `⚠ ${w.message}`),
        ]);
        item.command = reveal(element);
        return item;
      }
      case 'section': {
        const section = report.sections.find(s => s.id === element.id);
        const item = new vscode.TreeItem(plainLine(section?.title ?? element.id), Collapsed);
        item.description = vscode.l10n.t('{0} ¶', section?.paragraphs.length ?? 0);
        item.iconPath = new vscode.ThemeIcon('list-tree');
        item.contextValue = 'section';
        item.command = reveal(element);
        return item;
      }
      case 'paragraph': {
        const place = this.library?.paragraph(report.id, element.id);
        if (!place) return new vscode.TreeItem(element.id);
        const item = new vscode.TreeItem(plainLine(`¶${place.number} ${openingWords(place.paragraph.text)}`), None);
        const figures = (figuresByParagraph(report).get(element.id) ?? []).map(f => f.text);
        item.description = plainLine(
          [pagesLocator(report, place.paragraph.page), ...figures, place.paragraph.footnotes.map(n => `[${n}]`).join('')]
            .filter(Boolean)
            .join(' · '),
        );
        item.iconPath = new vscode.ThemeIcon('symbol-text');
        item.contextValue = hasSource(report, place.paragraph.footnotes) ? 'paragraph.url' : 'paragraph';
        item.tooltip = tooltip([
          [`¶${place.number}`, pagesLocator(report, place.paragraph.page), place.section.title].filter(Boolean).join(' · '),
          shorten(place.paragraph.text, 700),
        ]);
        item.command = reveal(element);
        return item;
      }
      case 'notes':
        return group(vscode.l10n.t('Footnotes'), 'references', String(report.footnotes.length));
      case 'footnote': {
        const footnote = footnoteOf(report, element.id);
        if (!footnote) return new vscode.TreeItem(element.id);
        const item = new vscode.TreeItem(plainLine(footnoteLabel(report, footnote)), footnote.citedBy.length ? Collapsed : None);
        item.description = plainLine(footnoteDescription(report, footnote));
        item.iconPath = new vscode.ThemeIcon(footnote.refersTo !== undefined ? 'arrow-up' : 'note');
        item.contextValue = hasSource(report, [footnote.n]) ? 'footnote.url' : 'footnote';
        item.tooltip = tooltip([
          `[${footnote.n}] ${footnote.text}`,
          ...(footnote.page !== undefined ? [pagesLocator(report, footnote.page)!] : []),
        ]);
        item.command = reveal(element);
        return item;
      }
      case 'figures':
        return group(vscode.l10n.t('Figures'), 'graph', String(report.figures.length));
      case 'figureSection': {
        const section = report.sections.find(s => s.id === element.id);
        return group(plainLine(section?.title ?? element.id), 'list-tree');
      }
      case 'figure': {
        const figure = report.figures.find(f => f.id === element.id);
        if (!figure) return new vscode.TreeItem(element.id);
        const item = new vscode.TreeItem(plainLine(figureLabel(figure)), None);
        // the label says the figure; the description adds only what it measures beyond its own words
        item.description = plainLine(
          [subjectBeyondText(figure.text, figure.subject), pagesLocator(report, figure.page)].filter(Boolean).join(' · '),
        );
        item.iconPath = new vscode.ThemeIcon('symbol-number');
        item.contextValue = hasSource(report, figure.footnotes) ? 'figure.url' : 'figure';
        item.tooltip = tooltip([figureLabel(figure), figure.subject, shorten(figure.sentence, 500)]);
        item.command = reveal(element);
        return item;
      }
      case 'unreadable':
      case 'loading':
        return new vscode.TreeItem(element.id);
    }
  }
}

/** A file of the library that gave no report: its name, the reason, and the log. */
function unreadableItem(problem: ReportNotice): vscode.TreeItem {
  const item = new vscode.TreeItem(plainLine(problem.name), vscode.TreeItemCollapsibleState.None);
  item.description = plainLine(shorten(problem.message, 80));
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  item.contextValue = 'unreadable';
  item.tooltip = tooltip([
    vscode.l10n.t('Dossier could not read this report: {0}', problem.message),
    problem.asWritten ? problem.location : fileLabel(problem.location),
    libraryName(problem.origin),
  ]);
  item.command = { command: commands.showLog.id, title: vscode.l10n.t('Show Log') };
  return item;
}

/** Which library a report is in, as the tree marks it; the bundled report goes unmarked. */
function libraryName(origin: ReportOrigin | undefined): string {
  if (origin === 'user') return vscode.l10n.t('personal');
  if (origin === 'workspace') return vscode.l10n.t('workspace');
  return '';
}

/** A location as the analyst knows it: a path for a file, the URI otherwise. */
function fileLabel(location: string): string {
  const uri = vscode.Uri.parse(location);
  return uri.scheme === 'file' ? uri.fsPath : location;
}

function footnoteOf(report: Report, id: string): Footnote | undefined {
  return report.footnotes.find(f => String(f.n) === id);
}

/** "[4] Profit" — the outlet says most; Ibid. says what it is. */
function footnoteLabel(report: Report, footnote: Footnote): string {
  if (footnote.refersTo !== undefined && /^\s*ibid/i.test(footnote.text)) return `[${footnote.n}] Ibid.`;
  const s = footnote.source;
  const resolved = resolveFootnote(report, footnote);
  return `[${footnote.n}] ${s.container ?? resolved.source.container ?? s.title ?? openingWords(footnote.text, 40)}`;
}

/** "4 February 2025", or for Ibid./short forms "→ [16] The Diplomat". */
function footnoteDescription(report: Report, footnote: Footnote): string {
  if (footnote.refersTo !== undefined) {
    const target = report.footnotes.find(f => f.n === footnote.refersTo);
    return `→ [${footnote.refersTo}] ${target?.source.container ?? target?.source.title ?? ''}`.trim();
  }
  return formatDate(footnote.source.date);
}

function hasSource(report: Report, notes: readonly number[]): boolean {
  return notes.some(n => /^https?:/i.test(fullNote(report, n)?.source.url ?? ''));
}

function figureLabel(figure: Figure): string {
  return figure.qualifier ? `${figure.qualifier} ${figure.text}` : figure.text;
}

function shorten(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** A tooltip of escaped lines: untrusted, no HTML, no command links. */
function tooltip(lines: string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(lines.filter(Boolean).map(escapeMarkdown).join('\n\n'));
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
