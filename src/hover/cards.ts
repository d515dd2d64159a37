import * as vscode from 'vscode';
import { pagesLocator, resolveFootnote } from '../core/cite';
import type { Library } from '../core/library';
import type { Figure, Footnote, Report } from '../core/model';
import { barChartSvg, comparableFigures, svgDataUri } from '../core/miniChart';
import { formatQuantity } from '../core/quantities';
import { formatDate, openingWords } from '../core/reader';
import { commandLink, escapeMarkdown, safeWebUrl } from '../shared/markdown';
import { commands } from '../shared/commands';
import type { ReportTarget } from '../shared/targets';

/** The only commands a hover card may run: Dossier's own. */
export const CARD_COMMANDS: readonly string[] = [
  commands.revealInReport.id,
  commands.insertCitationFor.id,
  commands.showMentions.id,
  commands.openSource.id,
  commands.showOriginal.id,
];

function newCard(): vscode.MarkdownString {
  const card = new vscode.MarkdownString('', true);
  card.isTrusted = { enabledCommands: [...CARD_COMMANDS] };
  card.supportHtml = false;
  return card;
}

const target = (reportId: string, kind: ReportTarget['kind'], id: string): ReportTarget => ({ reportId, kind, id });

/**
 * A figure's card: the figure and what it measures, its sentence with the figure in bold, where it stands,
 * the source of its note, a small chart among the report's comparable figures, and actions.
 */
export function figureCard(library: Library, report: Report, figure: Figure, alsoIn: readonly Report[] = []): vscode.MarkdownString {
  const card = newCard();
  const label = figure.qualifier ? `${figure.qualifier} ${figure.text}` : figure.text;
  // no subject when the sentence does not say what the figure measures: the section, marked as context
  const measures = figure.subject
    ? ` — ${escapeMarkdown(figure.subject)}`
    : figure.context
      ? ` — ${escapeMarkdown(vscode.l10n.t('in section “{0}”', figure.context))}`
      : '';
  card.appendMarkdown(`$(symbol-number) **${escapeMarkdown(label)}**${measures}\n\n`);
  if (figure.sentence) card.appendMarkdown(`> ${boldFigure(figure.sentence, figure.text)}\n\n`);
  const place = library.paragraph(report.id, figure.paragraph);
  // the report's title only when the library holds several
  const where = [
    place?.section.title,
    place ? `¶${place.number}` : undefined,
    pagesLocator(report, figure.page),
    library.reports.length > 1 ? report.title : undefined,
  ].filter((s): s is string => !!s);
  // where it stands and its source on one line: a hover shows about 250 px before it scrolls
  const sources = figure.footnotes
    .slice(0, 2)
    .map(n => report.footnotes.find(f => f.n === n))
    .filter((f): f is Footnote => !!f);
  card.appendMarkdown(`*${where.map(escapeMarkdown).join(' · ')}*${sources.map(note => ` — ${sourceLine(report, note)}`).join('')}\n\n`);
  if (alsoIn.length) card.appendMarkdown(`${escapeMarkdown(vscode.l10n.t('Also in: {0}', alsoIn.map(r => r.title).join('; ')))}\n\n`);
  const t = target(report.id, 'figure', figure.id);
  card.appendMarkdown(
    [
      commandLink(vscode.l10n.t('Reveal in report'), commands.revealInReport.id, [t]),
      commandLink(vscode.l10n.t('Insert citation'), commands.insertCitationFor.id, [t]),
      commandLink(vscode.l10n.t('Show all mentions'), commands.showMentions.id, [t]),
      commandLink(vscode.l10n.t('Show original'), commands.showOriginal.id, [t]),
    ].join(' · '),
  );
  // the chart goes last: a hover scrolls, and the actions should not be below the fold
  const chart = comparableChart(report, figure);
  if (chart) card.appendMarkdown(`\n\n![${escapeMarkdown(vscode.l10n.t('Chart of comparable figures'))}](${chart})`);
  return card;
}

/** A note's card: its source (Ibid. resolved), the paragraphs citing it, and actions. */
export function footnoteCard(library: Library, report: Report, footnote: Footnote): vscode.MarkdownString {
  const card = newCard();
  const source = resolveFootnote(report, footnote);
  card.appendMarkdown(`$(note) **[${footnote.n}]** ${escapeMarkdown(source.source.title ?? openingWords(source.text, 90))}\n\n`);
  if (source !== footnote)
    card.appendMarkdown(`${escapeMarkdown(vscode.l10n.t('{0} — repeats note [{1}]', openingWords(footnote.text, 40), source.n))}\n\n`);
  card.appendMarkdown(`${sourceLine(report, footnote, false)}\n\n`);
  const citing = footnote.citedBy.map(pid => library.paragraph(report.id, pid)).filter(p => !!p);
  if (citing.length) {
    card.appendMarkdown(`${escapeMarkdown(vscode.l10n.t('Cited in'))}:\n\n`);
    for (const place of citing.slice(0, 5)) {
      const page = pagesLocator(report, place.paragraph.page);
      const link = commandLink(`¶${place.number}${page ? ` (${page})` : ''} ${place.section.title}`, commands.revealInReport.id, [
        target(report.id, 'paragraph', place.paragraph.id),
      ]);
      card.appendMarkdown(`- ${link}: ${escapeMarkdown(openingWords(place.paragraph.text, 70))}\n`);
    }
    card.appendMarkdown('\n');
  }
  const t = target(report.id, 'footnote', String(footnote.n));
  const actions = [
    commandLink(vscode.l10n.t('Reveal in report'), commands.revealInReport.id, [t]),
    commandLink(vscode.l10n.t('Insert citation'), commands.insertCitationFor.id, [t]),
  ];
  if (safeWebUrl(source.source.url)) actions.push(commandLink(vscode.l10n.t('Open source'), commands.openSource.id, [t]));
  card.appendMarkdown(actions.join(' · '));
  return card;
}

/** The card of a whole report (a `[@reportKey]` citation). */
export function reportCard(report: Report, locator?: string): vscode.MarkdownString {
  const card = newCard();
  card.appendMarkdown(`$(book) **${escapeMarkdown(report.title)}**\n\n`);
  const byline = [report.authors.join(', '), report.publisher, formatDate(report.date)].filter((s): s is string => !!s);
  if (byline.length) card.appendMarkdown(`${escapeMarkdown(byline.join(' · '))}\n\n`);
  card.appendMarkdown(
    `${escapeMarkdown(vscode.l10n.t('{0} sections · {1} notes · {2} figures', report.sections.length, report.footnotes.length, report.figures.length))}\n\n`,
  );
  if (locator) card.appendMarkdown(`> ${escapeMarkdown(locator)}\n\n`);
  card.appendMarkdown(commandLink(vscode.l10n.t('Open report'), commands.revealInReport.id, [target(report.id, 'report', report.id)]));
  return card;
}

/** A Markdown footnote of the note that Dossier cannot tie to a report note: its own text, escaped. */
export function plainDefinitionCard(label: string, text: string): vscode.MarkdownString {
  const card = newCard();
  card.appendMarkdown(`$(note) **[^${escapeMarkdown(label)}]** ${escapeMarkdown(text)}`);
  return card;
}

/** "[4] Profit · 4 February 2025 · profit.pakistantoday.com.pk" with the address as a web link. */
function sourceLine(report: Report, footnote: Footnote, withNumber = true): string {
  const source = resolveFootnote(report, footnote).source;
  const parts = [
    source.authors.length ? escapeMarkdown(source.authors.join(', ')) : '',
    source.container ? `*${escapeMarkdown(source.container)}*` : '',
    escapeMarkdown(formatDate(source.date)),
  ];
  const text = parts.filter(Boolean).join(' · ');
  const url = safeWebUrl(source.url);
  const link = url ? ` · [${escapeMarkdown(hostOf(url))}](${url})` : '';
  return `${withNumber ? `$(note) [${footnote.n}] ` : ''}${text}${link}`;
}

function hostOf(url: string): string {
  const m = /^https?:\/\/([^/?#]+)/i.exec(url);
  return m ? m[1]!.replace(/^www\./, '') : url;
}

/** The sentence, escaped, with the figure (as written) in bold. */
function boldFigure(sentence: string, text: string): string {
  const at = text ? sentence.indexOf(text) : -1;
  if (at < 0) return escapeMarkdown(sentence);
  return `${escapeMarkdown(sentence.slice(0, at))}**${escapeMarkdown(text)}**${escapeMarkdown(sentence.slice(at + text.length))}`;
}

/** A bar chart of the figure among comparable figures of its report (comparableFigures), as a data: URI. */
function comparableChart(report: Report, figure: Figure): string | undefined {
  const bars = comparableFigures(report, figure);
  if (!bars.length) return undefined;
  const svg = barChartSvg(
    bars.map(f => ({ label: shortSubject(f), value: f.value, highlight: f.id === figure.id })),
    { title: vscode.l10n.t('{0} in this report', unitName(figure.unit)), format: v => formatQuantity(v, figure.unit), width: 380 },
  );
  return svgDataUri(svg);
}

function shortSubject(figure: Figure): string {
  const subject = figure.subject || figure.text;
  return subject.length > 34 ? subject.slice(0, 33) + '…' : subject;
}

function unitName(unit: string): string {
  if (unit === 'percent') return vscode.l10n.t('Percentages');
  if (/^[A-Z]{3}$/.test(unit)) return vscode.l10n.t('Amounts in {0}', unit);
  return vscode.l10n.t('Figures in {0}', unit);
}
