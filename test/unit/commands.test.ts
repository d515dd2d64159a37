import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ServedCommands } from '../../src/extension';
import { commands, type CommandName } from '../../src/shared/commands';

interface Contributes {
  commands: { command: string }[];
  menus: Record<string, { command: string }[]>;
  keybindings: { command: string; key: string; win?: string; mac?: string; when?: string }[];
  configuration: {
    properties: Record<string, { order?: number; enum?: string[]; enumItemLabels?: string[]; enumDescriptions?: string[] }>;
  };
  viewsWelcome: { contents: string }[];
}
const contributes: Contributes = JSON.parse(readFileSync('package.json', 'utf8')).contributes;
const declared = Object.values(commands).map(c => c.id);

test('package.json contributes exactly the declared commands', () => {
  assert.deepEqual(contributes.commands.map(c => c.command).sort(), [...declared].sort());
});

test('no test hook ships as a command', () => {
  for (const id of [
    'dossier.preview.debugState',
    'dossier.preview.refresh',
    'dossier.preview.restore',
    'dossier.outline.selection',
    'dossier.outline.describe',
    'dossier.outline.message',
  ]) {
    assert.ok(!declared.includes(id), id);
  }
});

test('every menu item, keybinding and welcome link names a declared command', () => {
  const named = [
    ...Object.values(contributes.menus)
      .flat()
      .map(m => m.command),
    ...contributes.keybindings.map(k => k.command),
    ...contributes.viewsWelcome.flatMap(v => [...v.contents.matchAll(/command:(dossier\.[\w.]+)/g)].map(m => m[1])),
  ];
  assert.deepEqual(
    named.filter(id => !declared.includes(id)),
    [],
  );
  // the palette hides the commands that need a target; the ones it shows are all declared too
  assert.ok(named.includes('dossier.insertCitation'));
});

test('every declared command is served by a feature, and no id is declared twice', () => {
  // compiles only when the features serve every declared command (src/extension.ts: ServedCommands)
  const unserved: [Exclude<CommandName, ServedCommands>] extends [never] ? 'none' : Exclude<CommandName, ServedCommands> = 'none';
  assert.equal(unserved, 'none');
  assert.equal(new Set(declared).size, declared.length);
  assert.equal(declared.length, 23);
});

test('every keybinding works only where it belongs, and none takes an AltGr character on Windows', () => {
  for (const binding of contributes.keybindings) {
    // not in the terminal: Ctrl+Alt+G there is Terminal: Send Sequence (a key of Dossier's picker is the picker's)
    assert.match(binding.when ?? '', /!terminalFocus|dossier\.choosingCitation/, binding.command);
    // on Windows AltGr is Ctrl+Alt: Ctrl+Alt+C is "ć" on a Polish layout, Ctrl+Alt+G "]" on a Croatian one
    const windows = binding.win ?? binding.key;
    assert.doesNotMatch(windows, /^ctrl\+alt\+\w$/, `${binding.command}: ${windows}`);
  }
});

test('settings are listed by importance, the citation style with readable labels', () => {
  const properties = contributes.configuration.properties;
  const byOrder = Object.entries(properties)
    .sort(([, a], [, b]) => (a.order ?? 99) - (b.order ?? 99))
    .map(([id]) => id);
  assert.deepEqual(byOrder.slice(0, 2), ['dossier.reports', 'dossier.citation.style']);
  assert.ok(Object.values(properties).every(p => typeof p.order === 'number'));
  const style = properties['dossier.citation.style'];
  assert.equal(style.enumItemLabels?.length, style.enum?.length);
  assert.equal(style.enumDescriptions?.length, style.enum?.length);
  assert.equal(style.enumItemLabels?.[0], 'Pandoc citation [@key]');
});
