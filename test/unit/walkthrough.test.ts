import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WALKTHROUGH_ID } from '../../src/walkthrough/ids';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; svg?: string };
  completionEvents?: string[];
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const walkthroughs: { id: string; steps: Step[] }[] = pkg.contributes.walkthroughs;
const contributed = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
const steps = walkthroughs[0].steps;
const commandLinks = (text: string) => [...text.matchAll(/\(command:([\w.]+)/g)].map(m => m[1]);
const images = (markdown: string) => [...markdown.matchAll(/!\[[^\]\n]*\]\(([^)\s]+)\)/g)].map(m => m[1]);

test('one walkthrough, the one Dossier opens, with the steps of an analyst’s first hour in order', () => {
  assert.deepEqual(
    walkthroughs.map(w => w.id),
    [WALKTHROUGH_ID],
  );
  assert.deepEqual(
    steps.map(s => s.id),
    ['browse', 'search', 'hover', 'cite', 'chart', 'factCheck', 'addReports'],
  );
});

test('every step’s page and the images it shows exist, and ship in the .vsix (media/)', () => {
  for (const step of steps) {
    const page = step.media.markdown ?? step.media.image ?? step.media.svg ?? '';
    assert.match(page, /^media\/walkthrough\/[\w-]+\.md$/, step.id);
    assert.ok(existsSync(page), `${step.id}: ${page} is missing`);
    for (const image of images(readFileSync(page, 'utf8'))) {
      const file = join(dirname(page), image);
      assert.ok(existsSync(file), `${page}: ${image} is missing`);
      assert.match(file, /^media\//, `${page}: ${image} is outside media/, which the .vsix ships`);
    }
  }
});

test('every command link of a step (its buttons and its page) names a command Dossier contributes', () => {
  const links = steps.flatMap(s => [...commandLinks(s.description), ...commandLinks(readFileSync(s.media.markdown ?? '', 'utf8'))]);
  assert.deepEqual(
    links.filter(id => !contributed.has(id)),
    [],
  );
  // a button on every step
  assert.deepEqual(
    steps.filter(s => commandLinks(s.description).length === 0).map(s => s.id),
    [],
  );
});

test('every step is checked off by something the analyst does, and a Dossier command it names exists', () => {
  for (const step of steps) {
    assert.ok(step.completionEvents?.length, step.id);
    for (const event of step.completionEvents ?? []) {
      assert.match(event, /^(onCommand|onView|onSettingChanged):[\w.]+$/, `${step.id}: ${event}`);
      const [kind, id] = event.split(':');
      if (kind === 'onCommand' && id.startsWith('dossier.')) assert.ok(contributed.has(id), `${step.id}: ${id}`);
      if (kind === 'onView') assert.equal(id, 'dossier.outline');
    }
  }
});

test('Dossier: Get Started is in the palette and on the Dossier view’s menu', () => {
  assert.ok(contributed.has('dossier.getStarted'));
  assert.ok(pkg.contributes.menus['view/title'].some((m: { command: string }) => m.command === 'dossier.getStarted'));
});
