/**
 * `dossier export NOTES.md --to docx|html|pandoc [--style pandoc|footnote|chicago|apa|FILE.csl] [--out F]`:
 * the memo as a Word file, one self-contained HTML file, or a folder for pandoc — the same memo as VS Code's
 * preview and Export Memo… (src/core/memo.ts), built here with the CLI's library and engines. Numbers the
 * fact-check disputes are named on stderr first; the export goes on (scripts decide with `dossier check`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { bibliographyItems, toCslJson } from '../core/cite';
import { chartSpec, lightTheme } from '../core/chartSpec';
import { keysCitedBy } from '../core/check';
import type { Dossier } from '../core/dossier';
import {
  buildMemo,
  cslFormatter,
  exportWarnings,
  isLocalSvgLink,
  memoCslStyle,
  memoTitle,
  pandocBundle,
  printedNotesFormatter,
  type CitationFormatter,
} from '../core/memo';
import { CITATION_STYLES, type CitationStyle } from '../core/cite';
import { chartEngine, exportEngine } from '../lazy/load';
import { cslStyle } from './cite';
import type { CliCommand } from './command';
import { LoadError, runCommand, UsageError } from './errors';
import { loadDossier, parseArgs, readTextFile, writeNewFile } from './load';

const FORMATS = ['docx', 'html', 'pandoc'] as const;
type ExportFormat = (typeof FORMATS)[number];

export const exportCommand: CliCommand = {
  name: 'export',
  synopsis:
    'NOTES.md --to docx|html|pandoc [--style pandoc|footnote|chicago|apa|FILE.csl] [--out F] [--library DIR]   the memo as Word, HTML or a pandoc bundle',
  run: (args, io) =>
    runCommand(exportCommand, io, async () => {
      const parsed = parseArgs(args, { options: ['--to', '--style', '--out', '--library'] });
      const [note, extra] = parsed.words;
      if (!note) throw new UsageError('give the memo to export: dossier export NOTES.md --to docx');
      if (extra) throw new UsageError(`one memo at a time (got "${note}" and "${extra}")`);
      const to = parsed.value('--to');
      if (!to || !(FORMATS as readonly string[]).includes(to))
        throw new UsageError(`--to must be docx, html or pandoc${to ? `, not "${to}"` : ''}`);
      const format = to as ExportFormat;
      const style = parsed.value('--style') ?? 'pandoc';
      const text = readTextFile(note);
      const dossier = await loadDossier(io, { libraries: parsed.values('--library') });
      const library = dossier.library;

      for (const warning of exportWarnings(dossier.check(text))) io.err(`dossier: ${note}: ${warning} (see dossier check ${note})`);

      const base = path.basename(note).replace(/\.(md|markdown|mdown|mkd)$/i, '');
      const out = parsed.value('--out') ?? path.join(path.dirname(note), format === 'pandoc' ? `${base}-pandoc` : `${base}.${format}`);
      if (fs.existsSync(out)) throw new LoadError(`${out} exists; not overwriting it (remove it first or pick another name with --out)`);

      if (format === 'pandoc') {
        const { engine, name } = cslStyle(memoCslStyle(named(style)) === 'apa' ? 'apa' : isCslFile(style) ? style : 'chicago');
        const references = toCslJson(bibliographyItems(library, { cited: new Set(keysCitedBy(library, text)) }));
        const styleName = isCslFile(style) ? path.basename(style, path.extname(style)) : name;
        fs.mkdirSync(out);
        for (const file of pandocBundle(path.basename(note), text, references, { name: styleName, xml: engine.styleXml(name) }))
          fs.writeFileSync(path.join(out, file.name), file.text);
        io.out(out);
        return 0;
      }

      const memo = await buildMemo(text, {
        library,
        formatter: formatterFor(dossier, style),
        findings: t => dossier.check(t),
        chartsForNote: t => dossier.chartsForNote(t),
        chartSvg: chart => chartEngine().renderSvg(chartSpec(chart, lightTheme)),
        readImage: async destination => readLinkedSvg(note, destination),
      });
      const title = memoTitle(text, base);
      if (format === 'html') writeNewFile(out, exportEngine().memoHtml(text, memo, { title }));
      else {
        const bytes = await exportEngine().memoDocx(text, memo, { title });
        if (fs.existsSync(out)) throw new LoadError(`${out} exists; not overwriting it`);
        fs.writeFileSync(out, bytes);
      }
      io.out(out);
      return 0;
    }),
};

function isCslFile(style: string): boolean {
  return /\.csl$/i.test(style);
}

/** A style name of the settings ("chicago"), or csl-file for a .csl path. */
function named(style: string): CitationStyle {
  if (isCslFile(style)) return 'csl-file';
  const known = CITATION_STYLES.find(s => s === style && s !== 'csl-file');
  if (!known) throw new UsageError(`unknown style "${style}" (use pandoc, footnote, chicago, apa or a .csl file)`);
  return known;
}

function formatterFor(dossier: Dossier, style: string): CitationFormatter {
  const memoStyle = memoCslStyle(named(style));
  if (memoStyle === 'printed') return printedNotesFormatter(dossier.library);
  const { engine, name } = cslStyle(memoStyle === 'csl-file' ? style : memoStyle);
  return cslFormatter(dossier.library, engine, name, engine.styleClass(name));
}

/** An SVG the memo links, beside it (`charts/x.svg`); undefined when missing or over 2 MB. */
function readLinkedSvg(note: string, destination: string): string | undefined {
  if (!isLocalSvgLink(destination)) return undefined;
  try {
    const file = path.join(path.dirname(note), decodeURI(destination));
    return fs.statSync(file).size > 2_000_000 ? undefined : fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
