/**
 * How a citable item reads in completion documentation and picker details. Everything comes from report
 * text, so it is escaped and never trusted (no command links, no HTML).
 */
import * as vscode from 'vscode';
import { footnoteText, pandocCitation, type CitationItem } from '../core/cite';
import { escapeMarkdown } from '../shared/markdown';

const KIND_WORDS: Record<CitationItem['target']['kind'], string> = {
  report: 'Report',
  footnote: 'Note source',
  section: 'Section',
  paragraph: 'Paragraph',
  figure: 'Figure',
};

export function kindWord(item: CitationItem): string {
  return KIND_WORDS[item.target.kind];
}

export function codicon(item: CitationItem): string {
  switch (item.target.kind) {
    case 'report':
      return '$(book)';
    case 'footnote':
      return '$(quote)';
    case 'section':
      return '$(list-tree)';
    case 'paragraph':
      return '$(symbol-text)';
    case 'figure':
      return '$(symbol-number)';
  }
}

/** The formatted source, what is cited, and the pandoc text, as untrusted Markdown. */
export function itemDocumentation(item: CitationItem): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(`**${escapeMarkdown(kindWord(item))}** \u00b7 `);
  md.appendMarkdown(escapeMarkdown(pandocCitation([item])));
  md.appendMarkdown('\n\n');
  md.appendMarkdown(escapeMarkdown(footnoteText(item)));
  if (item.figure) {
    md.appendMarkdown('\n\n---\n\n');
    md.appendMarkdown(escapeMarkdown(item.figure.sentence));
  } else if (item.target.kind === 'paragraph' || item.target.kind === 'section') {
    md.appendMarkdown('\n\n---\n\n');
    md.appendMarkdown(escapeMarkdown(item.label));
  }
  return md;
}
