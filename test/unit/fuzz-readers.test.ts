/**
 * The fuzz and ReDoS suite for the binary-format readers: the PDF layout analysis (on text laid out as
 * pages of items, as pdf.js hands them over), pdf.js itself on damaged PDF files, and the web-page reader on
 * hostile HTML. The same two promises as test/unit/fuzz.test.ts: only ReportError escapes, and time grows
 * linearly. `npm test` runs a fixed sample; `npm run fuzz` (test/fuzz/run.ts) runs 10,000 per reader.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { ReportError } from '../../src/core/errors';
import { parsePdfContent } from '../../src/core/parse/pdf';
import { readPdf } from '../../src/lazy/pdf';
import { readHtml } from '../../src/lazy/webReaders';
import { htmlNestingDepth } from '../../src/core/parse/htmlDepth';
import { medianTime, nestings, render, runGuarded, shapes } from '../fuzz/scanners';
import { pdfPages } from '../fuzz/pdfPages';
import { asyncScalingRatio, cpuTime, threadTime } from '../fuzz/asyncReads';
import { damaged, pdfDamage } from '../fuzz/damagedPdf';
import { assertLinear } from './linear';

/** Linear, allowing for a busy machine: one of three measurements of time(4n)/time(n) under 8. */
async function assertLinearAsync(label: string, read: (n: number) => Promise<unknown>, n: number, maxN = n * 64): Promise<void> {
  let message = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const measured = await asyncScalingRatio(read, n, maxN);
    if (measured.ratio < 8) return;
    message = `${label}: size ${measured.n * 4} took ${measured.ratio.toFixed(1)}× the time of size ${measured.n} (linear is ~4×)`;
  }
  assert.fail(message);
}

const pdfLayout = { name: 'PDF layout analysis', run: (text: string) => parsePdfContent(pdfPages(text), { source: 'f.pdf' }) };

describe('fuzz: the PDF layout analysis', () => {
  test('reads text laid out as pages: headings, paragraphs and linked notes', () => {
    const { report } = parsePdfContent(
      pdfPages(
        [
          '# Trade Under Pressure',
          '',
          'Exports rose to $845 million in 2024, officials said. [1]',
          'The rise followed two years of decline in the sector.',
          '',
          '[1] Ministry of Trade, “Annual Report,” 2025.',
        ].join('\n'),
      ),
      { source: 'f.pdf' },
    );
    assert.match(
      report.sections
        .flatMap(s => s.paragraphs)
        .map(p => p.text)
        .join(' '),
      /Exports rose to \$845 million in 2024/,
    );
  });
  test('a line that is one word 100,000 characters long', () =>
    assertLinear('PDF layout, long word', n => runGuarded(pdfLayout, `# T\n\nIt ${'x'.repeat(n)} ends.\n`), 4000));
  test('a page of many one-character items', () =>
    assertLinear('PDF layout, many items', n => runGuarded(pdfLayout, `# T\n\n${'a '.repeat(n)}\n`), 2000));
  test('many pages of note markers', () =>
    assertLinear(
      'PDF layout, many markers',
      n => runGuarded(pdfLayout, `# T\n\n${Array.from({ length: n }, (_, i) => `Claim ${i}. [${i + 1}]`).join('\n')}\n`),
      500,
    ));
  const runs = 25;
  test(`generated shapes: only ReportError escapes, no case is slow (${runs} cases)`, () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 1, max: 4000 }), (shape, size) => {
        const took = medianTime(() => runGuarded(pdfLayout, render(shape, size)), 1);
        assert.ok(took < 1000, `${JSON.stringify(shape)} × ${size} took ${Math.round(took)} ms`);
      }),
      { numRuns: runs, seed: 23 },
    );
  });
});

describe('fuzz: damaged PDF files through pdf.js', () => {
  const original = new Uint8Array(readFileSync('test/fixtures/pdf/endnotes.pdf'));
  // a fixed sample: `npm run fuzz` reads 10,000 damaged files
  const runs = 10;
  test(`truncated, bit-flipped and spliced files: only ReportError escapes (${runs} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(pdfDamage(original), async d => {
        const bytes = damaged(original, d);
        const took = await cpuTime(() => readPdf(bytes, 'damaged.pdf'));
        assert.ok(took < 5000, `${d.kind} took ${Math.round(took)} ms`);
      }),
      { numRuns: runs, seed: 29 },
    );
  });
  test('a damaged stream inside a page is refused with a reason (found by `npm run fuzz`)', async () => {
    const bytes = original.slice();
    bytes[401] = bytes[401]! ^ 0xff;
    await assert.rejects(readPdf(bytes, 'damaged.pdf'), (error: unknown) => {
      assert.ok(error instanceof ReportError);
      assert.equal(error.message, 'Not a readable PDF: Bad encoding in flate stream');
      return true;
    });
  });
  test('a file that is not a PDF at all is refused with a reason', async () => {
    await assert.rejects(readPdf(new TextEncoder().encode('%PDF-1.7\nnot really'), 'fake.pdf'), ReportError);
    await assert.rejects(readPdf(new Uint8Array(0), 'empty.pdf'), ReportError);
  });
});

describe('fuzz: the web-page reader on hostile HTML', () => {
  const page = (body: string) =>
    `<!doctype html><html><head><title>T</title></head><body><article><h1>A Report Title</h1><p>The program spent money [1].</p>${body}</article></body></html>`;
  for (const open of [...nestings.filter(n => n.startsWith('<')), '<div>', '<span>', '<blockquote>', '<ul><li>', '<table><tr><td>']) {
    test(`nesting "${open}" thousands deep is refused in linear time`, () =>
      assertLinearAsync(`HTML nesting ${open}`, n => readHtml(page(`<p>Deep ${open.repeat(n)}x</p>`), 'n.html'), 1000, 64000));
  }
  // whole pages of thousands of notes and 100,000-character runs: `npm run fuzz` (test/fuzz/subjects.ts)
  const runs = 10;
  test(`generated shapes inside a page: only ReportError escapes, no case is slow (${runs} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(shapes, fc.integer({ min: 1, max: 2000 }), async (shape, size) => {
        const text = render(shape, size);
        // as markup and as text: hostile tags are part of the shapes
        // this thread's time: the collector's and compiler's threads beside it doubled the process's
        const took = await threadTime(() =>
          readHtml(
            page(
              text
                .split('\n\n')
                .map(p => `<p>${p}</p>`)
                .join(''),
            ),
            'f.html',
          ),
        );
        assert.ok(took < 3000, `${JSON.stringify(shape)} × ${size} took ${Math.round(took)} ms`);
      }),
      { numRuns: runs, seed: 31 },
    );
  });
});

describe('the nesting depth of a page, before the web engine reads it', () => {
  test('counts elements that need an end tag, not void, self-closed or implied-end ones, nor markup inside comments and scripts', () => {
    assert.equal(htmlNestingDepth('<div><section><p>a<p>b<br><img src=x><svg><path/></svg></section></div>'), 3);
    assert.equal(htmlNestingDepth('<ul><li>one<li>two<li>three</ul>'), 1);
    assert.equal(htmlNestingDepth(`<div><!-- ${'<div>'.repeat(50)} --><script>${'<div>'.repeat(50)}</SCRIPT></div>`), 1);
    assert.equal(htmlNestingDepth('<div>'.repeat(1000), 256), 257, 'stops counting past the limit');
  });
  test('a page nested 1,000 deep is refused with a reason, at once', async () => {
    const deep = `<html><body><article><h1>T</h1>${'<div>'.repeat(1000)}Text${'</div>'.repeat(1000)}</article></body></html>`;
    await assert.rejects(readHtml(deep, 'deep.html'), (e: unknown) => e instanceof ReportError && /more than 256 deep/.test(e.message));
  });
  test('the corpus captures and the fixtures nest far less than the limit', () => {
    for (const name of ['meta-jsonld.html', 'wordpress-ftn.html', 'word-ftn.html', 'aside-notes.html', 'endnotes-list.html']) {
      assert.ok(htmlNestingDepth(readFileSync(`test/fixtures/web/${name}`, 'utf8')) < 64, name);
    }
  });
  test('linear in the length of the markup, whatever its shape', () => {
    for (const unit of ['<div>', '<script>', '<!--', '<a'])
      assertLinear(`nesting depth of ${unit}`, n => htmlNestingDepth(unit.repeat(n)), 4000);
  });
});
