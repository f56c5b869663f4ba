"""Self-test of relu_export.check_relu (and check_export.py's dispatch to it).

Builds synthetic `relu` export sections (docs/design.md §7) with numpy, independently of
relu_export.py's formulas: the sample loss by a loop over the samples, the linear baselines from the
singular values of the (centred or not) importance-scaled sample, the feature norms from diag(WᵀW)
and the superposition by a double loop. Cases: a pentagon (D = 5, d = 2, S = 0.9, I_i = 0.9^(i−1),
1,024 samples), a random W with importances that are no power pattern (D = 6, d = 3, 300 samples), and
a degenerate one (D = 4, d = 2, 2 samples, so both baselines are 0 to rounding; a zero column of W).
Asserts every check passes, and that perturbing sampleLoss, linearOptimumLoss, featureNorms (and
other fields) fails exactly the check(s) that should. Run: python3 tests/reference/test_relu_export.py
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from relu_export import check_relu  # noqa: E402

FIELDS = "relu: every field present"
SHAPES = "relu: shapes (W d × D, d < D; b, importance, featureNorms, superposition D; sample N × D, N ≤ 1,024; one loss per step)"
PARAMS = "relu: D, d and sparsity equal to params'"
FINITE = "relu: W, b, the sample and every reported number finite"
IMPORTANCE = "relu: importance positive and finite"
SPARSITY = "relu: sparsity in [0, 1)"
STEPS = "relu: steps non-negative integers, strictly increasing"
LOSSES = "relu: training losses finite and ≥ 0"
RANGE = "relu: sample entries in [0, 1]"
SAMPLE_LOSS = "relu: sampleLoss = mean Σ_i I_i (x_i − ReLU(WᵀWx + b)_i)² on the sample (1e-9 relative, 1e-12 absolute)"
LIN = "relu: linearOptimumLoss = Σ of the D − d smallest eigenvalues of the centred covariance of X diag(√I) (1e-9 relative)"
NOBIAS = "relu: linearNoBiasLoss = Σ of the D − d smallest eigenvalues of (1/N) YᵀY (1e-9 relative)"
PROJ = "relu: the top-d projection autoencoders (with the mean; without) attain linearOptimumLoss and linearNoBiasLoss on the sample"
BETTER = "relu: no rank-d linear map (random or perturbed encoders, least-squares decoders) beats the baselines"
NORMS = "relu: featureNorms = ‖W_i‖ (1e-12)"
SUP = "relu: superposition = Σ_{j≠i} (Ŵ_i · W_j)² (1e-12)"
ALL = {FIELDS, SHAPES, PARAMS, FINITE, IMPORTANCE, SPARSITY, STEPS, LOSSES, RANGE, SAMPLE_LOSS, LIN, NOBIAS, PROJ, BETTER, NORMS, SUP}


def make_doc(W, b, I, S, N, seed):
    d, D = W.shape
    rng = np.random.default_rng(seed)
    X = rng.random((N, D)) * (rng.random((N, D)) >= S)
    total = 0.0
    for x in X:  # the loss sample by sample
        xp = np.maximum(W.T @ (W @ x) + b, 0.0)
        total += sum(I[i] * (x[i] - xp[i]) ** 2 for i in range(D))
    Y = X * np.sqrt(I)
    tail = lambda Z: float(np.sum(np.linalg.svd(Z, compute_uv=False)[d:] ** 2) / N)  # singular values beyond the d-th
    G = W.T @ W
    norms = np.sqrt(np.diag(G))
    sup = [sum((G[i, j] / norms[i]) ** 2 for j in range(D) if j != i) if norms[i] > 0 else 0.0 for i in range(D)]
    steps = [0, 1, 2, 5, 10, 20, 50, 100]
    relu = {"W": W.tolist(), "b": b.tolist(), "importance": I.tolist(), "sparsity": S, "step": steps,
            "loss": (0.3 / (1 + np.array(steps, dtype=float))).tolist(), "sample": X.tolist(), "sampleLoss": total / N,
            "linearOptimumLoss": tail(Y - Y.mean(axis=0)), "linearNoBiasLoss": tail(Y),
            "featureNorms": norms.tolist(), "superposition": [float(v) for v in sup]}
    return {"schema": "lae-explorer/v1", "params": {"model": "relu", "D": D, "d": d, "sparsity": S, "steps": 100}, "relu": relu}


def cases():
    D = 5
    angles = 2 * np.pi * np.arange(D) / D
    pentagon = 1.1 * np.vstack([np.cos(angles), np.sin(angles)])
    yield "pentagon, D = 5, d = 2, S = 0.9, N = 1,024", make_doc(pentagon, np.full(D, -0.12), 0.9 ** np.arange(D), 0.9, 1024, 1)
    rng = np.random.default_rng(2)
    yield "random W, D = 6, d = 3, S = 0.5, N = 300", make_doc(rng.normal(size=(3, 6)), 0.1 * rng.normal(size=6), np.array([1.0, 0.3, 2.0, 0.7, 0.05, 1.5]), 0.5, 300, 3)
    W = rng.normal(size=(2, 4))
    W[:, 2] = 0.0
    yield "degenerate, D = 4, d = 2, N = 2, a zero column", make_doc(W, np.zeros(4), np.ones(4), 0.0, 2, 4)


def run(doc):
    report = {}

    def check(name, ok, detail):
        report[name] = {"ok": bool(ok), "detail": detail}

    check_relu(doc, check)
    return report


def expect(label, doc, want, exact=True):
    report = run(doc)
    got = {k for k, v in report.items() if not v["ok"]}
    ok = got == set(want) if exact else set(want) <= got
    assert ok, f"{label}: expected failures {sorted(want)}, got {sorted(got)}: " + json.dumps({k: report[k] for k in got | set(want) if k in report}, default=str)[:2000]
    print(f"  {label}: {'fails ' + '; '.join(sorted(k.split(' (')[0] for k in got)) if got else f'all {len(report)} checks pass'}")
    return report


def edit(doc, f):
    bad = copy.deepcopy(doc)
    f(bad["relu"])
    return bad


def scale(key, factor):
    return lambda r: r.__setitem__(key, r[key] * factor)


def corruptions(doc):
    r = doc["relu"]
    expect("sampleLoss × (1 + 1e-6)", edit(doc, scale("sampleLoss", 1 + 1e-6)), {SAMPLE_LOSS})
    expect("sampleLoss × (1 + 3e-9) + 1e-11", edit(doc, lambda b: b.__setitem__("sampleLoss", b["sampleLoss"] * (1 + 3e-9) + 1e-11)), {SAMPLE_LOSS})
    # Above the optimum: the projection no longer attains it and the optimal encoder beats it.
    expect("linearOptimumLoss × (1 + 1e-6) (or + 1e-9)", edit(doc, lambda b: b.__setitem__("linearOptimumLoss", b["linearOptimumLoss"] * (1 + 1e-6) + 1e-9)), {LIN, PROJ, BETTER})
    # Below it: the projection does not attain it (nothing beats the optimum, so the search passes).
    expect("linearOptimumLoss × (1 − 1e-6) (or − 1e-9)", edit(doc, lambda b: b.__setitem__("linearOptimumLoss", b["linearOptimumLoss"] * (1 - 1e-6) - 1e-9)), {LIN, PROJ})
    expect("linearOptimumLoss = linearNoBiasLoss", edit(doc, lambda b: b.__setitem__("linearOptimumLoss", b["linearNoBiasLoss"])), {LIN, PROJ, BETTER} if r["linearNoBiasLoss"] > r["linearOptimumLoss"] + 1e-9 else set())
    expect("linearNoBiasLoss × (1 − 1e-6) (or − 1e-9)", edit(doc, lambda b: b.__setitem__("linearNoBiasLoss", b["linearNoBiasLoss"] * (1 - 1e-6) - 1e-9)), {NOBIAS, PROJ})
    expect("featureNorms[1] + 1e-9", edit(doc, lambda b: b["featureNorms"].__setitem__(1, b["featureNorms"][1] + 1e-9)), {NORMS})
    expect("featureNorms[0] × (1 + 1e-10)", edit(doc, lambda b: b["featureNorms"].__setitem__(0, b["featureNorms"][0] * (1 + 1e-10))), {NORMS})
    expect("superposition[3] + 1e-9", edit(doc, lambda b: b["superposition"].__setitem__(3, b["superposition"][3] + 1e-9)), {SUP})
    expect("b[0] + 1e-3 (sampleLoss no longer the model's)", edit(doc, lambda b: b["b"].__setitem__(0, b["b"][0] + 1e-3)), {SAMPLE_LOSS})
    expect("a repeated step", edit(doc, lambda b: b["step"].__setitem__(2, b["step"][1])), {STEPS})
    expect("a fractional step", edit(doc, lambda b: b["step"].__setitem__(2, b["step"][2] + 0.5)), {STEPS})
    expect("a NaN training loss", edit(doc, lambda b: b["loss"].__setitem__(3, float("nan"))), {LOSSES})
    expect("sparsity 1 (and params' 0.9 or what it was)", edit(doc, lambda b: b.__setitem__("sparsity", 1.0)), {SPARSITY, PARAMS})
    expect("a negative importance", edit(doc, lambda b: b["importance"].__setitem__(1, -0.5)), {IMPORTANCE}, exact=False)
    expect("a sample entry 1.5", edit(doc, lambda b: b["sample"][0].__setitem__(0, 1.5)), {RANGE}, exact=False)
    expect("featureNorms one short", edit(doc, lambda b: b["featureNorms"].pop()), {SHAPES})
    expect("no superposition", edit(doc, lambda b: b.pop("superposition")), {FIELDS})
    bad = copy.deepcopy(doc)
    bad["params"]["d"] += 1
    expect("params.d off by one", bad, {PARAMS})


def main():
    for label, doc in cases():
        r = doc["relu"]
        print(f"{label}: sampleLoss {r['sampleLoss']:.6g}, linear with a bias {r['linearOptimumLoss']:.6g}, without {r['linearNoBiasLoss']:.6g}")
        report = expect("as built", doc, set())
        assert set(report) == ALL, sorted(set(report) ^ ALL)
        corruptions(doc)

    # The whole entry point: check_export.py on a document file dispatches to check_relu, and fails a corrupted one.
    doc = next(cases())[1]
    for label, d, code in (("as built", doc, 0), ("linearOptimumLoss × (1 + 1e-6)", edit(doc, scale("linearOptimumLoss", 1 + 1e-6)), 1)):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(d, f)
        out = subprocess.run([sys.executable, os.path.join(HERE, "check_export.py"), f.name], capture_output=True, text=True)
        os.unlink(f.name)
        checks = json.loads(out.stdout)["checks"]
        assert out.returncode == code and set(checks) == ALL, out.stdout[-2000:] + out.stderr
        print(f"check_export.py on a relu export, {label}: exit {code}, {len(checks)} checks")
    print("OK")


if __name__ == "__main__":
    main()
