import * as vscode from 'vscode';
import type { ChartTheme } from '../core/chartSpec';

/** The editor theme's kind in the words of the chart palettes (src/core/chartSpec.ts). */
export function themeKind(kind: vscode.ColorThemeKind = vscode.window.activeColorTheme.kind): ChartTheme['kind'] {
  switch (kind) {
    case vscode.ColorThemeKind.Dark:
      return 'dark';
    case vscode.ColorThemeKind.HighContrast:
      return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'high-contrast-light';
    default:
      return 'light';
  }
}
