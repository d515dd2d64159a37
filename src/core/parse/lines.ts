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
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    lines.push({ text: input.slice(start, i), start, end: i });
    if (c === 13 && input.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  lines.push({ text: input.slice(start), start, end: input.length });
  return lines;
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
  return block.lines
    .map(l => l.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
