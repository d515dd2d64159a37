/**
 * Tables as figures, right or silent: a number in a table cell is a key figure of its row and column
 * ("U.S. goods exports to China, 2024"), measured in the unit the table states for it. The unit is looked
 * for from the nearest to the farthest: the cell itself ("$7,500", "12%"), its column header
 * ("Share (percent)"), its row label ("Exports (billions of dollars)"), then the caption and the line under
 * it ("(billions of dollars)"). The scale comes with the unit: 1,185.5 under "billions of dollars" is
 * $1,185.5 billion, never 1,185.5 dollars. A cell whose unit cannot be told is no figure.
 *
 * The amount is read by the one number reader (quantities.ts) from the cell's number written out with its
 * unit, so a table's "$1,185.5 billion" and a sentence's "$1.19 trillion" are the same kind of value.
 * Every expression here is linear: anchored or bounded, no nested unbounded quantifiers.
 */
import type { Figure, Table } from './model';
import { findQuantities } from './quantities';
import { shared, squeeze } from './text';

/** How a bare number of a cell is written out to be read with its unit: `${prefix}${number}${suffix}`. */
interface CellUnit {
  prefix: string;
  suffix: string;
  /** the unit as the table writes it ("billions of dollars") */
  written: string;
}

const SCALE_WORD = /\b(thousand|million|billion|trillion)s?\b/i;
/** "(billions of dollars)", "in millions of 2024 dollars", "dollars in billions", "$ billions", "US$ millions", "(USD million)" */
const MONEY =
  /\b(?:thousands|millions|billions|trillions)\s+of\s+(?:[\w.]+\s+){0,3}?dollars\b|(?<![\d.]\s?)\b(?:U\.?S\.?\s+)?dollars\b(?:\s*\(?\s*in\s+(?:thousands|millions|billions|trillions)\b)?|(?:US)?\$(?!\s*\d)\s*(?:in\s+)?(?:thousands|millions|billions|trillions|thousand|million|billion|trillion|mil\.?|bil\.?|m|bn)?(?![\p{L}\p{N}])|\bUSD\b(?:\s*(?:thousands|millions|billions|trillions|thousand|million|billion|trillion))?/iu;
/** a percentage as a unit ("Share (%)", "Percent change"), not a number's ("under 200% of poverty") */
const PERCENT = /(?<![\d.]\s?)(?:\bpercent(?:age)?\b|%|\bper\s+cent\b)/i;
/** "Million Metric Tons CO2e (MMTCO2e)", "thousand metric tons", "(MMT)" */
const TONS = /\b(?:(thousands?|millions?|billions?)\s+(?:of\s+)?)?metric\s+tons?\b|\b(MMT)(?:CO2e?)?\b/i;
/** "Number of Facilities Reporting …": a count of facilities */
const NUMBER_OF = /^(?:total\s+)?number\s+of\s+([\p{L}][\p{L}'’-]{2,40})/iu;

/** The unit a header, label or caption states, if it states exactly one. */
export function statedUnit(text: string | undefined): CellUnit | undefined {
  if (!text) return undefined;
  const t = squeeze(text);
  const found: CellUnit[] = [];
  const money = MONEY.exec(t);
  if (money) {
    const scale = SCALE_WORD.exec(money[0])?.[1] ?? /\$\s*(?:in\s+)?(m|bn|mil|bil)\b/i.exec(money[0])?.[1];
    const word = scale ? scaleName(scale) : '';
    found.push({ prefix: '$', suffix: word ? ` ${word}` : '', written: money[0].trim() });
  }
  const percent = PERCENT.exec(t);
  if (percent) found.push({ prefix: '', suffix: ' percent', written: percent[0] });
  const tons = TONS.exec(t);
  if (tons) {
    const word = tons[2] ? 'million' : tons[1] ? scaleName(tons[1]) : '';
    found.push({ prefix: '', suffix: `${word ? ' ' + word : ''} metric tons`, written: tons[0] });
  }
  const counted = NUMBER_OF.exec(t);
  if (counted) found.push({ prefix: '', suffix: ` ${counted[1].toLowerCase()}`, written: counted[0] });
  // two units named ("Value ($ millions) and share (%)"): the header does not say which is this cell's
  return found.length === 1 ? found[0] : undefined;
}

function scaleName(word: string): string {
  const w = word.toLowerCase().replace(/s$/, '');
  if (w === 'm' || w === 'mil' || w === 'mil.') return 'million';
  if (w === 'bn' || w === 'bil' || w === 'bil.') return 'billion';
  return w;
}

/** A cell that is one number: "1,185.5", "~53", "-2.4", "2,112a" (a note letter), "12.5%". */
const NUMBER_CELL = /^([~≈]|about\s+|approx\.?\s+)?([-−–]?)(\$?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%?)([a-z]|\*{1,3})?$/i;
/** A header cell that is a year ("2024", "FY2025"): a column of a time series, not a number. */
const YEAR = /^(?:FY\s?|CY\s?)?(?:19|20)\d{2}(?:[-–/]\d{2,4})?[a-z]?$/i;

/** A header's cell: words, a year or a range of years ("Steel (2017-2018)"), no other number. */
function headerLike(cell: string): boolean {
  const c = cell.trim();
  return !c || YEAR.test(c) || !/\d/.test(c.replace(/\b(?:19|20)\d{2}\b/g, '').replace(/\([^()]{0,80}\)/g, ''));
}

/** Rows at the top (at most three) that hold only words and years: the header, however many rows it has. */
export function headerRowCount(table: Pick<Table, 'rows' | 'headerRows'>): number {
  let n = 0;
  while (n < Math.min(3, table.rows.length - 1) && table.rows[n]!.slice(1).every(headerLike)) n++;
  return Math.max(n, Math.min(table.headerRows, table.rows.length - 1));
}

/** A header's words for a subject: without the unit in brackets ("(billions of dollars)"); years in brackets stay. */
function headerWords(text: string): string {
  return squeeze(text.replace(/\s*[([]([^()[\]]{0,80})[)\]]/g, (m, inner: string) => (/^[\d\s–-]+$/.test(inner) ? m : ' ')))
    .replace(/[,:;\s]+$/, '')
    .trim();
}

/** The unit stated anywhere a table names one: caption, the line under it, or the header cells (for Table.unit). */
export function tableUnit(caption: string | undefined, subtitle: string | undefined, header: readonly string[][]): string | undefined {
  return (statedUnit(subtitle) ?? statedUnit(caption) ?? header.flat().map(statedUnit).find(Boolean))?.written;
}

/**
 * The figures of a table's cells, numbered on from `firstId` (f{firstId}, …). `subtitle` is the line printed
 * under the caption ("Estimated Annual Emissions in Million Metric Tons …"), often where the unit is.
 */
export function tableFigures(table: Table, firstId: number, subtitle?: string): Figure[] {
  const header = headerRowCount(table);
  const width = table.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const columns = Array.from({ length: width }, (_, c) =>
    table.rows
      .slice(0, header)
      .map(r => (r[c] ?? '').trim())
      // a lone letter or number labels a column ("A", "(1)"), it does not name it
      .filter(cell => cell && !/^\(?[A-Z0-9]\)?$/.test(cell)),
  );
  const tableWide = [statedUnit(subtitle), statedUnit(table.caption)].filter(Boolean);
  // caption and subtitle name different units: neither can be taken as every cell's
  const wide = tableWide.length === 2 && tableWide[0]!.suffix !== tableWide[1]!.suffix ? undefined : tableWide[0];
  const figures: Figure[] = [];
  for (const row of table.rows.slice(header)) {
    // "Total Number of Facilitiesᵃ" lost its raised note letter in the text layer
    const label = (row[0] ?? '').trim().replace(/(?<=[a-z]{3}s)a$/, '');
    if (!label || NUMBER_CELL.test(label)) continue;
    for (let c = 1; c < row.length; c++) {
      const cell = row[c]!.trim();
      const q = cellAmount(cell, () => statedUnit(columns[c]!.join(' ')) ?? statedUnit(label) ?? wide);
      if (!q) continue;
      const columnText = columns[c]!.join(' ');
      const column = headerWords(columnText);
      const subject = [headerWords(label), column].filter(Boolean).join(', ');
      const figure: Figure = {
        id: shared(`f${firstId + figures.length}`),
        text: q.text,
        value: q.value,
        unit: q.unit,
        subject,
        paragraph: table.id,
        sentence: `${subject}: ${cell}`,
        footnotes: [],
        table: table.id,
      };
      if (q.qualifier) figure.qualifier = shared(q.qualifier);
      if (table.page !== undefined) figure.page = table.page;
      figures.push(figure);
    }
  }
  return figures;
}

/**
 * The amount of a cell: a bare number read with the unit its table states for it, or a cell that writes its
 * own unit whole ("$7,500", "12.5%", "338 days"). Zero, and a negative number the reader would lose the
 * sign of, are not figures.
 */
function cellAmount(cell: string, unitFor: () => CellUnit | undefined) {
  const number = NUMBER_CELL.exec(cell.replace(/\s+/g, ''));
  let phrase: string;
  if (number && !number[3] && !number[6]) {
    const unit = unitFor();
    if (!unit) return undefined;
    phrase = `${unit.prefix}${number[2] ? '-' : ''}${number[4]}${number[5] ?? ''}${unit.suffix}`;
    if (number[1]) phrase = `about ${phrase}`;
  } else
    phrase = number
      ? cell
          .replace(/\s+/g, '')
          .replace(/^[~≈]/, 'about ')
          .replace(/[a-z*]+$/, '')
      : cell;
  const read = findQuantities(phrase);
  const q = read.length === 1 && (read[0]!.qualifierStart ?? read[0]!.start) <= 1 && read[0]!.end === phrase.length ? read[0] : undefined;
  if (!q || (q.unit === 'count' && !q.counted) || q.value === 0) return undefined;
  if (number?.[2] && q.value > 0) return undefined;
  return q;
}
