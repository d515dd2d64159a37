/**
 * Parse time by format: saved web pages and Word files through the production lazy bundle dist/web.js
 * (Defuddle on linkedom, mammoth) and the Markdown reader, and the CRS web captures (Markdown) alone.
 * Fixtures: test/fixtures/web/*.html, a .docx made here with the `docx` package, test/fixtures/captures/*.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { parseReportWithSpans } from '../src/core/parse';
import type { FormatTimes } from './extras';
import { timeAsync, time } from './stats';

const ROOT = path.join(__dirname, '..');

type WebEngine = typeof import('../src/lazy/web');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureFormats(chunk: string): Promise<FormatTimes> {
  const pages = fs
    .readdirSync(path.join(ROOT, 'test/fixtures/web'))
    .filter(n => n.endsWith('.html'))
    .sort()
    .map(n => fs.readFileSync(path.join(ROOT, 'test/fixtures/web', n), 'utf8'));
  const read = async (web: WebEngine, html: string) =>
    parseReportWithSpans((await web.htmlToMarkdown(html)).markdown, { format: 'markdown', source: 'page.html' });
  const cold = await timeAsync(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const web = require(chunk) as WebEngine;
    await read(web, pages[0]);
    return web;
  });
  const web = cold.value;
  const html: number[] = [];
  for (let round = 0; round < 5; round++) for (const page of pages) html.push((await timeAsync(() => read(web, page))).ms);

  const docx = new Uint8Array(await Packer.toBuffer(wordFile()));
  const word: number[] = [];
  for (let round = 0; round < 10; round++) {
    word.push(
      (
        await timeAsync(async () =>
          parseReportWithSpans((await web.docxToMarkdown(docx)).markdown, { format: 'markdown', source: 'memo.docx' }),
        )
      ).ms,
    );
  }

  const captures = fs
    .readdirSync(path.join(ROOT, 'test/fixtures/captures'))
    .filter(n => /^[A-Z]+\d+v\d+.*\.md$/.test(n))
    .map(n => fs.readFileSync(path.join(ROOT, 'test/fixtures/captures', n), 'utf8'));
  const capture = captures.map(text => time(() => parseReportWithSpans(text, { format: 'markdown' })).ms);
  return {
    webColdMs: cold.ms,
    htmlWarmMs: median(html),
    docxWarmMs: median(word),
    captureMedianMs: median(capture),
    captureMaxMs: Math.max(...capture),
  };
}

/** Twenty paragraphs, two headings, a footnote in every paragraph. */
function wordFile(): Document {
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  const children: Paragraph[] = [new Paragraph({ text: 'A Memo on Copper', heading: HeadingLevel.TITLE })];
  for (let i = 1; i <= 20; i++) {
    if (i % 10 === 1) children.push(new Paragraph({ text: `Part ${Math.ceil(i / 10)}`, heading: HeadingLevel.HEADING_1 }));
    footnotes[i] = { children: [new Paragraph(`Agency ${i}, “Copper Report ${i},” March ${i}, 2025, https://example.org/copper/${i}.`)] };
    children.push(
      new Paragraph({
        children: [
          new TextRun(`Imports of copper rose by ${i} percent in 2025, to US$${i}.5 billion, according to the agency's latest estimate.`),
          new FootnoteReferenceRun(i),
        ],
      }),
    );
  }
  return new Document({ footnotes, sections: [{ children }] });
}
