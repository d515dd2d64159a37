/**
 * The time frames a stretch of text puts an amount in: years ("in 2023", "2019–2024"), fiscal years
 * ("FY2024"), quarters ("the third quarter of 2024", "Q3 2024") and, when the writing's own date is known,
 * "last year", "this year", "next year". Two amounts whose time frames have nothing in common measure
 * different things however alike their words: "over 300 attacks in 2023" does not contradict the report's
 * "600 attacks last year" (2024). One pass of a sticky-free global expression: linear in the text.
 */

/**
 * A quarter (its year after it), a fiscal year, a plain year, or a relative year. Years are 1900–2099 and
 * stand alone: not part of a longer number, an amount ("$2025"), a percentage or an identifier ("S-2025").
 */
const TIME =
  /(?<![\w$.,-])(?:(Q[1-4])[ \t]?((?:19|20)\d\d)|((?:19|20)\d\d)[ \t]?(Q[1-4])|(first|second|third|fourth)[ \t]{1,3}quarter(?:[ \t]{1,3}of)?,?[ \t]{1,3}((?:19|20)\d\d)|(?:(FY)[ \t]?|fiscal[ \t]{1,3}year[ \t]{1,3})((?:19|20)\d\d)|((?:19|20)\d\d)|(last|this|next|past)[ \t]{1,3}year)(?![\w%]|[.,]\d|[ \t]{0,3}(?:%|percent))/gi;

const QUARTERS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

/** "Act of 1962", "the 1974 Trade Act": a law's name, not a time. */
const ACT_BEFORE = /\bAct[ \t]+of[ \t]+$/;

/**
 * The time frames in `text`, as comparable tokens: "2024", "2024Q3", "FY2024". A relative year is the
 * year's words ("last year") and, when the writing's date is known, the year before, of or after `year`.
 */
export function timeFrames(text: string, year?: number): Set<string> {
  const out = new Set<string>();
  TIME.lastIndex = 0;
  for (let m = TIME.exec(text); m; m = TIME.exec(text)) {
    if (m[1]) out.add(`${m[2]}${m[1].toUpperCase()}`);
    else if (m[4]) out.add(`${m[3]}${m[4].toUpperCase()}`);
    else if (m[5]) out.add(`${m[6]}Q${QUARTERS[m[5].toLowerCase()]}`);
    else if (m[8]) out.add(`FY${m[8]}`);
    else if (m[9]) {
      if (!ACT_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) out.add(m[9]);
    } else if (m[10]) {
      // the words too: a note's "last year" (its date unknown) may speak of the report's "last year"
      const which = m[10].toLowerCase() === 'past' ? 'last' : m[10].toLowerCase();
      out.add(`${which} year`);
      if (year !== undefined) out.add(String(year + (which === 'next' ? 1 : which === 'this' ? 0 : -1)));
    }
  }
  return out;
}

/** The year of an ISO date ("2025-05-19" → 2025), if it has one. */
export function yearOf(date: string | undefined): number | undefined {
  const m = /^(\d{4})/.exec(date ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * Whether two amounts can speak of the same time: yes when either names no time, or when they share one.
 * "In 2023" against "last year" (2024) is no; "in 2025" against "from 2006 to 2025" is yes.
 */
export function sameTimeFrame(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return true;
  for (const t of a) if (b.has(t)) return true;
  return false;
}
