/**
 * The `spectrum` expression: a formula in k = 1..D giving the Gaussian's variances.
 * It is parsed by mathjs and its syntax tree is checked against a whitelist *before* anything is
 * evaluated, so a URL from a stranger can only ever do arithmetic.
 */
import {
  absDependencies,
  addDependencies,
  cbrtDependencies,
  ceilDependencies,
  cosDependencies,
  create,
  divideDependencies,
  eDependencies,
  expDependencies,
  floorDependencies,
  log2Dependencies,
  log10Dependencies,
  logDependencies,
  type MathNode,
  maxDependencies,
  minDependencies,
  modDependencies,
  multiplyDependencies,
  parseDependencies,
  piDependencies,
  powDependencies,
  roundDependencies,
  sinDependencies,
  sqrtDependencies,
  subtractDependencies,
  tanDependencies,
  tanhDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
} from 'mathjs';

// A mathjs instance holding only the parser and the whitelisted operations: smaller in the bundle,
// and a second fence behind the tree check (nothing else exists to be called).
const math = create({
  parseDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  expDependencies,
  logDependencies,
  log2Dependencies,
  log10Dependencies,
  sqrtDependencies,
  cbrtDependencies,
  absDependencies,
  minDependencies,
  maxDependencies,
  sinDependencies,
  cosDependencies,
  tanDependencies,
  tanhDependencies,
  floorDependencies,
  ceilDependencies,
  roundDependencies,
  modDependencies,
  piDependencies,
  eDependencies,
});

/**
 * Allowed operators as (op, fn) pairs, as mathjs's parser builds them. Fuzzing fix (issue 6): the
 * check used to pass a node when *either* its op or its fn was in one set, so a tree with op '+'
 * and any fn passed; the parser never builds one, but the whitelist now says exactly what it means.
 */
const OPERATORS = new Map([
  ['+', ['add', 'unaryPlus']],
  ['-', ['subtract', 'unaryMinus']],
  ['*', ['multiply']],
  ['/', ['divide']], // also `50%`, which mathjs reads as 50 / 100
  ['^', ['pow']],
]);
export const SPECTRUM_FUNCTIONS = new Set([
  'exp',
  'log',
  'log2',
  'log10',
  'sqrt',
  'cbrt',
  'abs',
  'pow',
  'min',
  'max',
  'sin',
  'cos',
  'tan',
  'tanh',
  'floor',
  'ceil',
  'round',
  'mod',
]);
const CONSTANTS = new Set(['pi', 'e']);
export const SPECTRUM_MAX_LENGTH = 200;

export type SpectrumResult = { ok: true; variances: Float64Array } | { ok: false; message: string };

interface AnyNode {
  type: string;
  name?: string;
  op?: string;
  fn?: { name?: string; type?: string };
  value?: unknown;
  args?: AnyNode[];
  content?: AnyNode;
  forEach(cb: (child: AnyNode) => void): void;
}

/** Returns null when every node of the tree is whitelisted, else a message naming the first bad node. */
export function checkSpectrumTree(root: MathNode): string | null {
  let problem: string | null = null;
  const visit = (node: AnyNode): void => {
    if (problem) return;
    switch (node.type) {
      case 'ConstantNode':
        if (typeof node.value !== 'number') problem = `only numbers are allowed, not ${JSON.stringify(node.value)}`;
        // Fuzzing fix (issue 6): mathjs reads `Infinity`, `NaN` and `1e400` as number constants, so
        // they passed the check and were only caught after evaluation; a literal must be finite.
        else if (!Number.isFinite(node.value)) problem = `only finite numbers are allowed, not ${String(node.value)}`;
        return;
      case 'SymbolNode':
        if (node.name !== 'k' && !CONSTANTS.has(node.name ?? '')) problem = `unknown symbol "${node.name}" (use k, pi, e)`;
        return;
      case 'ParenthesisNode':
        if (node.content) visit(node.content);
        return;
      case 'OperatorNode':
        if (!OPERATORS.get(node.op ?? '')?.includes(node.fn as unknown as string)) {
          problem = `operator "${node.op}" is not allowed (use + − * / ^)`;
          return;
        }
        node.args?.forEach(visit);
        return;
      case 'FunctionNode': {
        const name = node.fn?.type === 'SymbolNode' ? node.fn.name : undefined;
        if (!name || !SPECTRUM_FUNCTIONS.has(name)) {
          problem = `function "${name ?? '?'}" is not allowed (allowed: ${[...SPECTRUM_FUNCTIONS].join(', ')})`;
          return;
        }
        node.args?.forEach(visit);
        return;
      }
      default:
        problem = `${node.type.replace(/Node$/, '').toLowerCase()} expressions are not allowed`;
    }
  };
  visit(root as unknown as AnyNode);
  return problem;
}

/** Variances λ_k for k = 1..D, each finite and ≥ 0, not all zero. */
export function evaluateSpectrum(expression: string, D: number): SpectrumResult {
  if (expression.length > SPECTRUM_MAX_LENGTH) return { ok: false, message: `longer than ${SPECTRUM_MAX_LENGTH} characters` };
  if (expression.trim() === '') return { ok: false, message: 'empty expression' };
  let tree: MathNode;
  try {
    tree = math.parse(expression);
  } catch (e) {
    return { ok: false, message: `cannot parse: ${(e as Error).message}` };
  }
  const problem = checkSpectrumTree(tree);
  if (problem) return { ok: false, message: problem };
  const compiled = tree.compile();
  const variances = new Float64Array(D);
  for (let k = 1; k <= D; k++) {
    let v: unknown;
    try {
      v = compiled.evaluate({ k });
    } catch (e) {
      return { ok: false, message: `fails at k = ${k}: ${(e as Error).message}` };
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, message: `not a finite real number at k = ${k}` };
    if (v < 0) return { ok: false, message: `negative (${v}) at k = ${k}; variances must be ≥ 0` };
    // `+ 0` turns -0 into 0 (fuzzing found `log(1, 5e-324)` = 0 / −744 = −0; issue 6).
    variances[k - 1] = v + 0;
  }
  if (variances.every((v) => v === 0)) return { ok: false, message: 'every variance is zero' };
  return { ok: true, variances };
}
