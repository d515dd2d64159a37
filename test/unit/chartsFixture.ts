// A small report shaped like the bundled one (figures as extraction reports them), so chart tests do not depend on extraction details.
import type { Report, Figure } from '../../src/core/model';
const fig = (
  id: string,
  text: string,
  value: number,
  unit: string,
  subject: string,
  paragraph: string,
  footnotes: number[],
  qualifier?: string,
): Figure => ({ id, text, value, unit, subject, paragraph, sentence: `${subject} ${text}.`, footnotes, qualifier });
export const fakeReport: Report = {
  id: 'us-pakistan-relations-in-flux',
  key: 'usPakistanFlux2025',
  title: 'U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints',
  date: '2025-05-19',
  authors: [],
  sections: [
    {
      id: 's1',
      title: 'Introduction',
      paragraphs: [
        { id: 'p1', text: '', footnotes: [] },
        { id: 'p2', text: '', footnotes: [] },
      ],
    },
  ],
  footnotes: [
    {
      n: 21,
      key: 'dawn2025',
      text: 'DAWN, April 14, 2025.',
      source: { authors: [], container: 'DAWN', date: '2025-04-14' },
      citedBy: ['p2'],
    },
  ],
  figures: [
    fig('f1', 'US$845 million', 845e6, 'USD', 'multisector funding suspended', 'p1', [4]),
    fig('f2', 'US$500 billion', 5e11, 'USD', 'U.S.-India bilateral trade volume', 'p1', [9]),
    fig('f3', 'US$6 trillion', 6e12, 'USD', 'minerals industry', 'p1', [12]),
    fig('f4', 'US$74 billion', 74e9, 'USD', 'free cash flows', 'p1', [12], 'over'),
    fig('f5', 'US$62 billion', 62e9, 'USD', 'China-Pakistan Economic Corridor', 'p1', [15]),
    fig('f6', '50 billion pounds', 5e10, 'lb', 'copper resources', 'p1', [16], 'in excess of'),
    fig('f7', '41 million ounces', 41e6, 'oz', 'gold deposits', 'p1', [16]),
    fig('f8', 'US$435 million', 435e6, 'USD', 'contracts', 'p1', [18], 'over'),
    fig('f9', '29 percent', 29, 'percent', 'reciprocal tariff on imports from Pakistan', 'p2', [21]),
    fig('f10', '77 percent', 77, 'percent', "textile share of Pakistan's exports to the U.S.", 'p2', [23]),
    fig('f11', '39 percent', 39, 'percent', 'Bangladesh <img src=x onerror=alert(1)>', 'p2', [23]),
    fig('f12', '46 percent', 46, 'percent', 'Vietnam', 'p2', [23]),
    fig('f13', 'US$600 million', 6e8, 'USD', 'surgical and medical equipment industry', 'p2', [24], 'over'),
  ],
};
