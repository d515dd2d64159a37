import type { Figure } from './model';

/** A paragraph as the parser hands it to figure extraction: marker-free text plus where each note marker stood. */
export interface MarkedParagraph {
  id: string;
  /** paragraph text with markers removed (Paragraph.text) */
  text: string;
  /** note markers: `at` is the offset in `text` where the marker stood, `n` the note number */
  markers: { at: number; n: number }[];
}

/** Every key figure in the body, in reading order, with ids f1, f2, … (being implemented). */
export function extractFigures(_paragraphs: MarkedParagraph[]): Figure[] {
  return [];
}
