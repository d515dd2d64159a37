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

export function splitLines(input: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= input.length) {
    let end = input.indexOf('\n', start);
    if (end < 0) end = input.length;
    let textEnd = end;
    if (textEnd > start && input.charCodeAt(textEnd - 1) === 13) textEnd--;
    lines.push({ text: input.slice(start, textEnd), start, end: textEnd });
    start = end + 1;
  }
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
  return block.lines.map(l => l.text).join(' ').replace(/\s+/g, ' ').trim();
}
