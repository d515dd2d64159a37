/**
 * Which figures a chart may put side by side: figures that measure the same kind of thing. Same unit and
 * the same period for a rate;
 * shares only of the same whole ("93% of water withdrawals" never beside "37% of the labour force"); a
 * hypothetical amount ("a hypothetical 10% disruption") never beside reported ones; otherwise a common
 * measured quantity in their subjects, or one series in one sentence ("$900 in 2024, $1,200 in 2025").
 * One rule for the automatic charts and the hover's mini chart.
 */
import type { Figure } from './model';

const STOP = new Set(
  `the a an of in on at to for from by with and or its their his her our this that these those total all overall
  u.s us united states percent percentage share shares proportion amount amounts number figure figures value level
  about some other such year years`.split(/\s+/),
);
const HYPOTHETICAL = /\b(?:hypothetical(?:ly)?|scenarios?|suppose|supposing|assum(?:e|ed|es|ing)|illustrative|for\s+illustration|if)\b/i;

/** Content words, lower-cased, a plural "-s" dropped: "water withdrawals" → water, withdrawal. */
function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [])
    .map(w => w.replace(/['’]s$/, ''))
    .filter(w => w.length > 2 && !STOP.has(w))
    .map(w => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

/** What a percentage is a share of ("of total U.S. GHG emissions" → "emission"), if it is one. */
export function shareWhole(figure: Figure): string | undefined {
  if (figure.unit !== 'percent') return undefined;
  const at = figure.sentence.indexOf(figure.text);
  const after = at >= 0 ? figure.sentence.slice(at + figure.text.length, at + figure.text.length + 120) : '';
  const m = /^\s+of\s+([^,.;:()]{1,100})/i.exec(after) ?? /\bshare\s+of\s+([^,.;:()]{1,100})/i.exec(figure.subject);
  if (!m) return undefined;
  // the whole is the noun phrase's head: the last content word before a preposition or verb
  const phrase = m[1]!.split(/\s+(?:in|on|at|by|from|for|to|that|which|who|was|were|is|are|as|between|during|since|after|before)\s+/i)[0]!;
  const words = contentWords(phrase);
  return words.length ? words[words.length - 1] : undefined;
}

/** Said of a case that may not happen ("a hypothetical 10% disruption", "if the rate were 20%"). */
export function isHypothetical(figure: Figure): boolean {
  const at = figure.sentence.indexOf(figure.text);
  const near = at >= 0 ? figure.sentence.slice(Math.max(0, at - 60), at + figure.text.length + 30) : figure.sentence;
  return HYPOTHETICAL.test(near);
}

/** True when a chart may show the two figures side by side. */
export function comparable(a: Figure, b: Figure): boolean {
  // "$5 billion a year" is a rate, never a bar beside "$20 billion" in all
  if (a.unit !== b.unit || a.per !== b.per) return false;
  if (isHypothetical(a) !== isHypothetical(b)) return false;
  const wa = shareWhole(a);
  const wb = shareWhole(b);
  if (wa !== undefined || wb !== undefined) return wa !== undefined && wa === wb;
  // one series: amounts of the same unit listed in one sentence
  if (a.paragraph === b.paragraph && a.sentence === b.sentence && a.unit !== 'count') return true;
  // a common noun of what they measure ("tariff", "industry"); a shared name ("Pakistan") is not a measure
  const measured = new Set(contentWords(commonNouns(a.subject)));
  return contentWords(commonNouns(b.subject)).some(w => measured.has(w));
}

/** Every figure a percentage of some whole: the axis of their chart ends at 100. */
export function allShares(figures: readonly Figure[]): boolean {
  return figures.length > 0 && figures.every(f => shareWhole(f) !== undefined && f.value >= 0 && f.value <= 100);
}

/** The subject's lower-case words: names and acronyms left out. */
function commonNouns(subject: string): string {
  return subject
    .split(/\s+/)
    .filter(w => /^\p{Ll}/u.test(w))
    .join(' ');
}
