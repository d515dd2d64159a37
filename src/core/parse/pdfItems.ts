/**
 * What the PDF reader hands the layout analysis: the text items of each page as pdf.js reports them (text,
 * position, size) with the tagged-PDF structure element each one belongs to. Plain data, so the analysis
 * is pure code tested on small recorded fixtures, and only src/lazy/pdf.ts touches pdf.js.
 */

export interface PdfItem {
  /** the text as drawn (may be a single space, a marker digit, half a word) */
  s: string;
  /** left edge and baseline, in PDF points from the page's bottom-left corner */
  x: number;
  y: number;
  /** advance width and font size, in points */
  w: number;
  size: number;
  /** pdf.js says a line break follows this item */
  eol?: boolean;
  /**
   * The structure elements around the item, outermost first, as "Role#id" ("Table#12", "TD#15", "P#16");
   * "Artifact" for page furniture (running heads and feet); absent in an untagged PDF.
   */
  tags?: string[];
  /** the web address of the link annotation the item lies under (set by the layout analysis from `links`) */
  href?: string;
}

/** A link annotation to a web address: the area of the page it covers, in PDF points like the items. */
export interface PdfLink {
  url: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PdfPage {
  /** 1-based page number */
  n: number;
  width: number;
  height: number;
  items: PdfItem[];
  /** links to web addresses (a CRS Insight cites its sources so) */
  links?: PdfLink[];
}

export interface PdfInfo {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  /** ISO yyyy-mm-dd from the PDF's creation date */
  created?: string;
}

export interface PdfContent {
  pages: PdfPage[];
  info: PdfInfo;
  /** the PDF has a structure tree (tagged PDF) */
  tagged: boolean;
  /** the PDF's own page labels (its /PageLabels), one per page, when it has them */
  labels?: string[];
}
