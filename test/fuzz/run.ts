/**
 * `npm run fuzz`: every parser and reader of untrusted input on DOSSIER_FUZZ_RUNS generated cases (default
 * 10,000 each), then on generated shapes of growing size (time on 2n / time on n < 3). Each subject's cases
 * and its scaling check run in a child process of their own, watched from here: a case that runs past the
 * hang limit (wall clock, generous for a loaded machine) is killed and reported as a hang with its input,
 * and the run goes on with the next subject. A case that throws anything but the subject's documented
 * error, or takes more processor time than its limit, fails and is shrunk by fast-check.
 *
 * Options: --runs N, --shapes N (scaling shapes per subject, default runs / 500), --jobs N (child processes
 * at a time, default 2), --only TEXT (subjects whose name holds it), --seed N, --hang SECONDS (default 120).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { shapes, type Shape } from './scanners';
import { refused, subjects, type Subject } from './subjects';

type Part = 'cases' | 'scaling';

interface Outcome {
  cases: number;
  slowest: number;
  /** the worst time(2n)/time(n) of the scaling check */
  worst?: number;
  failure?: string;
  /** processor time of the whole part, in minutes */
  cpu?: number;
}

/** JSON of an input, bytes as numbers, cut to a length a report can show. */
function describe(input: unknown): string {
  const json = JSON.stringify(input, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value) : value));
  return json.length > 2000 ? `${json.slice(0, 2000)}… (${json.length} characters)` : json;
}

/** Processor time of one read in ms; a documented refusal counts as a read, any other error is thrown. */
async function measure(subject: Subject, input: unknown): Promise<number> {
  const started = process.cpuUsage();
  try {
    await subject.run(input);
  } catch (error) {
    if (!refused(subject, error)) throw error;
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

async function runCases(subject: Subject, runs: number, seed: number, status: string): Promise<Outcome> {
  let slowest = 0;
  let count = 0;
  // the first read loads the engines (pdf.js, the web reader, citeproc): not a case's own time
  try {
    await measure(subject, fc.sample(subject.cases, { numRuns: 1, seed })[0]);
  } catch {
    // the run itself finds and reports it
  }
  const property = fc.asyncProperty(subject.cases, async input => {
    count++;
    writeFileSync(status, `case ${count}: ${describe(input)}`);
    const took = await measure(subject, input);
    slowest = Math.max(slowest, took);
    if (took > subject.slowMs) throw new Error(`took ${Math.round(took)} ms of processor time (the limit is ${subject.slowMs} ms)`);
  });
  const details = await fc.check(property, { numRuns: runs, seed });
  return {
    cases: details.failed ? details.numRuns : runs,
    slowest,
    failure: details.failed ? (fc.defaultReportMessage(details) ?? 'failed') : undefined,
  };
}

/**
 * Time on 2n over time on n, the median of three turns, n doubled from the subject's start until one read
 * takes 15 ms (timer noise swamps shorter ones); 0 when the largest size is still too quick to time.
 */
async function scalingRatio(subject: Subject, shape: Shape): Promise<{ n: number; ratio: number }> {
  const input = (n: number) => subject.scaled!(shape, n);
  let n = subject.scaleFrom ?? 2000;
  await measure(subject, input(n)); // warm-up: compilation and lazily loaded engines
  const fastest = async (at: unknown) => Math.min(await measure(subject, at), await measure(subject, at), await measure(subject, at));
  let small = await fastest(input(n));
  while (small < 15 && n < 1 << 19) {
    n *= 2;
    small = await fastest(input(n));
  }
  if (small < 15) return { n, ratio: 0 };
  const once = input(n);
  const twice = input(2 * n);
  const smalls: number[] = [];
  const larges: number[] = [];
  for (let i = 0; i < 3; i++) {
    smalls.push(await measure(subject, once));
    larges.push(await measure(subject, twice));
  }
  const median = (times: number[]) => times.sort((a, b) => a - b)[1]!;
  return { n, ratio: median(larges) / Math.max(median(smalls), 0.5) };
}

async function runScaling(subject: Subject, count: number, seed: number, status: string): Promise<Outcome> {
  let worst = 0;
  const sample = fc.sample(shapes, { numRuns: count, seed });
  for (const [i, shape] of sample.entries()) {
    writeFileSync(status, `shape ${i + 1}: ${describe(shape)}`);
    const tries: string[] = [];
    let best = Infinity;
    // a burst of load can make one measurement look quadratic; a quadratic scanner always does
    for (let attempt = 0; attempt < 3 && best >= 3; attempt++) {
      const measured = await scalingRatio(subject, shape);
      best = Math.min(best, measured.ratio);
      tries.push(`${measured.ratio.toFixed(2)} at n = ${measured.n}`);
    }
    worst = Math.max(worst, best);
    if (best >= 3) return { cases: i + 1, slowest: 0, worst, failure: `${describe(shape)}: time on 2n / time on n = ${tries.join(', ')}` };
  }
  return { cases: sample.length, slowest: 0, worst };
}

async function child(): Promise<void> {
  const [, , , index, part, runs, seed, status] = process.argv;
  const subject = subjects[Number(index)]!;
  const outcome =
    part === 'cases'
      ? await runCases(subject, Number(runs), Number(seed), status!)
      : await runScaling(subject, Number(runs), Number(seed), status!);
  const used = process.cpuUsage();
  process.send!({ ...outcome, cpu: (used.user + used.system) / 6e7 }, () => process.exit(0));
}

interface Task {
  subject: Subject;
  index: number;
  part: Part;
  runs: number;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const runs = Number(option('--runs') ?? process.env.DOSSIER_FUZZ_RUNS ?? 10000);
  const shapeCount = Number(option('--shapes') ?? Math.ceil(runs / 500));
  const jobs = Number(option('--jobs') ?? 2);
  const only = option('--only');
  const seed = Number(option('--seed') ?? Date.now() % 2 ** 31);
  const hangMs = Number(option('--hang') ?? 120) * 1000;
  const logs = mkdtempSync(path.join(tmpdir(), 'dossier-fuzz-'));
  const started = Date.now();
  console.log(
    `fuzz: seed ${seed}, ${runs} cases per parser, ${shapeCount} scaling shapes, ${jobs} at a time, hang after ${hangMs / 1000} s; load ${loadavg()[0]!.toFixed(1)}; logs in ${logs}`,
  );

  const chosen = subjects.map((subject, index) => ({ subject, index })).filter(({ subject }) => !only || subject.name.includes(only));
  const tasks: Task[] = chosen.flatMap(({ subject, index }) => [
    { subject, index, part: 'cases' as const, runs },
    ...(subject.scaled && shapeCount ? [{ subject, index, part: 'scaling' as const, runs: shapeCount }] : []),
  ]);
  // the slowest first, so the run does not end waiting for one of them
  const cost = (t: Task) => (t.part === 'cases' ? t.subject.slowMs : 0);
  tasks.sort((a, b) => cost(b) - cost(a));

  const results = new Map<string, Outcome & { hang?: string }>();
  const runTask = (task: Task) =>
    new Promise<void>(resolve => {
      const name = `${task.index}-${task.part}`;
      const status = path.join(logs, `${name}.status`);
      const log = openSync(path.join(logs, `${name}.log`), 'w');
      writeFileSync(status, 'starting');
      const proc: ChildProcess = fork(__filename, ['--child', String(task.index), task.part, String(task.runs), String(seed), status], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', log, log, 'ipc'],
      });
      let outcome: Outcome | undefined;
      let hang: string | undefined;
      const limit = task.part === 'cases' ? hangMs : hangMs * 5;
      const watchdog = setInterval(() => {
        if (Date.now() - statSync(status).mtimeMs > limit) {
          hang = readFileSync(status, 'utf8');
          proc.kill('SIGKILL');
        }
      }, 1000);
      proc.on('message', message => (outcome = message as Outcome));
      proc.on('exit', (code, signal) => {
        clearInterval(watchdog);
        const key = `${task.subject.name}\u0000${task.part}`;
        if (outcome) results.set(key, outcome);
        else if (hang) results.set(key, { cases: 0, slowest: 0, hang: `no answer after ${limit / 1000} s on ${hang}` });
        else
          results.set(key, {
            cases: 0,
            slowest: 0,
            failure: `the process ended (${signal ?? `exit ${code}`}) during ${readFileSync(status, 'utf8')}`,
          });
        const r = results.get(key)!;
        const problem = r.hang ?? r.failure;
        console.log(
          `  ${task.subject.name} (${task.part}): ${problem ? `FAILED: ${problem} (log: ${path.join(logs, `${name}.log`)})` : `done, ${r.cpu?.toFixed(1)} min of processor time`} after ${((Date.now() - started) / 60000).toFixed(1)} min`,
        );
        resolve();
      });
    });

  const queue = [...tasks];
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await runTask(task);
    }),
  );

  let failures = 0;
  let hangs = 0;
  let total = 0;
  console.log('');
  for (const { subject } of chosen) {
    const cases = results.get(`${subject.name}\u0000cases`)!;
    const scaling = results.get(`${subject.name}\u0000scaling`);
    const errorName = subject.refuses ? 'the documented errors' : 'ReportError';
    const caseFailures = cases.failure ? 1 : 0;
    failures += caseFailures + (scaling?.failure ? 1 : 0);
    hangs += (cases.hang ? 1 : 0) + (scaling?.hang ? 1 : 0);
    total += cases.cases;
    const scaled = !scaling
      ? ''
      : scaling.failure || scaling.hang
        ? `; scaling FAILED after ${scaling.cases} shapes`
        : `; ${scaling.cases} shapes scale linearly (worst time(2n)/time(n) ${scaling.worst!.toFixed(2)})`;
    console.log(
      `${subject.name}: ${cases.cases} cases, ${caseFailures} exceptions other than ${errorName}, ${cases.hang ? 1 : 0} hangs, slowest ${Math.round(cases.slowest)} ms${scaled}`,
    );
    for (const problem of [cases.failure, cases.hang, scaling?.failure, scaling?.hang])
      if (problem) console.log(`    ${problem.split('\n').join('\n    ')}`);
  }
  console.log(
    `\n${chosen.length} parsers, ${total} cases, ${failures} failures, ${hangs} hangs; wall time ${((Date.now() - started) / 60000).toFixed(1)} min (seed ${seed}, load ${loadavg()[0]!.toFixed(1)} at the end)`,
  );
  process.exit(failures || hangs ? 1 : 0);
}

void (process.argv[2] === '--child' ? child() : main());
