/**
 * Which words of a sentence belong to which of its amounts. In "exports rose 12% while imports fell 3%"
 * 12% is about exports and 3% about imports; in "Bangladesh (at 39 percent) and Vietnam (at 46 percent)"
 * each rate is its country's. Between two amounts the sentence is cut at its strongest clause break (a
 * semicolon, ", and"/"while"/"whereas", a comma, "and"/"than", "to"/"from", an opening parenthesis), else halfway at a word break;
 * but a closing parenthesis ends the aside the first amount stands in, whatever follows it;
 * the first amount keeps the sentence's start and the last its end.
 */

export interface AmountSpan {
  start: number;
  end: number;
  qualifierStart?: number;
}

export interface Scope {
  from: number;
  to: number;
}

/** Clause breaks, strongest first; each a global expression over the gap between two amounts only. */
const BREAKS: readonly RegExp[] = [
  /;/g,
  /,[ \t\r\n]{1,4}(?:and|but|while|whereas|or|compared|against|versus)\b|[ \t\r\n](?:while|whereas)\b/gi,
  /,/g,
  /[ \t\r\n](?:and|but|than|versus|vs\.|compared)\b/gi,
  // "from $198.2 billion in 2006 to $534.8 billion": weaker than "and" ("25% by value from the EU and 20% …")
  /[ \t\r\n](?:to|from)\b/gi,
  // "… derivative products (10% if …)": a parenthesis opens another amount's aside
  /\(/g,
];

/** Where the words of the gap [from, to) between two amounts divide: the start of the break, or a word break near halfway. */
function cutBetween(text: string, from: number, to: number): number {
  const gap = text.slice(from, to);
  // an aside the first amount stands in ends with it: "(25% by value from the EU and 20% from Canada) and $9.0 billion"
  const close = gap.indexOf(')');
  if (close >= 0 && !gap.slice(0, close).includes('(')) return from + close + 1;
  for (const pattern of BREAKS) {
    pattern.lastIndex = 0;
    const m = pattern.exec(gap);
    if (m) return from + m.index;
  }
  let cut = from + Math.floor(gap.length / 2);
  while (cut < to && !/\s/.test(text[cut]!)) cut++;
  return cut;
}

/**
 * The scope of each amount (in text order, all in one sentence [from, to)): from the break before it to
 * the break after it.
 */
export function amountScopes(text: string, amounts: readonly AmountSpan[], from: number, to: number): Scope[] {
  const cuts: number[] = [];
  for (let i = 0; i + 1 < amounts.length; i++) {
    const gapFrom = amounts[i]!.end;
    const gapTo = Math.max(gapFrom, amounts[i + 1]!.qualifierStart ?? amounts[i + 1]!.start);
    cuts.push(cutBetween(text, gapFrom, gapTo));
  }
  return amounts.map((_, i) => ({ from: i === 0 ? from : cuts[i - 1]!, to: i === amounts.length - 1 ? to : cuts[i]! }));
}
