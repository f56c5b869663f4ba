// What `npm test` and `npm start` need on a fresh machine, provisioned when it is missing and it can
// be, said as it is done; where it cannot be, a stop with the exact command to run. Node built-ins
// only: this runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const say = (text) => console.log(`▶ ${text}`);

export class ProvisionError extends Error {}

function run(command, args, env = {}) {
  say(`${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

/** The Node major version the project is built and tested with (.nvmrc); a warning otherwise. */
export function checkNode() {
  const pinned = readFileSync('.nvmrc', 'utf8').trim();
  const major = process.versions.node.split('.')[0];
  if (major !== pinned) console.warn(`⚠ Node ${process.versions.node}: this project is built and tested with Node ${pinned} (.nvmrc, package.json "engines").`);
}

/**
 * Whether node_modules holds exactly what package-lock.json asks for: every non-optional package
 * of the lock at its locked version in npm's own record of the tree (node_modules/.package-lock.json).
 */
function dependenciesCurrent() {
  const hidden = 'node_modules/.package-lock.json';
  if (!existsSync(hidden)) return false;
  const want = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages;
  const have = JSON.parse(readFileSync(hidden, 'utf8')).packages;
  for (const [path, entry] of Object.entries(want)) {
    if (path === '' || entry.optional) continue;
    if (have[path]?.version !== entry.version) return false;
  }
  return true;
}

/** npm ci when node_modules is missing or does not match package-lock.json. */
export function ensureDependencies() {
  if (dependenciesCurrent()) return;
  say('node_modules is missing or out of date: installing the locked dependencies (about 15 s)');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) throw new ProvisionError('npm ci failed; run it yourself to see why: npm ci');
}

const canApt = () => process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');

function aptInstall(pkg, why) {
  say(`${why}: installing Debian's ${pkg} (apt-get install -y ${pkg}; about a minute the first time)`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  return run('apt-get', ['update', '-qq'], env) && run('apt-get', ['install', '-y', '-qq', pkg], env);
}

/** Debian's Chromium for the browser tests (CHROMIUM_PATH overrides /usr/bin/chromium); returns its path. */
export function ensureChromium() {
  const given = process.env.CHROMIUM_PATH;
  const path = given ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  if (given) throw new ProvisionError(`CHROMIUM_PATH=${given} does not exist: point it at a Chromium binary, or unset it to use Debian's /usr/bin/chromium.`);
  if (canApt() && aptInstall('chromium', 'No Chromium at /usr/bin/chromium') && existsSync(path)) return path;
  throw new ProvisionError(
    `No Chromium at /usr/bin/chromium, and it could not be installed from here. Run: sudo apt-get install -y chromium   (or set CHROMIUM_PATH)`,
  );
}

const hasNumpy = (python) => spawnSync(python, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

/** A Python with numpy for the independent reference checks (PYTHON overrides python3); returns it. */
export function ensureNumpy() {
  const given = process.env.PYTHON;
  const python = given ?? 'python3';
  if (hasNumpy(python)) return python;
  if (given) throw new ProvisionError(`PYTHON=${given} cannot import numpy: install it there (${given} -m pip install numpy) or unset PYTHON.`);
  if (canApt() && aptInstall('python3-numpy', `${python} cannot import numpy`) && hasNumpy('/usr/bin/python3')) return '/usr/bin/python3';
  throw new ProvisionError(
    `${python} cannot import numpy (the browser tests check every export against numpy). Run: python3 -m pip install numpy   (or sudo apt-get install -y python3-numpy, then PYTHON=/usr/bin/python3)`,
  );
}
