/**
 * The `@dossier` chat participant's answers, host-free: a question answered from the passages the tools
 * find, with the analyst's model when there is one and from the passages alone when there is none.
 *
 * Grounding is enforced here, not asked of the model: the model is given numbered passages and told to put
 * the passage number after each claim ("[2]"); Dossier turns each number into the citation of that passage
 * in the analyst's style. A citation key the model writes itself (`[@key]`) stays only when the library has
 * it; any other is removed and named at the end, so no invented source reaches the analyst.
 */
import type { CitationRef, CitationStyle, CitedTarget } from './cite';
import type { CheckResult, DossierTools, FigureResult, Passage } from './tools';

/** Where an answer goes: Markdown as it is ready, and the passages it rests on (the host opens them). */
export interface AnswerSink {
  markdown(text: string): void;
  reference(target: CitedTarget, label: string): void | Promise<void>;
}

/** A language model as the answer needs it: messages in, text fragments out. */
export type ChatModel = (messages: { role: 'system' | 'user'; text: string }[]) => AsyncIterable<string>;

export interface AnswerOptions {
  /** none: the top passages are shown, formatted, with their citations */
  model?: ChatModel;
  style: CitationStyle;
  /** how many passages ground an answer */
  passages?: number;
  /** stops reading the model when it returns true (the chat was cancelled) */
  cancelled?: () => boolean;
}

export interface AnswerResult {
  passages: Passage[];
  /** the keys of every citation written into the answer */
  cited: string[];
  /** citations the model wrote that the library does not have (removed from the answer) */
  removed: string[];
}

/** Most characters of one passage put in front of the model: enough for a paragraph, not a chapter. */
const PASSAGE_CHARS = 1500;

export async function answerQuestion(
  tools: DossierTools,
  question: string,
  sink: AnswerSink,
  options: AnswerOptions,
): Promise<AnswerResult> {
  const passages = await tools.passages(question, options.passages ?? 6);
  if (!passages.length) {
    sink.markdown(`Nothing in your reports matches “${inline(question)}”. Try other words, or add the report that covers it.`);
    return { passages, cited: [], removed: [] };
  }
  for (const p of passages) await sink.reference(p.target, placeOf(p));
  const citations = new Citations(tools, options.style);
  if (!options.model) {
    sink.markdown('No language model is available, so here are the passages of your reports that answer best:\n\n');
    return passagesAnswer(passages, citations, sink);
  }
  const messages = groundedPrompt(question, passages);
  const rewriter = new CitationRewriter(passages, citations, tools);
  let pending = '';
  let written = false;
  try {
    for await (const fragment of options.model(messages)) {
      if (options.cancelled?.()) break;
      pending += fragment;
      // rewrite whole lines only: a citation marker is never split between two fragments
      const end = pending.lastIndexOf('\n');
      if (end < 0) continue;
      sink.markdown(await rewriter.rewrite(pending.slice(0, end + 1)));
      written = true;
      pending = pending.slice(end + 1);
    }
  } catch (error) {
    // no consent, no quota, no network: the passages still answer
    const why = inline(error instanceof Error ? error.message : String(error));
    if (!written) {
      sink.markdown(`The language model could not answer (${why}), so here are the passages of your reports that answer best:\n\n`);
      return passagesAnswer(passages, citations, sink);
    }
    pending += `\n\n_The language model stopped: ${why}_`;
  }
  if (pending) sink.markdown(await rewriter.rewrite(pending));
  sink.markdown(await citations.notesMarkdown());
  if (rewriter.removed.length)
    sink.markdown(
      `\n\n_Removed ${rewriter.removed.length === 1 ? 'a citation' : `${rewriter.removed.length} citations`} that your library does not have: ${rewriter.removed.map(inline).join(', ')}._`,
    );
  return { passages, cited: citations.cited, removed: rewriter.removed };
}

async function passagesAnswer(passages: readonly Passage[], citations: Citations, sink: AnswerSink): Promise<AnswerResult> {
  for (const p of passages) sink.markdown(`${await passageMarkdown(p, citations)}\n\n`);
  sink.markdown(await citations.notesMarkdown());
  return { passages: [...passages], cited: citations.cited, removed: [] };
}

/** The messages that ground the model in the passages. */
export function groundedPrompt(question: string, passages: readonly Passage[]): { role: 'system' | 'user'; text: string }[] {
  const numbered = passages
    .map(
      (p, i) =>
        `[${i + 1}] ${placeOf(p)}\n${clip(p.text, PASSAGE_CHARS)}${p.notes.length ? `\nSources: ${p.notes.map(n => n.source).join(' | ')}` : ''}`,
    )
    .join('\n\n');
  return [
    {
      role: 'system',
      text: [
        "You answer a policy analyst's question from passages of the analyst's own reports, and from nothing else.",
        'After every sentence that states a fact, a number or a source, put the number of the passage it comes from in square brackets, e.g. [2] or [1][3].',
        'Quote numbers exactly as the passages give them. Do not write citation keys, URLs or sources of your own.',
        'If the passages do not answer the question, say so in one sentence.',
      ].join(' '),
    },
    { role: 'user', text: `Passages:\n\n${numbered}\n\nQuestion: ${question}` },
  ];
}

/** The `/figures` answer: each figure as the report writes it, what it measures, and its citation. */
export async function figuresMarkdown(
  figures: readonly FigureResult[],
  tools: DossierTools,
  style: CitationStyle,
  topic: string,
): Promise<string> {
  if (!figures.length) return `No key figure of your reports matches “${inline(topic)}”.`;
  const citations = new Citations(tools, style);
  const lines: string[] = [];
  for (const f of figures) {
    const value = `${f.figure.qualifier ? `${f.figure.qualifier} ` : ''}${f.figure.asWritten}`;
    lines.push(`- **${inline(value)}** — ${inline(f.figure.measures)} ${await citations.of([f.cite])}  \n  _${inline(placeOf(f))}_`);
  }
  return `${lines.join('\n')}\n${await citations.notesMarkdown()}`;
}

/** The `/check` answer: the summary, then each finding where it is. */
export function checkMarkdown(result: CheckResult, noteName: string): string {
  if (!result.findings.length) return `**${inline(noteName)}**: ${result.summary}`;
  const lines = result.findings.map(
    f =>
      `- line ${f.line}: ${f.severity === 'error' ? '❌' : f.severity === 'warning' ? '⚠️' : 'ℹ️'} ${inline(f.message)}${f.cite ? ` (source: \`[@${inline(f.cite.key)}${f.cite.locator ? `, ${inline(f.cite.locator)}` : ''}]\`)` : ''}`,
  );
  return `**${inline(noteName)}**: ${result.summary}\n\n${lines.join('\n')}`;
}

/** "“Title”, section “…”, ¶26, p. 4": where a passage is, for a reference label and the prompt. */
export function placeOf(p: Passage): string {
  return [
    `“${p.reportTitle}”`,
    p.section ? `section “${p.section}”` : undefined,
    p.paragraph !== undefined ? `¶${p.paragraph}` : undefined,
    p.page !== undefined ? `p. ${p.page}` : undefined,
    p.kind === 'footnote' ? `note ${p.target.id}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

async function passageMarkdown(p: Passage, citations: Citations): Promise<string> {
  return `**${inline(placeOf(p))}**\n\n> ${inline(clip(p.text, PASSAGE_CHARS))} ${await citations.of([p.cite])}`;
}

/**
 * Citations in the analyst's style, numbered in order of first use for note styles (footnote, Chicago, a
 * note CSL style): the marker goes after the claim and the note text into a list at the end.
 */
class Citations {
  readonly cited: string[] = [];
  private readonly notes: string[] = [];

  constructor(
    private readonly tools: DossierTools,
    private readonly style: CitationStyle,
  ) {}

  async of(refs: readonly CitationRef[]): Promise<string> {
    const result = await this.tools.cite(refs, this.style);
    for (const key of result.keys) if (!this.cited.includes(key)) this.cited.push(key);
    if (result.placement === 'inline') return result.citation;
    let n = this.notes.indexOf(result.citation) + 1;
    if (!n) n = this.notes.push(result.citation);
    return superscript(n);
  }

  async notesMarkdown(): Promise<string> {
    if (!this.notes.length) return '';
    return `\n\n**Notes**\n\n${this.notes.map((text, i) => `${i + 1}. ${text}`).join('\n')}`;
  }
}

// A run of passage markers: "[2]", "[1, 3]", "[1][3]"; and a pandoc citation the model wrote itself.
const MARKERS = /(?:\[\d{1,3}(?:\s*[,;]\s*\d{1,3}){0,9}\]){1,10}/g;
const PANDOC = /\[(?:[^\]@[\n]{0,100})@[^\]\n]{1,300}\]/g;
const KEY = /@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]{0,99})/gu;

/** Rewrites the model's text: passage numbers become citations; keys the library lacks are removed. */
class CitationRewriter {
  readonly removed: string[] = [];

  constructor(
    private readonly passages: readonly Passage[],
    private readonly citations: Citations,
    private readonly tools: DossierTools,
  ) {}

  async rewrite(text: string): Promise<string> {
    // own citations first: their keys are checked against the library, and the known ones re-cited in style
    let out = await replaceAsync(text, PANDOC, async match => {
      const refs: CitationRef[] = [];
      for (const part of match.slice(1, -1).split(';')) {
        KEY.lastIndex = 0;
        const key = KEY.exec(part)?.[1]?.replace(/[.,:]+$/, '');
        if (!key) continue;
        const locator =
          part
            .slice(part.indexOf(key) + key.length)
            .replace(/^[\s,]+/, '')
            .trim() || undefined;
        if (await this.exists(key)) refs.push({ key, locator });
        else if (!this.removed.includes(key)) this.removed.push(key);
      }
      return refs.length ? this.citations.of(refs) : '';
    });
    out = await replaceAsync(out, MARKERS, async match => {
      const numbers = [...match.matchAll(/\d+/g)].map(m => Number(m[0]));
      const refs: CitationRef[] = [];
      for (const n of numbers) {
        const passage = this.passages[n - 1];
        if (!passage) {
          if (!this.removed.includes(`[${n}]`)) this.removed.push(`[${n}]`);
          continue;
        }
        if (!refs.some(r => r.key === passage.cite.key && r.locator === passage.cite.locator))
          refs.push({ key: passage.cite.key, locator: passage.cite.locator });
      }
      return refs.length ? this.citations.of(refs) : '';
    });
    return out;
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.tools.cite([{ key }], 'pandoc');
      return true;
    } catch {
      return false;
    }
  }
}

async function replaceAsync(text: string, pattern: RegExp, replace: (match: string) => Promise<string>): Promise<string> {
  // one at a time, in reading order: notes are numbered in order of first use
  const matches = [...text.matchAll(pattern)];
  let out = '';
  let last = 0;
  for (const m of matches) {
    const replacement = await replace(m[0]);
    out += text.slice(last, m.index);
    // a removed citation takes its leading space with it: "15 percent." rather than "15 percent ."
    if (!replacement) out = out.replace(/[ \t]+$/, '');
    out += replacement;
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

/** Report text shown in the chat's Markdown: one line, and nothing in it read as markup. */
function inline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]<>#|!~]/g, ch => `\\${ch}`);
}

/** A note number as the chat shows it without HTML: ¹, ², ¹⁰. */
function superscript(n: number): string {
  return [...String(n)].map(d => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]).join('');
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}
