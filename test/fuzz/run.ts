/**
 * `npm run fuzz`: every parser and reader of untrusted input on DOSSIER_FUZZ_RUNS generated cases (default
 * 10,000 each), then on generated shapes of growing size (time on 2n / time on n < 3). Each subject's cases
 * and its scaling check run in a child process of their own, watched from here: a case that runs past the
 * hang limit (processor time of the child, so a busy machine's waits for a core do not count; wall clock
 * where /proc is missing) is killed and reported as a hang with its input, and the run goes on. A case that throws anything but the subject's documented
 * error, or takes more processor time than its limit, fails and is shrunk by fast-check.
 *
 * Options: --runs N, --shapes N (scaling shapes per subject, default runs / 500), --jobs N (child processes
 * at a time, default 2; half of them for the heavy readers), --only TEXT (subjects whose name holds it),
 * --skip TEXT (all but those), --seed N, --hang SECONDS (of processor time on one case, default 60; a
 * tenth of a scaling shape's), --minutes N (stop then and report the cases read so far).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { processorTimeMs } from '../../src/lazy/workerReads';
import { shapes } from './scanners';
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
    writeFileSync(status, `case ${count} (slowest so far ${Math.round(slowest)} ms): ${describe(input)}`);
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

async function runScaling(subject: Subject, count: number, seed: number, status: string): Promise<Outcome> {
  let worst = 0;
  const checks = [
    ...fc.sample(shapes, { numRuns: count, seed }).map(shape => ({ label: describe(shape), scale: () => subject.scale!(shape) })),
    ...(subject.hostile ?? []),
  ];
  for (const [i, check] of checks.entries()) {
    writeFileSync(status, `scaling ${i + 1}: ${check.label}`);
    const tries: string[] = [];
    let passed = false;
    // a burst of load can make one measurement look super-linear; a super-linear reader always does
    for (let attempt = 0; attempt < 3 && !passed; attempt++) {
      const measured = await check.scale();
      passed = measured.ratio < measured.limit;
      worst = Math.max(worst, measured.ratio / measured.limit);
      tries.push(`${measured.ratio.toFixed(2)} at n = ${measured.n} (limit ${measured.limit})`);
    }
    if (!passed)
      return { cases: i + 1, slowest: 0, worst, failure: `${check.label}: time on the larger size / time on n = ${tries.join(', ')}` };
  }
  return { cases: checks.length, slowest: 0, worst };
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
  /** cases, or shapes for the scaling check */
  runs: number;
  seed: number;
  name: string;
}

/** Cases per child process: a subject's 10,000 are read by four, so the slow readers share the machine's cores. */
const SHARD = 2500;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const minutes = (ms: number) => (ms / 60000).toFixed(1);

/** Processor time (ms) a child process has used, all its threads; undefined without /proc (then wall clock). */
const processorTime = (pid: number | undefined) => (pid === undefined ? undefined : processorTimeMs(`/proc/${pid}/stat`));

/** Cases finished by a process stopped at the time limit, from its status ("case 120 (slowest so far 80 ms): …"). */
function casesDone(status: string): { cases: number; slowest: number } {
  const begun = /^(?:case|scaling) (\d+)/.exec(status);
  return { cases: begun ? Number(begun[1]) - 1 : 0, slowest: Number(/slowest so far (\d+) ms/.exec(status)?.[1] ?? 0) };
}

async function main(): Promise<void> {
  const runs = Number(option('--runs') ?? process.env.DOSSIER_FUZZ_RUNS ?? 10000);
  const shapeCount = Number(option('--shapes') ?? Math.ceil(runs / 500));
  const jobs = Number(option('--jobs') ?? 2);
  const only = option('--only');
  const skip = option('--skip');
  const seed = Number(option('--seed') ?? Date.now() % 2 ** 30);
  const hangMs = Number(option('--hang') ?? 60) * 1000;
  const logs = mkdtempSync(path.join(tmpdir(), 'dossier-fuzz-'));
  const started = Date.now();
  console.log(
    `fuzz: seed ${seed}, ${runs} cases per parser, ${shapeCount} scaling shapes, ${jobs} processes at a time, a hang after ${hangMs / 1000} s of processor time on a case; load ${loadavg()[0]!.toFixed(1)}; logs in ${logs}`,
  );

  const chosen = subjects
    .map((subject, index) => ({ subject, index }))
    .filter(({ subject }) => (!only || subject.name.includes(only)) && (!skip || !subject.name.includes(skip)));
  const tasks: Task[] = chosen.flatMap(({ subject, index }) => [
    ...Array.from({ length: Math.ceil(runs / SHARD) }, (_, shard) => ({
      subject,
      index,
      part: 'cases' as const,
      runs: Math.min(SHARD, runs - shard * SHARD),
      seed: seed + shard,
      name: `${index}-cases-${shard + 1}`,
    })),
    ...(subject.scale && shapeCount
      ? [{ subject, index, part: 'scaling' as const, runs: shapeCount, seed, name: `${index}-scaling` }]
      : []),
  ]);
  // the slowest first, so the run does not end waiting for one of them
  const cost = (t: Task) => (t.part === 'cases' ? t.subject.slowMs : 0);
  tasks.sort((a, b) => cost(b) - cost(a));

  const results = new Map<Task, Outcome & { hang?: string; stopped?: boolean }>();
  const running = new Map<Task, { proc: ChildProcess; status: string }>();
  let stopping = false;
  const budget = option('--minutes');
  if (budget)
    setTimeout(
      () => {
        stopping = true;
        queue.length = 0;
        heavyQueue.length = 0;
        for (const { proc } of running.values()) proc.kill('SIGKILL');
      },
      Number(budget) * 60000,
    ).unref();
  const runTask = (task: Task) =>
    new Promise<void>(resolve => {
      const status = path.join(logs, `${task.name}.status`);
      const log = openSync(path.join(logs, `${task.name}.log`), 'w');
      writeFileSync(status, 'starting');
      const proc: ChildProcess = fork(
        __filename,
        ['--child', String(task.index), task.part, String(task.runs), String(task.seed), status],
        {
          execArgv: ['--import', 'tsx'],
          stdio: ['ignore', log, log, 'ipc'],
        },
      );
      let outcome: Outcome | undefined;
      let hang: string | undefined;
      // one shape's scaling check reads many sizes several times
      const limit = task.part === 'cases' ? hangMs : hangMs * 10;
      // where the current case began: the status file changes at each case
      let caseStamp = 0;
      let caseCpu = 0;
      let caseWall = Date.now();
      const watchdog = setInterval(() => {
        const stamp = statSync(status).mtimeMs;
        const cpu = processorTime(proc.pid);
        if (stamp !== caseStamp) {
          caseStamp = stamp;
          caseCpu = cpu ?? 0;
          caseWall = Date.now();
          return;
        }
        // starting a process loads tsx and the engines: minutes on a loaded machine, and no case yet
        const starting = readFileSync(status, 'utf8') === 'starting';
        const wall = Date.now() - caseWall;
        // processor time where it can be read; the wall clock still ends a case waiting on nothing (10× the limit)
        const backstop = Math.max(limit * 10, 600_000);
        const over = starting ? wall > backstop : cpu === undefined ? wall > limit : cpu - caseCpu > limit || wall > backstop;
        if (over) {
          hang = `${readFileSync(status, 'utf8')} (${cpu === undefined ? '' : `${Math.round((cpu - caseCpu) / 1000)} s of processor time, `}${Math.round(wall / 1000)} s)`;
          proc.kill('SIGKILL');
        }
      }, 1000);
      proc.on('message', message => (outcome = message as Outcome));
      running.set(task, { proc, status });
      proc.on('exit', (code, signal) => {
        clearInterval(watchdog);
        running.delete(task);
        const result: Outcome & { hang?: string; stopped?: boolean } = outcome
          ? outcome
          : stopping
            ? { ...casesDone(readFileSync(status, 'utf8')), stopped: true }
            : hang
              ? { cases: 0, slowest: 0, hang: `no answer after ${limit / 1000} s of processor time on ${hang}` }
              : { cases: 0, slowest: 0, failure: `the process ended (${signal ?? `exit ${code}`}) during ${readFileSync(status, 'utf8')}` };
        results.set(task, result);
        const problem = result.hang ?? result.failure;
        console.log(
          `  ${task.subject.name} (${task.name}): ${problem ? `FAILED: ${problem} (log: ${path.join(logs, `${task.name}.log`)})` : result.stopped ? `stopped at the time limit after ${result.cases}` : `${result.cases} done in ${result.cpu?.toFixed(1)} min of processor time`}, after ${minutes(Date.now() - started)} min`,
        );
        resolve();
      });
    });

  // the heavy readers in half the processes, so the others are not all left waiting behind them
  const queue = tasks.filter(t => !(t.part === 'cases' && t.subject.heavy));
  const heavyQueue = tasks.filter(t => t.part === 'cases' && t.subject.heavy);
  const heavyJobs = heavyQueue.length ? Math.max(1, Math.floor(jobs / 2)) : 0;
  const worker = async (mine: Task[], other: Task[]) => {
    for (let task = mine.shift() ?? other.shift(); task; task = mine.shift() ?? other.shift()) await runTask(task);
  };
  await Promise.all([
    ...Array.from({ length: heavyJobs }, () => worker(heavyQueue, queue)),
    ...Array.from({ length: jobs - heavyJobs }, () => worker(queue, heavyQueue)),
  ]);

  let failures = 0;
  let hangs = 0;
  let total = 0;
  console.log('');
  for (const { subject } of chosen) {
    const mine = tasks
      .filter(t => t.subject === subject)
      .map(t => ({ task: t, result: results.get(t) ?? { cases: 0, slowest: 0, stopped: true } }));
    const cases = mine.filter(m => m.task.part === 'cases').map(m => m.result);
    const scaling = mine.find(m => m.task.part === 'scaling')?.result;
    const count = cases.reduce((sum, r) => sum + r.cases, 0);
    const stopped = mine.some(m => m.result.stopped);
    const caseFailures = cases.filter(r => r.failure).length;
    const caseHangs = cases.filter(r => r.hang).length;
    failures += caseFailures + (scaling?.failure ? 1 : 0);
    hangs += caseHangs + (scaling?.hang ? 1 : 0);
    total += count;
    const scaled = !scaling
      ? ''
      : scaling.stopped
        ? `; scaling: ${scaling.cases} checks passed before the time limit`
        : scaling.failure || scaling.hang
          ? `; scaling FAILED at check ${scaling.cases}`
          : `; ${scaling.cases} scaling checks passed (the worst at ${Math.round(scaling.worst! * 100)}% of its limit)`;
    console.log(
      `${subject.name}: ${count}${stopped && count < runs ? ` of ${runs}` : ''} cases, ${caseFailures} exceptions other than ${subject.refuses ? 'the documented errors' : 'ReportError'}, ${caseHangs} hangs, slowest ${Math.round(Math.max(...cases.map(r => r.slowest)))} ms${scaled}`,
    );
    for (const r of [...cases, ...(scaling ? [scaling] : [])]) {
      const problem = r.failure ?? r.hang;
      if (problem) console.log(`    ${problem.split('\n').join('\n    ')}`);
    }
  }
  console.log(
    `\n${chosen.length} parsers, ${total} cases${stopping ? ' (stopped at the time limit)' : ''}, ${failures} failures, ${hangs} hangs; wall time ${minutes(Date.now() - started)} min (seed ${seed}, load ${loadavg()[0]!.toFixed(1)} at the end)`,
  );
  process.exit(failures || hangs ? 1 : 0);
}

void (process.argv[2] === '--child' ? child() : main());
