/**
 * Activation time inside the real VS Code harness (code-server's extension host, driven by Chromium):
 * test/e2e/run.js runs only test/integration/activationTime.test.ts, which times `extension.activate()` —
 * loading dist/extension.js plus Dossier's activate() — before anything else has activated it.
 * One activation per extension host, so the harness runs a few times (5); the median is reported. The
 * extension is the production build, as installed from the .vsix. First starts (a fresh user data folder
 * each) and later starts (one kept folder, primed by one start: the library cache and the walkthrough's
 * first-start mark in place) are reported apart. DOSSIER_BENCH_ACTIVATION_PROFILE (a folder) keeps each host's
 * CPU profile of its activation there (the profiler slows what it measures: read its shares, not its times).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** One host's activation, as activationTime.test.ts wrote it. */
interface HostRun {
  ms?: number;
  cpuMs?: number;
  activateMs?: number;
  alreadyActive?: boolean;
}

/** What a set of hosts measured: medians, and the samples behind them. */
export interface ActivationTimes {
  ms: number;
  samples: number[];
  cpuMs?: number;
  cpuSamples: number[];
  activateMs?: number;
  problems: string[];
}

const median = (values: number[]) => (values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] : undefined);

/** `runs` fresh extension hosts, each timing one activation; with `userData`, all on that one user data folder. */
function timeHosts(runs: number, log: (line: string) => void, label: string, userData?: string): ActivationTimes {
  const profiles = process.env.DOSSIER_BENCH_ACTIVATION_PROFILE;
  const samples: number[] = [];
  const bodies: number[] = [];
  const cpus: number[] = [];
  const problems: string[] = [];
  for (let i = 0; i < runs; i++) {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-act-')), 'activation.json');
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'test', 'e2e', 'run.js'), '--no-build', '--grep', 'Performance: activation time'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          DOSSIER_BENCH_ACTIVATION_OUT: out,
          DOSSIER_BENCH_ACTIVATION_PROFILE: profiles ? path.join(profiles, `${label.replace(/\W+/g, '-')}-${i + 1}.cpuprofile`) : '',
          ...(userData ? { DOSSIER_E2E_USER_DATA: userData } : {}),
        },
        timeout: 300000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const result = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as HostRun) : undefined;
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    if (result?.ms !== undefined) {
      samples.push(result.ms);
      if (result.activateMs !== undefined) bodies.push(result.activateMs);
      if (result.cpuMs !== undefined) cpus.push(result.cpuMs);
      log(
        `  ${label} run ${i + 1}: ${result.ms.toFixed(1)} ms, CPU time ${result.cpuMs?.toFixed(1) ?? '?'} ms (activate() itself ${result.activateMs?.toFixed(1) ?? '?'} ms)`,
      );
    } else {
      const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-3).join(' / ');
      problems.push(result?.alreadyActive ? 'already active before the test' : `harness exit ${r.status}: ${tail}`);
    }
  }
  if (samples.length === 0) throw new Error(`no activation measured (${problems.join('; ')})`);
  return { ms: median(samples)!, samples, cpuMs: median(cpus), cpuSamples: cpus, activateMs: median(bodies), problems };
}

const describe = (t: ActivationTimes) =>
  `median of ${t.samples.length} fresh hosts: ${t.samples.map(s => s.toFixed(1)).join(', ')} ms (CPU time ${t.cpuSamples.map(s => s.toFixed(1)).join(', ')} ms)` +
  (t.problems.length ? `; failed runs: ${t.problems.join('; ')}` : '');

export async function measureActivation(
  log: (line: string) => void,
): Promise<{ ms: number; how: string; samples: number[]; activateMs?: number; cpuMs?: number; warm?: ActivationTimes }> {
  if (!fs.existsSync(path.join(ROOT, 'test', 'e2e', 'run.js')))
    throw new Error('the real VS Code harness (test/e2e/run.js) has not landed');
  const runs = Number(process.env.BENCH_ACTIVATION_RUNS ?? 5);
  // What users install is the production build: build it into dist/ (build output, git-ignored) and let the
  // harness use it as it is (--no-build) instead of its own development build (unminified, source maps).
  const build = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`production build failed: ${(build.stderr || build.stdout).trim().split('\n')[0]}`);
  // A first start: every host on a user data folder of its own, so nothing of an earlier start is there.
  const first = timeHosts(runs, log, 'first start');
  // Every later start of a window: one user data folder for all, primed by one start (what a window leaves
  // there: the library cache, the walkthrough's first-start mark). BENCH_ACTIVATION_WARM=0 leaves them out.
  let warm: ActivationTimes | undefined;
  if (process.env.BENCH_ACTIVATION_WARM !== '0') {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-user-'));
    try {
      timeHosts(1, log, 'priming the user data folder', userData);
      warm = timeHosts(runs, log, 'later start', userData);
    } finally {
      fs.rmSync(userData, { recursive: true, force: true });
    }
  }
  return {
    ms: first.ms,
    samples: first.samples,
    activateMs: first.activateMs,
    cpuMs: first.cpuMs,
    warm,
    how:
      `activation = extension.activate() timed inside code-server's extension host (production build); first start ${describe(first)}` +
      (warm ? `; later starts (one kept user data folder) ${describe(warm)}` : ''),
  };
}
