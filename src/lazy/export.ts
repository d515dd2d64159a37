/**
 * Entry of the lazy bundle dist/export.js: a memo handed on as one self-contained HTML file or a Word
 * document, parsed by the same markdown-it plugin as VS Code's preview (src/core/memoMarkdown.ts) from a
 * `Memo` the host built (src/core/memo.ts). Word through the `docx` library: citations as real Word
 * footnotes in note styles, inline author-date otherwise, the bibliography, charts as SVG with a PNG
 * fallback rasterised by resvg (WASM, no native binary). Loaded at the first export, never on activation.
 */
import * as fs from 'fs';
import * as path from 'path';
import MarkdownIt from 'markdown-it';
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { Memo, MemoChart } from '../core/memo';
import { memoMarkdownIt, type MdToken, type MemoEnv } from '../core/memoMarkdown';
import { escapeXml } from '../core/xml';

/** A parser with Dossier's plugin for one memo: raw HTML in the memo is text (no script can come through). */
function memoParser(memo: Memo): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true });
  // the fact-check's marks are for the writer, not the reader of the exported memo
  memoMarkdownIt(md, { memoFor: () => ({ ...memo, flagged: [] }) });
  // A remote image stays where it is: the file links to it by its alt text, so neither the export nor opening
  // the file fetches anything (the charts and local SVGs are inline already).
  type Rule = (tokens: MdToken[], idx: number, options: unknown, env: MemoEnv, self: unknown) => string;
  const image = md.renderer.rules.image as Rule;
  const linkRemote: Rule = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const src = token.attrGet('src') ?? '';
    if (!/^(https?:)?\/\//i.test(src)) return image(tokens, idx, options, env, self);
    return `<a class="dossier-remote-image" href="${escapeXml(src)}">${escapeXml(token.content || src)}</a>`;
  };
  md.renderer.rules.image = linkRemote;
  return md;
}

// ---------------------------------------------------------------------------------------------------------
// HTML

const HTML_STYLE = `
body { margin: 0; background: #fff; color: #1b1b1b; font: 16px/1.55 Georgia, 'Times New Roman', serif; }
main { max-width: 42em; margin: 2.5em auto; padding: 0 1.5em; }
h1, h2, h3, h4 { font-family: 'Segoe UI', Helvetica, Arial, sans-serif; line-height: 1.25; }
blockquote { margin: 1em 0; padding-left: 1em; border-left: 3px solid #ccc; color: #444; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; }
code, pre { font-family: Consolas, 'DejaVu Sans Mono', monospace; font-size: 0.9em; }
.dossier-note-ref a { text-decoration: none; }
.dossier-notes, .dossier-bibliography { margin-top: 2em; font-size: 0.92em; }
.dossier-back { text-decoration: none; }
.dossier-bibliography-entry { padding-left: 2em; text-indent: -2em; margin: 0 0 0.5em; overflow-wrap: anywhere; }
.dossier-unknown { text-decoration: underline wavy #c00; }
.dossier-chart { margin: 1.5em 0; break-inside: avoid; }
.dossier-chart svg, .dossier-chart-image svg { max-width: 100%; height: auto; }
.dossier-chart figcaption { font-size: 0.9em; color: #555; }
@media print {
  body { font-size: 11pt; }
  main { margin: 0; max-width: none; }
  a { color: inherit; }
  .dossier-back { display: none; }
  h1, h2, h3 { break-after: avoid; }
}
`;

/** The memo as one HTML file: styles and SVG charts inline, no script, printable. */
export function memoHtml(text: string, memo: Memo, options: { title: string }): string {
  const body = memoParser(memo).render(text);
  return (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="Dossier">\n' +
    `<title>${escapeXml(options.title)}</title>\n<style>${HTML_STYLE}</style>\n</head>\n<body>\n<main>\n${body}</main>\n</body>\n</html>\n`
  );
}

// ---------------------------------------------------------------------------------------------------------
// Charts as PNG (resvg, WASM)

export interface Picture {
  png: Uint8Array;
  /** size to show it at, in CSS pixels */
  width: number;
  height: number;
}

/** The resvg module and the font the charts are drawn with: beside this bundle (dist/), else from node_modules. */
function resvgFiles(): { wasm: string; font: string } {
  const dist = { wasm: path.join(__dirname, 'resvg.wasm'), font: path.join(__dirname, 'fonts', 'LiberationSans-Regular.ttf') };
  if (fs.existsSync(dist.wasm)) return dist;
  const modules = path.join(__dirname, '..', '..', 'node_modules');
  return {
    wasm: path.join(modules, '@resvg', 'resvg-wasm', 'index_bg.wasm'),
    font: path.join(modules, 'pdfjs-dist', 'standard_fonts', 'LiberationSans-Regular.ttf'),
  };
}

let resvgReady: Promise<Uint8Array> | undefined;

/**
 * An SVG chart drawn to PNG at twice its size (sharp in print). resvg has no system fonts in WASM: the
 * charts' text is set in Liberation Sans (metric-compatible with Arial; shipped in pdfjs-dist).
 */
export async function svgToPng(svg: string): Promise<Picture> {
  resvgReady ??= (async () => {
    const files = resvgFiles();
    await initWasm(fs.readFileSync(files.wasm));
    return new Uint8Array(fs.readFileSync(files.font));
  })();
  const font = await resvgReady;
  const scale = 2;
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { fontBuffers: [font], loadSystemFonts: false, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
  });
  try {
    const image = resvg.render();
    const png = image.asPng();
    const picture = { png, width: image.width / scale, height: image.height / scale };
    image.free();
    return picture;
  } finally {
    resvg.free();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Word

/** Widest picture on an A4/Letter page with 1" margins, in pixels at 96 dpi. */
const PAGE_WIDTH_PX = 600;
const HEADINGS = {
  h1: HeadingLevel.HEADING_1,
  h2: HeadingLevel.HEADING_2,
  h3: HeadingLevel.HEADING_3,
  h4: HeadingLevel.HEADING_4,
  h5: HeadingLevel.HEADING_5,
  h6: HeadingLevel.HEADING_6,
} as const;
const NUMBERED = 'dossier-numbered';

export interface DocxOptions {
  title: string;
  /** reports each stage ("Drawing the charts") */
  progress?(stage: string): void;
}

/** The memo as a Word document (.docx bytes). */
export async function memoDocx(text: string, memo: Memo, options: DocxOptions): Promise<Uint8Array> {
  const md = memoParser(memo);
  const env: MemoEnv = {};
  const tokens = md.parse(text, env);
  options.progress?.('Drawing the charts');
  const pictures = await chartPictures(memo);
  options.progress?.('Writing the Word document');
  const writer = new DocxWriter(pictures);
  const children = writer.blocks(tokens);
  if (memo.bibliography.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Bibliography')] }));
    for (const entry of memo.bibliography)
      children.push(new Paragraph({ indent: { left: 720, hanging: 720 }, spacing: { after: 120 }, children: [new TextRun(entry)] }));
  }
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  for (const note of env.dossierNotes ?? []) footnotes[note.number] = { children: [new Paragraph({ children: [new TextRun(note.text)] })] };
  const document = new Document({
    title: options.title,
    creator: 'Dossier',
    footnotes,
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [0, 1, 2].map(level => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** Every SVG the memo shows, as PNG (once each). */
async function chartPictures(memo: Memo): Promise<Map<string, Picture>> {
  const pictures = new Map<string, Picture>();
  const svgs = [...[...memo.chartBlocks.values()].map(c => c.svg), ...memo.images.values()];
  for (const svg of svgs) if (svg && !pictures.has(svg)) pictures.set(svg, await svgToPng(svg));
  return pictures;
}

interface ListLevel {
  ordered: boolean;
  instance: number;
}

class DocxWriter {
  private readonly lists: ListLevel[] = [];
  private lastInstance = 0;
  private quote = 0;
  /** the next paragraph starts a list item (gets its bullet or number) */
  private itemStart = false;

  constructor(private readonly pictures: ReadonlyMap<string, Picture>) {}

  blocks(tokens: readonly MdToken[]): (Paragraph | Table)[] {
    const out: (Paragraph | Table)[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      switch (token.type) {
        case 'heading_open':
          out.push(new Paragraph({ heading: HEADINGS[token.tag as keyof typeof HEADINGS], children: this.runs(tokens[i + 1]!) }));
          i += 2;
          break;
        case 'paragraph_open':
          out.push(this.paragraph(this.runs(tokens[i + 1]!)));
          i += 2;
          break;
        case 'bullet_list_open':
        case 'ordered_list_open':
          this.lists.push({ ordered: token.type === 'ordered_list_open', instance: ++this.lastInstance });
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          this.lists.pop();
          break;
        case 'list_item_open':
          this.itemStart = true;
          break;
        case 'blockquote_open':
          this.quote++;
          break;
        case 'blockquote_close':
          this.quote--;
          break;
        case 'fence':
        case 'code_block':
          out.push(...this.code(token));
          break;
        case 'table_open': {
          const end = tokens.findIndex((t, k) => k > i && t.type === 'table_close');
          out.push(this.table(tokens.slice(i, end < 0 ? tokens.length : end)));
          i = end < 0 ? tokens.length : end;
          break;
        }
        case 'hr':
          out.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'AAAAAA', space: 1 } } }));
          break;
        default:
          // html_block: the plugin's notes and bibliography, which Word gets as footnotes and paragraphs
          break;
      }
    }
    return out;
  }

  private paragraph(children: ParagraphChild[]): Paragraph {
    const list = this.lists[this.lists.length - 1];
    const level = Math.min(this.lists.length - 1, 2);
    const start = this.itemStart;
    this.itemStart = false;
    if (list && start)
      return new Paragraph({
        children,
        ...(list.ordered ? { numbering: { reference: NUMBERED, level, instance: list.instance } } : { bullet: { level } }),
      });
    const indent = (list ? 720 * (level + 1) : 0) + (this.quote ? 567 * this.quote : 0);
    return new Paragraph({
      children,
      // a line's gap between paragraphs, as the preview shows them; none inside a list
      spacing: list ? undefined : { after: 160 },
      indent: indent ? { left: indent } : undefined,
      ...(this.quote ? { border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'BBBBBB', space: 8 } } } : {}),
    });
  }

  private code(token: MdToken): Paragraph[] {
    {
      const chart = (token.meta as { dossierChart?: MemoChart } | null)?.dossierChart;
      if (chart) {
        const out: Paragraph[] = [];
        const picture = chart.svg ? this.image(chart.svg) : undefined;
        if (picture) out.push(new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [picture] }));
        if (chart.problem) out.push(new Paragraph({ children: [new TextRun({ text: chart.problem, italics: true })] }));
        out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: chart.title, italics: true })] }));
        return out;
      }
    }
    const lines = token.content.replace(/\n$/, '').split('\n');
    return lines.map(line => new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: line, font: 'Consolas', size: 20 })] }));
  }

  private image(svg: string): ImageRun | undefined {
    const picture = this.pictures.get(svg);
    if (!picture) return undefined;
    const scale = Math.min(1, PAGE_WIDTH_PX / picture.width);
    const transformation = { width: Math.round(picture.width * scale), height: Math.round(picture.height * scale) };
    // Word 2016+ shows the SVG, older readers (and LibreOffice) the PNG
    return new ImageRun({ type: 'svg', data: new TextEncoder().encode(svg), transformation, fallback: { type: 'png', data: picture.png } });
  }

  private table(tokens: readonly MdToken[]): Table {
    const rows: TableRow[] = [];
    let cells: TableCell[] = [];
    let header = false;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type === 'thead_open') header = true;
      else if (token.type === 'thead_close') header = false;
      else if (token.type === 'tr_open') cells = [];
      else if (token.type === 'tr_close') rows.push(new TableRow({ tableHeader: header, children: cells }));
      else if ((token.type === 'th_open' || token.type === 'td_open') && tokens[i + 1]?.type === 'inline') {
        const runs = this.runs(tokens[i + 1]!, token.type === 'th_open');
        cells.push(new TableCell({ children: [new Paragraph({ children: runs })] }));
      }
    }
    return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
  }

  /** The runs of an inline token: text with its emphasis, links, citations, note references, images. */
  private runs(inline: MdToken, bold = false): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    const style = { bold, italics: false, strike: false };
    let link: { href: string; runs: TextRun[] } | undefined;
    const push = (run: TextRun) => (link ? link.runs.push(run) : out.push(run));
    for (const token of inline.children ?? []) {
      switch (token.type) {
        case 'text':
          push(new TextRun({ text: token.content, ...style, ...(link ? { style: 'Hyperlink' } : {}) }));
          break;
        case 'code_inline':
          push(new TextRun({ text: token.content, font: 'Consolas', ...style }));
          break;
        case 'softbreak':
          push(new TextRun({ text: ' ', ...style }));
          break;
        case 'hardbreak':
          push(new TextRun({ break: 1 }));
          break;
        case 'strong_open':
        case 'strong_close':
          style.bold = token.type === 'strong_open' || bold;
          break;
        case 'em_open':
        case 'em_close':
          style.italics = token.type === 'em_open';
          break;
        case 's_open':
        case 's_close':
          style.strike = token.type === 's_open';
          break;
        case 'link_open': {
          const href = token.attrGet('href') ?? '';
          link = /^(https?:|mailto:)/i.test(href) ? { href, runs: [] } : undefined;
          break;
        }
        case 'link_close':
          if (link) out.push(new ExternalHyperlink({ link: link.href, children: link.runs }));
          link = undefined;
          break;
        case 'image': {
          const svg = (token.meta as { dossierSvg?: string } | null)?.dossierSvg;
          const picture = svg ? this.image(svg) : undefined;
          if (picture) out.push(picture);
          else push(new TextRun({ text: token.content || (token.attrGet('src') ?? ''), italics: true }));
          break;
        }
        case 'dossier_citation': {
          const meta = token.meta as { text: string; number?: number; formatted?: string };
          if (meta.number !== undefined) out.push(new FootnoteReferenceRun(meta.number));
          else push(new TextRun({ text: meta.formatted ?? meta.text, ...style }));
          break;
        }
        case 'dossier_footnote_ref':
          out.push(new FootnoteReferenceRun((token.meta as { number: number }).number));
          break;
        default:
          break;
      }
    }
    return out;
  }
}
