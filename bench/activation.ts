/**
 * Activation time inside the real VS Code harness (code-server's extension host, driven by Chromium):
 * test/e2e/run.js runs only test/integration/activationTime.test.ts, which times `extension.activate()` —
 * loading dist/extension.js plus Dossier's activate() — before anything else has activated it.
 * One activation per extension host, so the harness runs a few times (5); the median is reported. The
 * extension is the production build, as installed from the .vsix.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

export async function measureActivation(
  log: (line: string) => void,
): Promise<{ ms: number; how: string; samples: number[]; activateMs?: number; cpuMs?: number }> {
  if (!fs.existsSync(path.join(ROOT, 'test', 'e2e', 'run.js')))
    throw new Error('the real VS Code harness (test/e2e/run.js) has not landed');
  const runs = Number(process.env.BENCH_ACTIVATION_RUNS ?? 5);
  // What users install is the production build: build it into dist/ (build output, git-ignored) and let the
  // harness use it as it is (--no-build) instead of its own development build (unminified, source maps).
  const build = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`production build failed: ${(build.stderr || build.stdout).trim().split('\n')[0]}`);
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
        env: { ...process.env, DOSSIER_BENCH_ACTIVATION_OUT: out },
        timeout: 300000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const result = fs.existsSync(out)
      ? (JSON.parse(fs.readFileSync(out, 'utf8')) as { ms?: number; cpuMs?: number; activateMs?: number; alreadyActive?: boolean })
      : undefined;
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    if (result?.ms !== undefined) {
      samples.push(result.ms);
      if (result.activateMs !== undefined) bodies.push(result.activateMs);
      if (result.cpuMs !== undefined) cpus.push(result.cpuMs);
      log(
        `  activation run ${i + 1}: ${result.ms.toFixed(1)} ms, CPU time ${result.cpuMs?.toFixed(1) ?? '?'} ms (activate() itself ${result.activateMs?.toFixed(1) ?? '?'} ms)`,
      );
    } else {
      const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-3).join(' / ');
      problems.push(result?.alreadyActive ? 'already active before the test' : `harness exit ${r.status}: ${tail}`);
    }
  }
  if (samples.length === 0) throw new Error(`no activation measured (${problems.join('; ')})`);
  samples.sort((a, b) => a - b);
  const ms = samples[Math.floor(samples.length / 2)];
  const median = (values: number[]) => (values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] : undefined);
  return {
    ms,
    samples,
    activateMs: median(bodies),
    cpuMs: median(cpus),
    how:
      `activation = extension.activate() timed inside code-server's extension host (production build), median of ${samples.length} fresh hosts: ${samples.map(s => s.toFixed(1)).join(', ')} ms (CPU time ${cpus.map(s => s.toFixed(1)).join(', ')} ms)` +
      (problems.length ? `; failed runs: ${problems.join('; ')}` : ''),
  };
}
