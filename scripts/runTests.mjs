#!/usr/bin/env node
// `npm test`: provision what the tests need (npm dependencies, Debian's Chromium, numpy), then
// lint, type-check, unit tests, production build, real-browser tests against dist/.
// Ends with one plain summary line ("Tests: N passed, N failed") over both vitest projects.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNode, ensureChromium, ensureDependencies, ensureNumpy, ProvisionError } from './provision.mjs';

const started = Date.now();
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

function provision() {
  try {
    checkNode();
    ensureDependencies();
    process.env.CHROMIUM_PATH = ensureChromium();
    process.env.PYTHON = ensureNumpy();
    console.log(`▶ browser tests use ${process.env.CHROMIUM_PATH}; reference checks use ${process.env.PYTHON}`);
    return true;
  } catch (e) {
    if (!(e instanceof ProvisionError)) throw e;
    console.error(`\n✗ ${e.message}`);
    return false;
  }
}

const steps = [
  provision,
  () => run('lint and format', 'npx', ['biome', 'ci', '.']) && run('unused exports and files', 'npx', ['knip', '--no-progress']),
  () => run('type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']),
  () => vitest('unit'),
  () => run('production build', 'npx', ['vite', 'build']),
  () => vitest('browser'),
];
let ok = true;
for (const step of steps) {
  if (!step()) {
    ok = false;
    if (failed === 0) failed = 1; // a failed provision, lint, type-check or build counts as a failure
    break;
  }
}
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`\nnpm test took ${minutes} min`);
console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
