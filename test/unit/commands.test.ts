import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ServedCommands } from '../../src/extension';
import { commands, type CommandName } from '../../src/shared/commands';

interface Contributes {
  commands: { command: string }[];
  menus: Record<string, { command: string }[]>;
  keybindings: { command: string }[];
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
  assert.equal(declared.length, 15);
});
