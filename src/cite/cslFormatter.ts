/**
 * Chicago, APA and the analyst's .csl file for the agents' `cite` tool (src/core/tools.ts): the same engine
 * and style rules as citing into a note. In the lazy bundle dist/agents.js, over the cite feature's services.
 */
import type { CslFormatter } from '../core/tools';
import type { CiteService } from './citeService';

export function cslFormatter(cite: CiteService): CslFormatter {
  return {
    format: async (style, items, cites) => {
      const choice = cite.cslStyle(style);
      const { text, styleClass } = await cite.csl.citation(choice, items, cites);
      return {
        citation: text,
        placement: styleClass === 'note' ? 'footnote' : 'inline',
        bibliography: await cite.csl.bibliography(choice, items),
      };
    },
  };
}
