/**
 * Dossier for AI agents: five read-only tools over the library — `search_reports`, `get_figure`,
 * `get_passage`, `cite`, `check_draft` — with JSON schemas and model-facing descriptions. One core behind
 * three hosts (VS Code's language-model tools, the `@dossier` chat participant, the `dossier mcp` server):
 * it wraps the dossier's search, citation items and fact-check and adds no rule of its own. Every result
 * says where a passage is (report, section, ¶, page) and how to cite it (key + locator), so an assistant
 * answers from the analyst's reports instead of inventing sources. Bad input is a ToolInputError whose
 * message tells the model what to do instead; nothing here throws anything else on purpose.
 */
import {
  cslForKey,
  cslLocator,
  footnoteText,
  itemForTarget,
  noteFromSource,
  pandocCitation,
  resolveFootnote,
  type CitationItem,
  type CitationRef,
  type CitationStyle,
  type CitedTarget,
  type CslItem,
} from './cite';
import type { CheckFinding } from './check';
import type { Dossier } from './dossier';
import { memoText } from './escape';
import type { Library } from './library';
import type { Figure, Footnote, Report, Section } from './model';
import { whatItMeasures } from './figures';
import { MAX_NOTE_LENGTH } from './note';
import { paragraphNumbers } from './paragraphs';
import { lineColumns } from './text';
import type { SearchKind } from './search';

import { TOOL_NAMES, type ToolName } from './toolNames';

export { TOOL_NAMES, type ToolName };

/** Longest query a tool takes: beyond this it is a page pasted as a query, not a question. */
export const MAX_QUERY_CHARS = 500;
/** Most results a search returns: a model's context is better spent on the best few passages. */
export const MAX_RESULTS = 20;
/** Most keys one citation takes. */
export const MAX_CITED = 20;
/** Longest draft check_draft reads (the note analysis reads no further either). */
export const MAX_DRAFT_CHARS = MAX_NOTE_LENGTH;

/** Bad input to a tool: the message is for the model (and the analyst), and says what would work. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}

/** A JSON schema, as VS Code's `languageModelTools` and MCP's `inputSchema` take it. */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean;
}

export interface ToolDefinition {
  name: ToolName;
  /** for people: the tool picker, the MCP client's list */
  title: string;
  /** for the model: when to call it and what comes back */
  description: string;
  inputSchema: JsonSchema;
}

const STYLE_NAMES: readonly CitationStyle[] = ['pandoc', 'footnote', 'chicago', 'apa', 'csl-file'];

export const TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  {
    name: 'search_reports',
    title: 'Search Reports',
    description:
      "Searches the analyst's library of policy reports (paragraphs, notes, key figures, sections) and returns the best passages, each with its report title, section, paragraph number (¶), page where known, the sources of its notes, and the citation key and locator to cite it. Use it before stating any fact, figure or source from the reports, and cite what it returns; never invent a source.",
    inputSchema: {
      type: 'object',
      properties: {
        query: {
          type: 'string',
          description: 'words to look for, e.g. "reciprocal tariff Bangladesh"',
          minLength: 1,
          maxLength: MAX_QUERY_CHARS,
        },
        limit: { type: 'integer', description: `how many passages (1–${MAX_RESULTS}, default 5)`, minimum: 1, maximum: MAX_RESULTS },
        kinds: {
          type: 'array',
          description: 'only these kinds of passage (default all)',
          items: { type: 'string', enum: ['paragraph', 'footnote', 'figure', 'section'] },
        },
      },
      required: ['query'],
      additionalProperties: false,
    },
  },
  {
    name: 'get_figure',
    title: 'Get Figure',
    description:
      'Looks up a key figure of the reports (an amount, a rate, a count) by its id or by words describing it, and returns its value, unit, what it measures, the sentence that states it, its source and the citation to use. Use it to quote a number exactly as the report gives it.',
    inputSchema: {
      type: 'object',
      properties: {
        id: {
          type: 'string',
          description: 'a figure id from search_reports, e.g. "us-pakistan-relations-in-flux#f23" (or "f23" with report)',
        },
        text: { type: 'string', description: 'words describing the figure, e.g. "Bangladesh tariff rate"', maxLength: MAX_QUERY_CHARS },
        report: { type: 'string', description: 'a report id or citation key, to look only there' },
      },
      additionalProperties: false,
    },
  },
  {
    name: 'get_passage',
    title: 'Get Passage',
    description:
      'Returns one passage of a report in full — a paragraph by its number, a note by its number, or a section by its title or id — with its notes and their sources and the citation key and locator to cite it. Use it to read the context around a search result before quoting it.',
    inputSchema: {
      type: 'object',
      properties: {
        report: { type: 'string', description: 'the report id or citation key (as search_reports gives them)' },
        paragraph: { type: 'integer', description: 'paragraph number (¶) in the report', minimum: 1 },
        note: { type: 'integer', description: 'note number in the report', minimum: 1 },
        section: { type: 'string', description: 'section title or id ("s2")' },
      },
      required: ['report'],
      additionalProperties: false,
    },
  },
  {
    name: 'cite',
    title: 'Cite',
    description:
      'Formats a citation of one or more sources of the library, by citation key and optional locator ("para. 12", "p. 4"), in the analyst\'s citation style (pandoc, footnote, chicago, apa, csl-file; default: the analyst\'s setting), with the bibliography entry of each source. Only keys returned by the other tools exist.',
    inputSchema: {
      type: 'object',
      properties: {
        citations: {
          type: 'array',
          description: 'the sources to cite together, in order',
          minItems: 1,
          maxItems: MAX_CITED,
          items: {
            type: 'object',
            properties: {
              key: { type: 'string', description: 'a citation key, e.g. "afzal2025"' },
              locator: { type: 'string', description: 'where in the source, e.g. "para. 12" or "p. 4"' },
            },
            required: ['key'],
            additionalProperties: false,
          },
        },
        style: { type: 'string', enum: STYLE_NAMES, description: "citation style (default: the analyst's setting)" },
      },
      required: ['citations'],
      additionalProperties: false,
    },
  },
  {
    name: 'check_draft',
    title: 'Check Draft',
    description:
      'Fact-checks a Markdown draft against the reports, as the editor does: numbers that contradict a report figure (with the report value and the citation of its source), citation keys and footnotes that resolve to nothing, footnotes never used. Use it on any text you wrote with numbers or citations before giving it to the analyst.',
    inputSchema: {
      type: 'object',
      properties: {
        markdown: { type: 'string', description: 'the draft, in Markdown', maxLength: MAX_DRAFT_CHARS },
      },
      required: ['markdown'],
      additionalProperties: false,
    },
  },
];

// ---------------------------------------------------------------------------------------------------------
// Results

/** How to cite a passage: the key of its source, the locator, and the pandoc citation ready to paste. */
export interface PassageCitation {
  key: string;
  locator?: string;
  /** `[@key, para. 12]` */
  pandoc: string;
}

export interface PassageNote {
  n: number;
  key?: string;
  /** the note's source as a one-line reference (authors, title, outlet, date, web address) */
  source: string;
  url?: string;
}

/** One passage of a report: where it is and how to cite it. `target` opens it in the reader. */
export interface Passage {
  kind: 'paragraph' | 'footnote' | 'figure' | 'section';
  target: CitedTarget;
  reportId: string;
  reportTitle: string;
  section?: string;
  /** ¶ number in the report */
  paragraph?: number;
  /** page of a PDF report */
  page?: number;
  text: string;
  notes: PassageNote[];
  cite: PassageCitation;
}

export interface FigureResult extends Passage {
  kind: 'figure';
  figure: { id: string; asWritten: string; value: number; unit: string; qualifier?: string; measures: string; sentence: string };
}

export interface CiteResult {
  style: CitationStyle;
  /** in-text text, or a footnote's text for note styles */
  citation: string;
  /** 'footnote': the citation is the text of a note; 'inline': it goes where the claim is */
  placement: 'inline' | 'footnote';
  bibliography: string[];
  keys: string[];
}

export interface CheckResult {
  findings: (Omit<CheckFinding, 'figure'> & { line: number; column: number; text: string })[];
  summary: string;
}

export interface ToolResults {
  search_reports: { query: string; passages: Passage[] };
  get_figure: { figures: FigureResult[] };
  get_passage: { passage: Passage; paragraphs?: Passage[] };
  cite: CiteResult;
  check_draft: CheckResult;
}

/** A tool's answer: structured (MCP structuredContent, tests) and as text for a model to read. */
export interface ToolOutput<N extends ToolName = ToolName> {
  structured: ToolResults[N];
  text: string;
}

/** CSL formatting comes from the host: the engine is heavy and lives in a lazy bundle (src/lazy/csl.ts). */
export interface CslFormatter {
  format(
    style: 'chicago' | 'apa' | 'csl-file',
    items: readonly CslItem[],
    cites: readonly { id: string; locator?: string; label?: string }[],
  ): Promise<{ citation: string; placement: 'inline' | 'footnote'; bibliography: string[] }>;
}

export interface ToolHost {
  dossier: Dossier;
  /** without one, chicago, apa and csl-file are refused with a message */
  csl?: CslFormatter;
  /** the analyst's citation style (default pandoc) */
  style?: () => CitationStyle;
}

export interface DossierTools {
  readonly definitions: readonly ToolDefinition[];
  /** Runs a tool; bad input throws ToolInputError with a message for the model. */
  run<N extends ToolName>(name: N, input: unknown): Promise<ToolOutput<N>>;
  /** The passages a question is answered from (search_reports without the text rendering). */
  passages(query: string, limit?: number): Promise<Passage[]>;
  /** The citation text of refs in a style; unknown keys are a ToolInputError. */
  cite(refs: readonly CitationRef[], style?: CitationStyle): Promise<CiteResult>;
}

export function createDossierTools(host: ToolHost): DossierTools {
  return new Tools(host);
}

class Tools implements DossierTools {
  readonly definitions = TOOL_DEFINITIONS;
  private items: { library: Library; byTarget: Map<string, CitationItem>; all: CitationItem[] } | undefined;

  constructor(private readonly host: ToolHost) {}

  async run<N extends ToolName>(name: N, input: unknown): Promise<ToolOutput<N>> {
    const args = objectInput(name, input);
    await this.host.dossier.ready();
    switch (name as ToolName) {
      case 'search_reports':
        return (await this.searchReports(args)) as ToolOutput<N>;
      case 'get_figure':
        return (await this.getFigure(args)) as ToolOutput<N>;
      case 'get_passage':
        return this.getPassage(args) as ToolOutput<N>;
      case 'cite':
        return (await this.citeTool(args)) as ToolOutput<N>;
      case 'check_draft':
        return this.checkDraft(args) as ToolOutput<N>;
      default:
        throw new ToolInputError(`there is no tool "${String(name)}" (the tools are ${TOOL_NAMES.join(', ')})`);
    }
  }

  async passages(query: string, limit = 5, kinds?: readonly SearchKind[]): Promise<Passage[]> {
    const q = checkedQuery(query, 'query');
    await this.host.dossier.ready();
    const hits = await this.host.dossier.search(q, { limit, kinds });
    const library = this.host.dossier.library;
    return hits.map(hit => this.passageOf(library, { reportId: hit.reportId, kind: hit.kind, id: hit.id })).filter(isDefined);
  }

  async cite(refs: readonly CitationRef[], style: CitationStyle = this.host.style?.() ?? 'pandoc'): Promise<CiteResult> {
    await this.host.dossier.ready();
    const library = this.host.dossier.library;
    const items = refs.map(ref => {
      const target = library.byKey(ref.key);
      if (!target) throw new ToolInputError(unknownKey(library, ref.key));
      const item = this.itemFor(
        library,
        target.kind === 'report'
          ? { reportId: target.report.id, kind: 'report', id: target.report.id }
          : { reportId: target.report.id, kind: 'footnote', id: String(target.footnote.n) },
      )!;
      return { ...item, locator: ref.locator?.trim() || undefined };
    });
    const keys = items.map(i => i.key);
    const unique = [...new Set(keys)];
    const sources = unique.map(key => items.find(i => i.key === key)!);
    if (style === 'pandoc') {
      return {
        style,
        citation: pandocCitation(items),
        placement: 'inline',
        bibliography: sources.map(i => footnoteText({ source: i.source })),
        keys,
      };
    }
    if (style === 'footnote') {
      const citation = items
        .map((item, i) => (i < items.length - 1 ? footnoteText(item).replace(/\.$/, '') : footnoteText(item)))
        .join('; ');
      return { style, citation, placement: 'footnote', bibliography: sources.map(i => footnoteText({ source: i.source })), keys };
    }
    if (!this.host.csl) throw new ToolInputError(`the ${style} style is not available here; use pandoc or footnote`);
    const cslItems = unique.map(key => cslForKey(library, key)).filter(isDefined);
    const formatted = await this.host.csl.format(
      style,
      cslItems,
      items.map(item => ({ id: item.key, ...cslLocator(item.locator) })),
    );
    // The engine formats report text as it is: escaped, so a title cannot become markup where it is shown.
    return {
      style,
      citation: memoText(formatted.citation),
      placement: formatted.placement,
      bibliography: formatted.bibliography.map(memoText),
      keys,
    };
  }

  private async searchReports(args: Record<string, unknown>): Promise<ToolOutput<'search_reports'>> {
    const query = checkedQuery(args.query, 'query');
    const limit = optionalInteger(args.limit, 'limit', 1, MAX_RESULTS) ?? 5;
    const kinds = optionalKinds(args.kinds);
    const passages = await this.passages(query, limit, kinds);
    const text = passages.length
      ? passages.map((p, i) => `${i + 1}. ${passageText(p)}`).join('\n\n')
      : `Nothing in the reports matches "${oneLine(query)}". Try other words; do not state this as a fact from the reports.`;
    return { structured: { query, passages }, text };
  }

  private async getFigure(args: Record<string, unknown>): Promise<ToolOutput<'get_figure'>> {
    const library = this.host.dossier.library;
    const id = optionalString(args.id, 'id');
    const words = optionalString(args.text, 'text');
    const reportName = optionalString(args.report, 'report');
    const report = reportName === undefined ? undefined : this.reportNamed(library, reportName);
    let found: { report: Report; figure: Figure }[];
    if (id !== undefined) {
      const [reportId, figureId] = id.includes('#') ? id.split('#', 2) : [report?.id, id];
      const entry = reportId !== undefined ? library.figure(reportId, figureId!) : undefined;
      const anywhere = reportId === undefined ? library.allFigures().filter(f => f.figure.id === figureId) : [];
      found = entry ? [entry] : anywhere.length === 1 ? anywhere : [];
      if (!found.length)
        throw new ToolInputError(
          anywhere.length > 1
            ? `several reports have a figure "${figureId}": give it as "reportId#${figureId}" or name the report`
            : `no figure has the id "${id}"; search_reports gives figure ids (e.g. "${library.allFigures()[0] ? `${library.allFigures()[0]!.report.id}#${library.allFigures()[0]!.figure.id}` : 'report#f1'}")`,
        );
    } else if (words !== undefined) {
      const query = checkedQuery(words, 'text');
      const hits = await this.host.dossier.search(query, { limit: 5, kinds: ['figure'], reportId: report?.id });
      found = hits.map(h => library.figure(h.reportId, h.id)).filter(isDefined);
    } else {
      throw new ToolInputError('give the figure\'s "id" (from search_reports) or "text" describing it');
    }
    const figures = found.map(f => this.figureResult(library, f.report, f.figure)).filter(isDefined);
    const text = figures.length
      ? figures.map((f, i) => `${i + 1}. ${figureText(f)}`).join('\n\n')
      : `No key figure of the reports matches "${oneLine(words ?? '')}". Do not state a number for it as if from the reports.`;
    return { structured: { figures }, text };
  }

  private getPassage(args: Record<string, unknown>): ToolOutput<'get_passage'> {
    const library = this.host.dossier.library;
    const reportName = optionalString(args.report, 'report');
    if (reportName === undefined) throw new ToolInputError('give "report": a report id or citation key from search_reports');
    const report = this.reportNamed(library, reportName);
    const paragraph = optionalInteger(args.paragraph, 'paragraph', 1);
    const note = optionalInteger(args.note, 'note', 1);
    const section = optionalString(args.section, 'section');
    const given = [paragraph, note, section].filter(v => v !== undefined).length;
    if (given !== 1)
      throw new ToolInputError('give exactly one of "paragraph" (¶ number), "note" (note number) or "section" (title or id)');
    if (paragraph !== undefined) {
      const id = [...paragraphNumbers(report)].find(([, n]) => n === paragraph)?.[0];
      const count = paragraphNumbers(report).size;
      if (!id) throw new ToolInputError(`"${report.title}" has paragraphs 1–${count}; there is no ¶${paragraph}`);
      const passage = this.passageOf(library, { reportId: report.id, kind: 'paragraph', id })!;
      return { structured: { passage }, text: passageText(passage) };
    }
    if (note !== undefined) {
      if (!report.footnotes.some(f => f.n === note))
        throw new ToolInputError(
          report.footnotes.length
            ? `"${report.title}" has notes ${report.footnotes[0]!.n}–${report.footnotes[report.footnotes.length - 1]!.n}; there is no note ${note}`
            : `"${report.title}" has no notes`,
        );
      const passage = this.passageOf(library, { reportId: report.id, kind: 'footnote', id: String(note) })!;
      return { structured: { passage }, text: passageText(passage) };
    }
    const wanted = section!.trim().toLowerCase();
    const found =
      report.sections.find(s => s.id.toLowerCase() === wanted) ??
      report.sections.find(s => s.title.toLowerCase() === wanted) ??
      report.sections.find(s => s.title.toLowerCase().includes(wanted));
    if (!found || !wanted)
      throw new ToolInputError(
        `"${report.title}" has no section "${oneLine(section!)}"; its sections are: ${report.sections.map(s => `${s.id} "${s.title}"`).join(', ')}`,
      );
    const passage = this.passageOf(library, { reportId: report.id, kind: 'section', id: found.id })!;
    const paragraphs = found.paragraphs
      .map(p => this.passageOf(library, { reportId: report.id, kind: 'paragraph', id: p.id }))
      .filter(isDefined);
    return { structured: { passage, paragraphs }, text: [passageText(passage), ...paragraphs.map(passageText)].join('\n\n') };
  }

  private async citeTool(args: Record<string, unknown>): Promise<ToolOutput<'cite'>> {
    const list = args.citations;
    if (!Array.isArray(list) || list.length === 0)
      throw new ToolInputError('give "citations": a list of { "key": "…", "locator": "para. 12" } (keys come from search_reports)');
    if (list.length > MAX_CITED) throw new ToolInputError(`cite at most ${MAX_CITED} sources at once (got ${list.length})`);
    const refs = list.map((entry, i): CitationRef => {
      const e = typeof entry === 'string' ? { key: entry } : entry;
      if (typeof e !== 'object' || e === null) throw new ToolInputError(`citations[${i}] must be { "key": "…", "locator"?: "…" }`);
      const { key, locator } = e as Record<string, unknown>;
      const k = optionalString(key, `citations[${i}].key`);
      if (!k) throw new ToolInputError(`citations[${i}] has no "key"`);
      return { key: k.trim().replace(/^@/, ''), locator: optionalString(locator, `citations[${i}].locator`) };
    });
    const styleName = optionalString(args.style, 'style');
    if (styleName !== undefined && !STYLE_NAMES.includes(styleName as CitationStyle))
      throw new ToolInputError(`unknown style "${oneLine(styleName)}" (use ${STYLE_NAMES.join(', ')})`);
    const result = await this.cite(refs, styleName as CitationStyle | undefined);
    const text = [
      `Citation (${result.style}, ${result.placement === 'footnote' ? 'as a footnote' : 'in the text'}): ${result.citation}`,
      'Bibliography:',
      ...result.bibliography.map(b => `- ${b}`),
    ].join('\n');
    return { structured: result, text };
  }

  private checkDraft(args: Record<string, unknown>): ToolOutput<'check_draft'> {
    const markdown = args.markdown;
    if (typeof markdown !== 'string') throw new ToolInputError('give "markdown": the draft to check, as text');
    if (markdown.length > MAX_DRAFT_CHARS)
      throw new ToolInputError(`the draft is ${markdown.length} characters, over the ${MAX_DRAFT_CHARS} a check reads; check it in parts`);
    const lineOf = lineColumns(markdown);
    const findings = this.host.dossier.check(markdown).map(({ figure: _figure, ...f }) => ({
      ...f,
      ...lineOf(f.start),
      text: markdown.slice(f.start, Math.min(f.end, f.start + 200)),
    }));
    const counts = (['error', 'warning', 'information'] as const)
      .map(s => [s, findings.filter(f => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}${n > 1 ? (s === 'information' ? '' : 's') : ''}`);
    const summary = findings.length ? `${counts.join(', ')}.` : 'No findings: every number and citation checked agrees with the reports.';
    const text = [
      summary,
      ...findings.map(
        f =>
          `- line ${f.line}, column ${f.column} (${f.severity}, ${f.code}): ${f.message}${f.replacement ? ` Report value: ${f.replacement}.` : ''}${f.cite ? ` Cite: ${pandocCitation([f.cite])}.` : ''}`,
      ),
    ].join('\n');
    return { structured: { findings, summary }, text };
  }

  // -------------------------------------------------------------------------------------------------------

  private itemFor(library: Library, target: CitedTarget): CitationItem | undefined {
    if (this.items?.library !== library) {
      const all = this.host.dossier.citationItems();
      const byTarget = new Map<string, CitationItem>();
      for (const item of all) byTarget.set(targetKey(item.target), item);
      this.items = { library, byTarget, all };
    }
    return this.items.byTarget.get(targetKey(target)) ?? itemForTarget(this.items.all, target);
  }

  private reportNamed(library: Library, name: string): Report {
    const wanted = name.trim();
    const report =
      library.report(wanted) ??
      (library.byKey(wanted.replace(/^@/, ''))?.kind === 'report' ? library.byKey(wanted.replace(/^@/, ''))!.report : undefined);
    if (!report)
      throw new ToolInputError(
        `no report has the id or key "${oneLine(wanted)}"; the reports are: ${library.reports
          .slice(0, 20)
          .map(r => `${r.id} (key ${r.key})`)
          .join(', ')}`,
      );
    return report;
  }

  private passageOf(library: Library, target: CitedTarget): Passage | undefined {
    const report = library.report(target.reportId);
    if (!report) return undefined;
    const item = this.itemFor(library, target);
    const base = { target, reportId: report.id, reportTitle: report.title };
    const cite = (key: string, locator?: string): PassageCitation => ({ key, locator, pandoc: pandocCitation([{ key, locator }]) });
    switch (target.kind) {
      case 'paragraph': {
        const place = library.paragraph(report.id, target.id);
        if (!place) return undefined;
        return {
          ...base,
          kind: 'paragraph',
          section: place.section.title,
          paragraph: place.number,
          page: place.paragraph.page,
          text: place.paragraph.text,
          notes: notesOf(report, place.paragraph.footnotes),
          cite: cite(item?.key ?? report.key, item?.locator),
        };
      }
      case 'footnote': {
        const note = report.footnotes.find(f => String(f.n) === target.id);
        if (!note) return undefined;
        const full = resolveFootnote(report, note);
        const firstCiting = note.citedBy[0] ? library.paragraph(report.id, note.citedBy[0]) : undefined;
        return {
          ...base,
          kind: 'footnote',
          section: firstCiting?.section.title,
          paragraph: firstCiting?.number,
          page: note.page,
          text: note.text,
          notes: notesOf(report, [note.n]),
          // a comment note has no source of its own: it cites the report at its paragraph
          cite: item
            ? cite(item.key, item.locator)
            : full.key
              ? cite(full.key)
              : cite(report.key, firstCiting ? `para. ${firstCiting.number}` : undefined),
        };
      }
      case 'figure': {
        const entry = library.figure(report.id, target.id);
        return entry ? this.figureResult(library, report, entry.figure) : undefined;
      }
      case 'section': {
        const section = report.sections.find(s => s.id === target.id);
        if (!section) return undefined;
        const numbers = paragraphNumbers(report);
        const first = section.paragraphs[0];
        return {
          ...base,
          kind: 'section',
          section: section.title,
          paragraph: first ? numbers.get(first.id) : undefined,
          page: first?.page,
          text: sectionOpening(section),
          notes: notesOf(
            report,
            section.paragraphs.flatMap(p => p.footnotes),
          ),
          cite: cite(item?.key ?? report.key, item?.locator),
        };
      }
      default:
        return undefined;
    }
  }

  private figureResult(library: Library, report: Report, figure: Figure): FigureResult | undefined {
    const place = library.paragraph(report.id, figure.paragraph);
    const item = this.itemFor(library, { reportId: report.id, kind: 'figure', id: figure.id });
    if (!item) return undefined;
    return {
      kind: 'figure',
      target: { reportId: report.id, kind: 'figure', id: figure.id },
      reportId: report.id,
      reportTitle: report.title,
      section: place?.section.title,
      paragraph: place?.number,
      page: figure.page ?? place?.paragraph.page,
      text: figure.sentence,
      notes: notesOf(report, figure.footnotes),
      cite: { key: item.key, locator: item.locator, pandoc: pandocCitation([item]) },
      figure: {
        id: `${report.id}#${figure.id}`,
        asWritten: figure.text,
        value: figure.value,
        unit: figure.unit,
        qualifier: figure.qualifier,
        measures: whatItMeasures(figure),
        sentence: figure.sentence,
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Text for a model

/** One passage as a model reads it: where, what, its notes, and the citation to use. */
export function passageText(p: Passage): string {
  const where = [
    `“${p.reportTitle}”`,
    p.section && p.kind !== 'section' ? `section “${p.section}”` : undefined,
    p.kind === 'section' ? `section “${p.section}”` : undefined,
    p.paragraph !== undefined ? `¶${p.paragraph}` : undefined,
    p.page !== undefined ? `page ${p.page}` : undefined,
  ].filter(Boolean);
  const kind = p.kind === 'footnote' ? 'note' : p.kind;
  const lines = [`[${kind}] ${where.join(', ')}`, oneLine(p.text)];
  for (const note of p.kind === 'footnote' ? [] : p.notes) lines.push(`  note ${note.n}: ${note.source}`);
  lines.push(`Cite as ${p.cite.pandoc} (key ${p.cite.key}${p.cite.locator ? `, locator "${p.cite.locator}"` : ''})`);
  return lines.join('\n');
}

function figureText(f: FigureResult): string {
  const value = `${f.figure.qualifier ? `${f.figure.qualifier} ` : ''}${f.figure.asWritten}`;
  return [`${value} — ${f.figure.measures} (value ${f.figure.value}, unit ${f.figure.unit}; id ${f.figure.id})`, passageText(f)].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Input

function objectInput(name: string, input: unknown): Record<string, unknown> {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new ToolInputError(`the input of ${name} must be a JSON object`);
  return input as Record<string, unknown>;
}

function checkedQuery(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ToolInputError(`give "${field}": words to look for`);
  const query = value.trim();
  if (!query) throw new ToolInputError(`"${field}" is empty: give words to look for, e.g. "reciprocal tariff Bangladesh"`);
  if (query.length > MAX_QUERY_CHARS)
    throw new ToolInputError(
      `"${field}" is ${query.length} characters, over the limit of ${MAX_QUERY_CHARS}: give a few words, not a page`,
    );
  return query;
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ToolInputError(`"${field}" must be text`);
  if (value.length > MAX_QUERY_CHARS) throw new ToolInputError(`"${field}" is over the limit of ${MAX_QUERY_CHARS} characters`);
  return value;
}

function optionalInteger(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
    throw new ToolInputError(`"${field}" must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`);
  return n;
}

const KINDS: readonly SearchKind[] = ['paragraph', 'footnote', 'figure', 'section'];

function optionalKinds(value: unknown): SearchKind[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  for (const k of list)
    if (!KINDS.includes(k as SearchKind))
      throw new ToolInputError(`unknown kind "${oneLine(String(k)).slice(0, 40)}" (use ${KINDS.join(', ')})`);
  return list.length ? (list as SearchKind[]) : undefined;
}

/** The message for a key the library does not have, with the nearest keys it does. */
export function unknownKey(library: Library, key: string): string {
  const wanted = key.toLowerCase();
  const keys = [...new Set(library.reports.flatMap(r => [r.key, ...r.footnotes.filter(f => f.refersTo === undefined).map(f => f.key)]))];
  const near = keys
    .filter(k => k.toLowerCase().startsWith(wanted.slice(0, 3)) || wanted.startsWith(k.toLowerCase().slice(0, 4)))
    .slice(0, 5);
  return `no report or note source has the key "${oneLine(key).slice(0, 80)}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; use keys from search_reports`;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

function notesOf(report: Report, numbers: readonly number[]): PassageNote[] {
  const notes: PassageNote[] = [];
  for (const n of new Set(numbers)) {
    const note = report.footnotes.find(f => f.n === n);
    if (note) notes.push(noteOf(report, note));
  }
  return notes;
}

function noteOf(report: Report, note: Footnote): PassageNote {
  const full = resolveFootnote(report, note);
  const source = noteFromSource(full.source) || oneLine(full.text);
  return { n: note.n, key: full.key || undefined, source, url: full.source.url };
}

function sectionOpening(section: Section): string {
  const text = section.paragraphs.map(p => p.text).join(' ');
  return text.length > 600 ? `${text.slice(0, 599).trimEnd()}…` : text;
}

function targetKey(target: CitedTarget): string {
  return `${target.reportId}\u0000${target.kind}\u0000${target.id}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
