// README tour, charts: the chart preview beside a draft note, in a light and a dark theme. Run with
// `npm run screenshots` (PNGs land in media/screenshots/).
import * as vscode from 'vscode';
import { closeAllEditors, getApi, openFixture, screenshot, sleep, waitFor } from './helpers';

interface Shown {
  rendered?: { chartIds: string[]; highlighted?: string };
  posted?: { charts: { svg: string }[] };
}

async function shown(check: (s: Shown) => boolean): Promise<void> {
  await waitFor(
    async () => {
      const state: Shown | undefined = (await getApi()).chartPreview!.state();
      return state?.rendered && check(state);
    },
    15000,
    'the chart preview',
  );
}

suite('Tour: preview', () => {
  suiteSetup(async () => {
    const api = await getApi();
    await api.library.ready();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
    await closeAllEditors();
  });

  test('charts beside the draft, light, dark and high contrast', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    const workbench = vscode.workspace.getConfiguration('workbench');
    await workbench.update('colorTheme', 'Default Light Modern', vscode.ConfigurationTarget.Global);
    const editor = await openFixture('charts-note.md', vscode.ViewColumn.One);
    await vscode.commands.executeCommand('dossier.openChartPreview');
    await shown(s => s.rendered!.chartIds.length >= 3);
    // the cursor on "39 percent": the tariff chart is highlighted, Bangladesh's bar in the emphasis colour
    const at = editor.document.positionAt(editor.document.getText().indexOf('39 percent') + 1);
    editor.selection = new vscode.Selection(at, at);
    await shown(s => s.rendered!.highlighted === 'reciprocal-tariffs' && s.posted!.charts.every(c => c.svg.includes('fill="#ffffff"')));
    await sleep(800);
    await screenshot('preview-light');
    await workbench.update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    await shown(s => s.posted!.charts.every(c => c.svg.includes('fill="#1f1f1f"')));
    const money = editor.document.positionAt(editor.document.getText().indexOf('US$62 billion') + 2);
    editor.selection = new vscode.Selection(money, money);
    await shown(s => s.rendered!.highlighted === 'money-at-stake');
    await sleep(800);
    await screenshot('preview-dark');
    await workbench.update('colorTheme', 'Default High Contrast', vscode.ConfigurationTarget.Global);
    await shown(s => s.posted!.charts.every(c => !c.svg.includes('fill="#1f1f1f"')));
    await sleep(800);
    await screenshot('preview-high-contrast');
  });
});
