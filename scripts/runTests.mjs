#!/usr/bin/env node
// `npm test`: type-check, unit tests, production build, real-browser tests against dist/.
// Ends with one plain summary line ("Tests: N passed, N failed") over both vitest projects.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'lae-tests-'));
let passed = 0;
let failed = 0;

function run(label, command, args) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit' });
  return r.status === 0;
}

function vitest(project) {
  const out = join(dir, `${project}.json`);
  const ok = run(`${project} tests`, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  } else if (!ok) failed += 1;
  return ok;
}

const steps = [
  () => run('type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']),
  () => vitest('unit'),
  () => run('production build', 'npx', ['vite', 'build']),
  () => vitest('browser'),
];
let ok = true;
for (const step of steps) {
  if (!step()) {
    ok = false;
    if (failed === 0) failed = 1; // a failed type-check or build counts as a failure
    break;
  }
}
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
