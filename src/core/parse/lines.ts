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
  eachLine(input, (start, end) => lines.push({ text: input.slice(start, end), start, end }));
  return lines;
}

/** Calls `visit` with each line's start and end offsets, in order (the line endings of splitLines). */
function eachLine(input: string, visit: (start: number, end: number) => void): void {
  let start = 0;
  // the next LF and the next CR by indexOf, far quicker than a loop over every character (32 MB: 0.5 s)
  let lf = input.indexOf('\n');
  let cr = input.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    const end = cr < 0 || (lf >= 0 && lf < cr) ? lf : cr;
    visit(start, end);
    start = end + 1;
    if (end === cr && input.charCodeAt(start) === 10) start++; // CRLF
    if (lf >= 0 && lf < start) lf = input.indexOf('\n', start);
    if (cr >= 0 && cr < start) cr = input.indexOf('\r', start);
  }
  visit(start, input.length);
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
  const long = new LongLines(warnings);
  const out = lines.map((line, i) => {
    if (line.end - line.start <= MAX_LINE_LENGTH || line.start < from) return line;
    long.skip(i + 1, line.end - line.start);
    return { text: '', start: line.start, end: line.start };
  });
  long.done();
  return out;
}

/** The warnings for over-long lines: the first few named, the rest counted. */
class LongLines {
  private count = 0;

  constructor(private readonly warnings: string[]) {}

  skip(lineNumber: number, length: number): void {
    if (++this.count <= NAMED_LONG_LINES)
      this.warnings.push(
        `Line ${lineNumber} is ${length.toLocaleString('en-US')} characters: skipped (no line over ${MAX_LINE_LENGTH.toLocaleString('en-US')} characters is read).`,
      );
  }

  done(): void {
    if (this.count > NAMED_LONG_LINES)
      this.warnings.push(
        `${(this.count - NAMED_LONG_LINES).toLocaleString('en-US')} more lines over ${MAX_LINE_LENGTH.toLocaleString('en-US')} characters: skipped.`,
      );
  }
}

export const isBlank = (line: Line): boolean => !/\S/.test(line.text);

/**
 * The input's blocks of lines between blank lines, each over-long line blank as capLines makes it (so it
 * ends the block before it) and named in `warnings`. One pass that keeps no blank line: a 33 MB report of
 * 150,000 paragraphs made 300,000 lines, copied them, then grouped them.
 */
export function splitBlocks(input: string, warnings: string[]): Block[] {
  const blocks: Block[] = [];
  const long = new LongLines(warnings);
  let current: Line[] = [];
  let lineNumber = 0;
  const flush = () => {
    if (current.length) blocks.push({ lines: current, start: current[0].start, end: current[current.length - 1].end });
    current = [];
  };
  eachLine(input, (start, end) => {
    lineNumber++;
    if (end - start > MAX_LINE_LENGTH) {
      long.skip(lineNumber, end - start);
      flush();
    } else if (blankAt(input, start, end)) flush();
    else current.push({ text: input.slice(start, end), start, end });
  });
  flush();
  long.done();
  return blocks;
}

/** Whether input[start, end) is only whitespace, without cutting it out when it opens with a visible ASCII character. */
function blankAt(input: string, start: number, end: number): boolean {
  if (start === end) return true;
  const first = input.charCodeAt(start);
  if (first > 0x20 && first < 0x7f) return false;
  return !/\S/.test(input.slice(start, end));
}

/** The block's lines joined by single spaces, whitespace collapsed. */
export function blockText(block: Block): string {
  const joined = block.lines.length === 1 ? block.lines[0].text : block.lines.map(l => l.text).join(' ');
  // most lines have single spaces only: rebuilding them whole would be an allocation per block for nothing
  return (/\s\s|[^\S ]/.test(joined) ? joined.replace(/\s+/g, ' ') : joined).trim();
}
