#!/usr/bin/env node
// `npm test`: every check Dossier has, in order, each reported as it finishes:
//   unit tests (node:test) · lint · formatting (Prettier) · type check · build · integration suites in a real VS Code ·
//   the same in Restricted Mode (an untrusted workspace) · the packaged .vsix installed into a clean VS Code.
// Unit and integration tests count one each; lint, formatting, type check and build count as one test each.
// The last line is the combined "N passed, N failed"; the exit code is 0 only when nothing failed
// (1 a check failed, 2 a harness could not run).
//   node test/run-all.js [--no-integration] [--grep PATTERN (integration only)]
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const noIntegration = args.includes('--no-integration');
const grepAt = args.indexOf('--grep');
const grep = grepAt >= 0 ? args[grepAt + 1] : undefined;
const bin = name => path.join(ROOT, 'node_modules', '.bin', name);

/** Runs a command with its output shown live and kept for counting. */
function run(command, commandArgs) {
  return new Promise(resolve => {
    const child = spawn(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = stream => chunk => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    child.on('error', error => {
      output += error.message;
      resolve({ code: 2, output });
    });
    child.on('close', code => resolve({ code: code ?? 2, output }));
  });
}

/** node:test's spec reporter ends with "ℹ pass N" / "ℹ fail N" / "ℹ cancelled N". */
function countNodeTest(output) {
  const n = label => Number((output.match(new RegExp(`^\\S*\\s*${label} (\\d+)\\s*$`, 'm')) || [])[1] || 0);
  return { passed: n('pass'), failed: n('fail') + n('cancelled') };
}

/** Our runners' last line: "N passed, N failed". */
function countLastLine(output) {
  const lines = output.trim().split('\n');
  const m = /^(\d+) passed, (\d+) failed$/.exec(lines[lines.length - 1] || '');
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: 0 };
}

const steps = [
  { name: 'unit tests', command: process.execPath, args: [path.join(ROOT, 'test', 'run-unit.js')], count: countNodeTest },
  { name: 'lint', command: bin('eslint'), args: ['.'] },
  { name: 'format', command: bin('prettier'), args: ['--check', '.'] },
  { name: 'type check', command: bin('tsc'), args: ['--noEmit', '-p', ROOT] },
  { name: 'build', command: process.execPath, args: [path.join(ROOT, 'esbuild.js')] },
  ...(noIntegration
    ? []
    : [
        {
          name: 'integration (code-server)',
          command: process.execPath,
          args: [path.join(ROOT, 'test', 'e2e', 'run.js'), ...(grep ? ['--grep', grep] : [])],
          count: countLastLine,
        },
        ...(grep
          ? []
          : [
              {
                name: 'integration, Restricted Mode',
                command: process.execPath,
                args: [path.join(ROOT, 'test', 'e2e', 'run.js'), '--untrusted'],
                count: countLastLine,
              },
            ]),
        {
          name: 'packaged .vsix',
          command: process.execPath,
          args: [path.join(ROOT, 'test', 'e2e', 'run.js'), '--vsix'],
          count: countLastLine,
        },
      ]),
];

/** Provisions the integration tools (first run: minutes) while the unit tests and checks run. */
function provisionInBackground() {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [path.join(ROOT, 'test', 'e2e', 'provision.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', c => (output += c));
    child.stderr.on('data', c => (output += c));
    child.on('error', e => resolve(`[provision] ${e.message}\n`));
    child.on('close', () => resolve(output));
  });
}

async function main() {
  const started = Date.now();
  const results = [];
  const provisioning = noIntegration ? undefined : provisionInBackground();
  for (const step of steps) {
    if (step.count === countLastLine && provisioning) {
      // its outcome is reported by the runner itself, which provisions again (a no-op) or fails clearly
      const output = await provisioning;
      process.stdout.write(
        output
          .split('\n')
          .filter(line => !line.startsWith('{'))
          .join('\n'),
      );
    }
    console.log(`\n━━━ ${step.name} ━━━`);
    const t0 = Date.now();
    const { code, output } = await run(step.command, step.args);
    let { passed, failed } = step.count ? step.count(output) : { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
    // A step that failed without a failing test (crash, harness broken) still counts as one failure.
    if (code !== 0 && failed === 0) failed = 1;
    // Only the VS Code runners use exit code 2 for "the harness broke"; tsc uses 2 for type errors.
    const broken = code === 2 && step.count === countLastLine;
    results.push({ name: step.name, code, broken, passed, failed, seconds: (Date.now() - t0) / 1000 });
  }
  console.log('\n━━━ summary ━━━');
  for (const r of results) {
    const status = r.code === 0 && r.failed === 0 ? 'ok  ' : r.broken ? 'BROKEN' : 'FAIL';
    console.log(
      `${status.padEnd(6)} ${r.name.padEnd(28)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1)} s`,
    );
  }
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const passed = results.reduce((a, r) => a + r.passed, 0);
  const failed = results.reduce((a, r) => a + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && results.every(r => r.code === 0) ? 0 : results.some(r => r.broken) ? 2 : 1);
}

main();
