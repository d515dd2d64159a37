/** Splits input into lines and blank-line-separated blocks, keeping offsets into the input. */

export interface Line {
  text: string;
  start: number;
  end: number;
}

export interface Block {
  lines: Line[];
  start: number;
  end: number;
}

/** Lines of the input, whatever its line endings: LF, CRLF, or the CR alone of old Mac files (also mixed). */
export function splitLines(input: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  // the next LF and the next CR by indexOf, far quicker than a loop over every character (32 MB: 0.5 s)
  let lf = input.indexOf('\n');
  let cr = input.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    const end = cr < 0 || (lf >= 0 && lf < cr) ? lf : cr;
    lines.push({ text: input.slice(start, end), start, end });
    start = end + 1;
    if (end === cr && input.charCodeAt(start) === 10) start++; // CRLF
    if (lf >= 0 && lf < start) lf = input.indexOf('\n', start);
    if (cr >= 0 && cr < start) cr = input.indexOf('\r', start);
  }
  lines.push({ text: input.slice(start), start, end: input.length });
  return lines;
}

/**
 * A line longer than this is no prose a report holds (a paragraph of some 15,000 words on one line): it is
 * skipped, with a warning, rather than read by every rule of the parser.
 */
export const MAX_LINE_LENGTH = 100_000;
/** Long lines named one by one in the warnings; the rest are counted. */
const NAMED_LONG_LINES = 5;

/**
 * The lines with each one over MAX_LINE_LENGTH made blank (it still ends the paragraph before it) and named
 * in `warnings`: "Line 12 is 400,000 characters: skipped". Lines before offset `from` (front matter, read
 * on its own) are left as they are.
 */
export function capLines(lines: Line[], warnings: string[], from = 0): Line[] {
  let long = 0;
  const out = lines.map((line, i) => {
    const length = line.end - line.start;
    if (length <= MAX_LINE_LENGTH || line.start < from) return line;
    if (++long <= NAMED_LONG_LINES)
      warnings.push(
        `Line ${i + 1} is ${length.toLocaleString('en-US')} characters: skipped (no line over ${MAX_LINE_LENGTH.toLocaleString('en-US')} characters is read).`,
      );
    return { text: '', start: line.start, end: line.start };
  });
  if (long > NAMED_LONG_LINES)
    warnings.push(
      `${(long - NAMED_LONG_LINES).toLocaleString('en-US')} more lines over ${MAX_LINE_LENGTH.toLocaleString('en-US')} characters: skipped.`,
    );
  return out;
}

export const isBlank = (line: Line): boolean => !/\S/.test(line.text);

export function splitBlocks(lines: Line[]): Block[] {
  const blocks: Block[] = [];
  let current: Line[] = [];
  const flush = () => {
    if (current.length) blocks.push({ lines: current, start: current[0].start, end: current[current.length - 1].end });
    current = [];
  };
  for (const line of lines) {
    if (isBlank(line)) flush();
    else current.push(line);
  }
  flush();
  return blocks;
}

/** The block's lines joined by single spaces, whitespace collapsed. */
export function blockText(block: Block): string {
  const joined = block.lines.length === 1 ? block.lines[0].text : block.lines.map(l => l.text).join(' ');
  // most lines have single spaces only: rebuilding them whole would be an allocation per block for nothing
  return (/\s\s|[^\S ]/.test(joined) ? joined.replace(/\s+/g, ' ') : joined).trim();
}
