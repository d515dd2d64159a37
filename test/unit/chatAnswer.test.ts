// The @dossier chat participant's answers (src/core/chatAnswer.ts) with a fake model and a fake response
// stream: grounded citations in the analyst's style, and no citation key that the library does not have.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cliDossier } from '../../src/cli/load';
import { answerQuestion, checkMarkdown, figuresMarkdown, type AnswerSink, type ChatModel } from '../../src/core/chatAnswer';
import type { CitedTarget } from '../../src/core/cite';
import { createDossierTools } from '../../src/core/tools';

const dossier = cliDossier({ err: () => undefined });
const tools = createDossierTools({ dossier });

function fakeStream(): AnswerSink & { text(): string; references: { target: CitedTarget; label: string }[] } {
  const parts: string[] = [];
  const references: { target: CitedTarget; label: string }[] = [];
  return {
    references,
    markdown: text => parts.push(text),
    reference: (target, label) => {
      references.push({ target, label });
    },
    text: () => parts.join(''),
  };
}

/** A model that answers with `reply`, cut into fragments that split citation markers, and keeps what it was asked. */
function fakeModel(reply: string): ChatModel & { asked: { role: string; text: string }[][] } {
  const asked: { role: string; text: string }[][] = [];
  const model = async function* (messages: { role: 'system' | 'user'; text: string }[]) {
    asked.push(messages);
    for (let i = 0; i < reply.length; i += 7) yield reply.slice(i, i + 7);
  };
  return Object.assign(model, { asked });
}

/** Every pandoc key in a text. */
function keysIn(text: string): string[] {
  return [...text.matchAll(/@([\w:.#$%&\-+?<>~/]+?)(?=[\],;\s])/g)].map(m => m[1]!);
}

describe('@dossier answers', () => {
  test('passage numbers become citations in the style; an invented key is removed and named; every key written exists', async () => {
    const model = fakeModel(
      'Bangladesh faces a 39 percent reciprocal tariff [1][2].\nSome say it will rise [@smith1999, p. 4]. Afzal calls relations low [@afzal2025, para. 3].\nSee also [9].',
    );
    const stream = fakeStream();
    const result = await answerQuestion(tools, 'tarrif bangladesh', stream, { model, style: 'pandoc', passages: 3 });
    const text = stream.text();
    assert.equal(
      text,
      'Bangladesh faces a 39 percent reciprocal tariff [@diplomat2025b; @usPakistanFlux2025, para. 26].\nSome say it will rise. Afzal calls relations low [@afzal2025, para. 3].\nSee also.\n\n_Removed 2 citations that your library does not have: smith1999, \\[9\\]._',
    );
    for (const key of keysIn(text)) assert.ok(dossier.library.byKey(key), `the answer cites "${key}", which the library does not have`);
    assert.deepEqual(result.cited, ['diplomat2025b', 'usPakistanFlux2025', 'afzal2025']);
    assert.deepEqual(result.removed, ['smith1999', '[9]']);
    // the model saw the numbered passages and the rule, and the chat got references to open them
    const [system, user] = model.asked[0]!;
    assert.match(system!.text, /put the number of the passage it comes from in square brackets/);
    assert.match(
      user!.text,
      /^Passages:\n\n\[1\] “U\.S\.-Pakistan Relations in Flux: Pathways for Navigating Constraints”, section “Motivations for navigating constraints”, ¶26\n/,
    );
    assert.match(user!.text, /\nQuestion: tarrif bangladesh$/);
    assert.deepEqual(
      stream.references.map(r => r.target),
      result.passages.map(p => p.target),
    );
    assert.equal(
      stream.references[1]!.label,
      '“U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints”, section “Motivations for navigating constraints”, ¶26',
    );
  });

  test('a note style numbers the notes after each claim and lists them at the end', async () => {
    const stream = fakeStream();
    await answerQuestion(tools, 'tarrif bangladesh', stream, {
      model: fakeModel('Bangladesh: 39 percent [2]. Again [2].'),
      style: 'footnote',
      passages: 3,
    });
    assert.equal(
      stream.text(),
      'Bangladesh: 39 percent ¹. Again ¹.\n\n**Notes**\n\n1. “U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints,” May 19, 2025, para. 26.',
    );
  });

  test('without a model: the top passages, formatted, each with its citation', async () => {
    const stream = fakeStream();
    const result = await answerQuestion(tools, 'tarrif bangladesh', stream, { style: 'pandoc', passages: 2 });
    const text = stream.text();
    assert.match(text, /^No language model is available, so here are the passages of your reports that answer best:\n\n/);
    assert.match(
      text,
      /\*\*“U\.S\.-Pakistan Relations in Flux: Pathways for Navigating Constraints”, section “Motivations for navigating constraints”, ¶26\*\*\n\n> On the other hand, revised tariffs .* \[@usPakistanFlux2025, para\. 26\]\n\n/,
    );
    assert.deepEqual(result.cited, ['diplomat2025b', 'usPakistanFlux2025']);
  });

  test('a model that fails before writing anything: the passages answer, and the reason is given', async () => {
    const refusing: ChatModel = async function* () {
      yield* [];
      throw new Error('the user did not allow the model');
    };
    const stream = fakeStream();
    await answerQuestion(tools, 'tarrif bangladesh', stream, { model: refusing, style: 'pandoc', passages: 1 });
    assert.match(
      stream.text(),
      /^The language model could not answer \(the user did not allow the model\), so here are the passages of your reports that answer best:\n\n\*\*/,
    );
  });

  test('nothing found: says so, and asks nothing of the model', async () => {
    const model = fakeModel('should not be asked');
    const stream = fakeStream();
    await answerQuestion(tools, 'zzqxv', stream, { model, style: 'pandoc' });
    assert.equal(stream.text(), 'Nothing in your reports matches “zzqxv”. Try other words, or add the report that covers it.');
    assert.equal(model.asked.length, 0);
  });

  test('/figures and /check answers', async () => {
    const figures = (await tools.run('get_figure', { text: 'Bangladesh tariff' })).structured.figures.slice(0, 1);
    assert.equal(
      await figuresMarkdown(figures, tools, 'pandoc', 'Bangladesh tariff'),
      '- **39 percent** — reciprocal tariff rate: Bangladesh [@diplomat2025b]  \n  _“U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints”, section “Motivations for navigating constraints”, ¶26_\n',
    );
    const check = (await tools.run('check_draft', { markdown: 'A 35 percent reciprocal tariff on Bangladesh.' })).structured;
    assert.equal(
      checkMarkdown(check, 'memo.md'),
      '**memo.md**: 1 warning.\n\n- line 1: ⚠️ "35 percent" disagrees with the report: it gives 39 percent for reciprocal tariff rate: Bangladesh (para. 26). (source: `[@diplomat2025b]`)',
    );
  });
});
