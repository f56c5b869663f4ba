#!/usr/bin/env python3
"""The ReLU model of Toy Models of Superposition (docs/design.md §7) in numpy: Adam on fresh batches.

Model: D features, d hidden, W (d × D; column i = feature i), b (D); x′ = ReLU(WᵀW x + b);
feature x_i = 0 with probability S, else U[0, 1]; importance I_i = r^(i−1) (or a list);
loss = mean over the batch of Σ_i I_i (x_i − x′_i)². Per step: a fresh batch, the forward pass,
the analytic backward pass
    R = x′ − x,  G = 2 R ⊙ I / batch ⊙ [WᵀW x + b > 0],  H = X Wᵀ,
    ∂L/∂b = Σ_batch G,  ∂L/∂W = Hᵀ G + (G Wᵀ)ᵀ X,
and Adam exactly as PyTorch's (β1 0.9, β2 0.999, ε 1e-8, bias-corrected:
    m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²,  θ ← θ − lr/(1 − β1^t) · m / (√v/√(1 − β2^t) + ε)).
Init W ~ N(0, 2/(D + d)) (Xavier normal), b = 0. Batches: x = U[0,1) where a second U[0,1) ≥ S, else 0,
both from numpy's default_rng(seed) (after the init draws).

Three modes:
  python3 bench/numpy_relu.py < jobs.json       the bench: a JSON job list on stdin,
      [{"D", "d", "batch", "steps", "repeat", "sparsity"?, "importance"? (r, or a list of D),
        "lr"?, "seed"?, "W0"? (d × D, else the Xavier draw), "b0"?}, …]
      prints a JSON list, per job {"D", "d", "batch", "steps", "stepsPerSecond" (best of `repeat`
      after one warm-up), "seconds", "finalLoss" (the last batch's loss), "evalLoss" (a fixed
      1,024-sample batch, default_rng(EVAL_SEED))}.
  python3 bench/numpy_relu.py --reference       §7's measured numbers: D = 5, d = 2, r = 0.9,
      batch 1,024, 10⁴ steps, lr 1e-3, at S ∈ {0, 0.7, 0.9, 0.95}, best of seeds 0, 1, 2 by the loss
      on LARGE_EVAL samples (default_rng(EVAL_SEED + 1)); the losses on the fixed 1,024-sample
      evaluation batch (default_rng(EVAL_SEED)), as the export's `sample`, and on the large one: a
      1,024-sample batch scatters them by up to ~20 % at S = 0.9–0.95 (about 100 or 50 samples per
      feature are non-zero), and §7's numbers are the large-sample (population) values.
  python3 bench/numpy_relu.py --phase [--theory] [--no-mirror] [--steps N] [--lr X] [--seeds K] [--first-seed F]
      [--batch B]
      the phase diagram for D = 2, d = 1: feature density 1 − S (10 log-spaced values 0.01 … 1) ×
      importance of feature 2 (10 log-spaced values 0.1 … 10; feature 1's is 1). Each cell: Adam at
      lr 1e-2 (--lr), 600 steps (--steps), batch 128 (--batch) from seeds F … F + K − 1 (F = 0, K = 3),
      each seed twice: its Xavier draw and the same draw with W_2's sign flipped (the same batches;
      --no-mirror: the draw alone); the run of least loss on a fixed evaluation batch of PHASE_EVAL
      samples is classified N (‖W_2‖ < 0.5, not represented), D (‖W_2‖ ≥ 0.5, ‖W_1‖ < 0.5, dedicated)
      or S (both ≥ 0.5, superposed). Why the mirror: with d = 1 a start with w₁w₂ > 0 mostly stays
      dedicated or not represented where superposition (the antipodal w₁ ≈ −w₂) is optimal, and most
      starts with w₁w₂ < 0 reach it, so every draw gets one of each sign pattern. Why several draws:
      next to the boundary at importance 6–10 (or 0.1–0.17) the dedicated (not represented) point is a
      local minimum that catches about 1 in 4 mirrored pairs too (a small |w₁|/|w₂| at the start, …).
      --theory also prints the diagram of the least expected loss among the three families, each at
      its best W and b (theory_cell: exact over the sparsity mixture, the midpoint rule on the square).
Add --json to --reference or --phase for the numbers as JSON instead of text.
Measured (2 cores, numpy 2.4): --reference about 3 s per 10⁴-step run; --phase 0.17–0.3 s per run
(6 per cell, about 2 minutes a diagram). Its diagram equals --theory's except, at most, the two cells at
density 0.359 and importance 0.278 or 3.59, where superposition wins by 0.2 % of the loss (theory_cell),
below the evaluation batch's noise: so for seeds F = 0, 5, 10, …, 30, and with 4 draws and mirrors at
1,000 or 3,000 steps of batch 1,024 (F = 0 and 4). Five random draws without mirrors (--no-mirror
--seeds 5) missed two more cells (superposition at importance 0.1–0.17) for one F in six.
"""
import json
import sys
import time

import numpy as np

BETA1, BETA2, EPS = 0.9, 0.999, 1e-8
EVAL_SEED = 20221  # the evaluation batch's stream (Elhage et al. 2022)
PHASE_EVAL = 1 << 16
LARGE_EVAL = 1 << 18
REPRESENTED = 0.5


def importances(D, importance):
    if np.ndim(importance) == 0:
        return float(importance) ** np.arange(D)
    return np.asarray(importance, dtype=np.float64)


def batch_of(rng, n, D, S):
    x = rng.random((n, D))
    keep = rng.random((n, D)) >= S
    return x * keep


def loss_of(W, b, X, I):
    R = np.maximum(X @ W.T @ W + b, 0.0) - X
    return float(np.mean(R * R @ I))


def init(rng, D, d):
    return rng.normal(0.0, np.sqrt(2.0 / (D + d)), size=(d, D)), np.zeros(D)


def train(D, d, S, I, steps, batch, lr, seed, W0=None, b0=None):
    """Adam on fresh batches; returns W, b and the last batch's loss."""
    rng = np.random.default_rng(seed)
    W, b = init(rng, D, d)
    if W0 is not None:
        W = np.array(W0, dtype=np.float64)
    if b0 is not None:
        b = np.array(b0, dtype=np.float64)
    mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)
    scale = 2.0 * I / batch
    loss = np.nan
    for t in range(1, steps + 1):
        X = batch_of(rng, batch, D, S)
        H = X @ W.T  # batch × d
        Z = H @ W + b  # batch × D
        R = np.maximum(Z, 0.0) - X
        if t == steps:
            loss = float(np.mean(R * R @ I))
        G = R * scale * (Z > 0)  # ∂L/∂Z
        gb = G.sum(axis=0)
        gW = H.T @ G + (G @ W.T).T @ X
        mW = BETA1 * mW + (1 - BETA1) * gW
        vW = BETA2 * vW + (1 - BETA2) * gW * gW
        mb = BETA1 * mb + (1 - BETA1) * gb
        vb = BETA2 * vb + (1 - BETA2) * gb * gb
        c1, c2 = 1 - BETA1 ** t, np.sqrt(1 - BETA2 ** t)
        W = W - (lr / c1) * mW / (np.sqrt(vW) / c2 + EPS)
        b = b - (lr / c1) * mb / (np.sqrt(vb) / c2 + EPS)
    return W, b, loss


def linear_losses(X, I, d):
    """Best rank-≤d linear autoencoder on X with weighting I: with a bias (centred covariance) and
    without (second moment), both 1/N, as the sums of the D − d smallest eigenvalues."""
    Y = X * np.sqrt(I)
    N, D = Y.shape
    Yc = Y - Y.mean(axis=0)
    C = Yc.T @ Yc / N
    M = Y.T @ Y / N
    return float(np.sum(np.linalg.eigvalsh(C)[: D - d])), float(np.sum(np.linalg.eigvalsh(M)[: D - d]))


def adjacent_angles(W, norms):
    """d = 2: the angles (degrees) between neighbouring represented columns, going round the plane."""
    cols = [i for i in range(W.shape[1]) if norms[i] > REPRESENTED]
    if len(cols) < 2:
        return []
    a = np.sort(np.degrees(np.arctan2(W[1, cols], W[0, cols])))
    return [float(x) for x in np.diff(np.append(a, a[0] + 360.0))]


def bench(jobs):
    out = []
    for job in jobs:
        D, d, batch, steps = job["D"], job["d"], job["batch"], job["steps"]
        S, lr, seed = job.get("sparsity", 0.9), job.get("lr", 1e-3), job.get("seed", 0)
        I = importances(D, job.get("importance", 0.9))
        result = {}

        def run():
            result["W"], result["b"], result["loss"] = train(D, d, S, I, steps, batch, lr, seed, job.get("W0"), job.get("b0"))

        run()  # warm-up
        best = np.inf
        for _ in range(job.get("repeat", 3)):
            t0 = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - t0)
        Xe = batch_of(np.random.default_rng(EVAL_SEED), 1024, D, S)
        out.append({"D": D, "d": d, "batch": batch, "steps": steps, "stepsPerSecond": steps / best, "seconds": best,
                    "finalLoss": result["loss"], "evalLoss": loss_of(result["W"], result["b"], Xe, I)})
    return out


def reference(as_json):
    D, d, r, batch, steps, lr, seeds = 5, 2, 0.9, 1024, 10_000, 1e-3, (0, 1, 2)
    I = importances(D, r)
    rows = []
    for S in (0.0, 0.7, 0.9, 0.95):
        Xe = batch_of(np.random.default_rng(EVAL_SEED), 1024, D, S)
        Xl = batch_of(np.random.default_rng(EVAL_SEED + 1), LARGE_EVAL, D, S)
        t0 = time.perf_counter()
        runs = []
        for seed in seeds:
            W, b, _ = train(D, d, S, I, steps, batch, lr, seed)
            runs.append((loss_of(W, b, Xl, I), seed, W, b))
        seconds = (time.perf_counter() - t0) / len(seeds)
        large, seed, W, b = min(runs, key=lambda x: x[0])
        norms = np.linalg.norm(W, axis=0)
        lin, nobias = linear_losses(Xe, I, d)
        lin_l, nobias_l = linear_losses(Xl, I, d)
        rows.append({"S": S, "seed": seed, "loss": loss_of(W, b, Xe, I), "linearOptimumLoss": lin, "linearNoBiasLoss": nobias,
                     "largeSample": {"loss": large, "linearOptimumLoss": lin_l, "linearNoBiasLoss": nobias_l, "seedLosses": [x[0] for x in runs]},
                     "represented": int(np.sum(norms > REPRESENTED)), "featureNorms": norms.tolist(), "b": b.tolist(),
                     "adjacentAngles": adjacent_angles(W, norms), "secondsPerRun": seconds})
    if as_json:
        json.dump(rows, sys.stdout, indent=1)
        print()
        return
    print(f"D = {D}, d = {d}, r = {r}, batch {batch}, {steps} steps, Adam lr {lr}, best of seeds {seeds} by the loss on "
          f"{LARGE_EVAL} samples (default_rng({EVAL_SEED + 1})); losses on the fixed 1,024-sample evaluation batch "
          f"(default_rng({EVAL_SEED})), and [on the {LARGE_EVAL} samples]")
    for row in rows:
        L = row["largeSample"]
        print(f"S = {row['S']:<4}  loss {row['loss']:.4f} [{L['loss']:.4f}]  linear with bias {row['linearOptimumLoss']:.4f} "
              f"[{L['linearOptimumLoss']:.4f}], without {row['linearNoBiasLoss']:.4f} [{L['linearNoBiasLoss']:.4f}]  "
              f"‖W_i‖ > 0.5: {row['represented']}  norms {', '.join(f'{x:.3f}' for x in row['featureNorms'])}  "
              f"adjacent angles {', '.join(f'{x:.1f}' for x in row['adjacentAngles']) or '—'}  "
              f"(seed {row['seed']}; seeds [{', '.join(f'{x:.4f}' for x in L['seedLosses'])}]; {row['secondsPerRun']:.2f} s/run)")


def classify(W):
    n1, n2 = np.linalg.norm(W[:, 0]), np.linalg.norm(W[:, 1])
    if n2 < REPRESENTED:
        return "N"
    return "D" if n1 < REPRESENTED else "S"


DENSITIES = np.logspace(-2, 0, 10)
IMPORTANCES = np.logspace(-1, 1, 10)


def expected_loss_2x1(w, b, I2, S, n=400):
    """The exact expectation over the sparsity mixture (both off, one on, both on) of the D = 2, d = 1
    loss, with the uniform square / interval integrated by the midpoint rule on n points per axis."""
    u = (np.arange(n) + 0.5) / n
    I = np.array([1.0, I2])
    G = np.outer(w, w)

    def loss(X):
        R = np.maximum(X @ G + b, 0.0) - X
        return float(np.mean(R * R @ I))

    z = np.zeros(n)
    x1, x2 = np.meshgrid(u, u)
    p = 1 - S
    return (S * S * loss(np.zeros((1, 2))) + S * p * (loss(np.column_stack([u, z])) + loss(np.column_stack([z, u])))
            + p * p * loss(np.column_stack([x1.ravel(), x2.ravel()])))


def theory_cell(I2, S):
    """The family of least expected loss. Not represented (w₂ = 0) and dedicated (w₁ = 0) have closed
    forms: the represented feature exact (w = 1, b = 0), the other one its mean through its bias, losing
    its importance × Var(x) = p/3 − p²/4 (p = 1 − S). "S": both w and b free, by Nelder–Mead on the
    expected loss from antipodal starts. The class is classify() of the least of the three (near
    density 0.6 and importance 1 the free optimum is a partial one, ‖W_2‖ ≈ 0.32: class N, or D).
    Returns the class and the three losses."""
    from scipy.optimize import minimize

    p = 1 - S
    var = p / 3 - p * p / 4
    losses = {"N": I2 * var, "D": var}
    free = min((minimize(lambda t: expected_loss_2x1(t[0:2], t[2:4], I2, S, 200), s0, method="Nelder-Mead",
                         options={"xatol": 1e-7, "fatol": 1e-12, "maxiter": 4000}) for s0 in
                ([1.0, -1.0, 0.0, 0.0], [1.0, -1.0, -0.1, -0.1], [1.2, -0.8, -0.1, -0.05], [0.8, -1.2, -0.05, -0.1])), key=lambda r: r.fun)
    losses["S"] = float(free.fun)
    weights = {"N": np.array([[1.0, 0.0]]), "D": np.array([[0.0, 1.0]]), "S": free.x[0:2].reshape(1, 2)}
    return classify(weights[min(losses, key=losses.get)]), losses


def phase(argv):
    def opt(name, default, kind):
        return kind(argv[argv.index(name) + 1]) if name in argv else default

    steps, lr, seeds, batch = opt("--steps", 600, int), opt("--lr", 1e-2, float), opt("--seeds", 3, int), opt("--batch", 128, int)
    first = opt("--first-seed", 0, int)
    as_json, mirror = "--json" in argv, "--no-mirror" not in argv
    grid, timings, cells = [], [], []
    for I2 in IMPORTANCES[::-1]:  # the top row: feature 2 most important
        row = []
        for p in DENSITIES:
            S = 1 - p
            I = np.array([1.0, I2])
            Xe = batch_of(np.random.default_rng(EVAL_SEED), PHASE_EVAL, 2, S)
            t0 = time.perf_counter()
            runs = []
            for seed in range(first, first + seeds):
                W0 = init(np.random.default_rng(seed), 2, 1)[0]
                for start in ([W0, W0 * [1.0, -1.0]] if mirror else [W0]):
                    W, b, _ = train(2, 1, S, I, steps, batch, lr, seed, start)
                    runs.append((loss_of(W, b, Xe, I), classify(W), seed, W, b))
            timings.append(time.perf_counter() - t0)
            loss, cls, seed, W, b = min(runs, key=lambda x: x[0])
            row.append(cls)
            cells.append({"density": float(p), "importance2": float(I2), "class": cls, "seed": seed, "loss": loss,
                          "W": W.ravel().tolist(), "b": b.tolist(), "seedClasses": "".join(x[1] for x in runs)})
        grid.append(row)
    theory = None
    if "--theory" in argv:
        theory = [[theory_cell(I2, 1 - p)[0] for p in DENSITIES] for I2 in IMPORTANCES[::-1]]
    settings = {"steps": steps, "lr": lr, "seeds": list(range(first, first + seeds)), "mirror": mirror, "batch": batch, "evalSamples": PHASE_EVAL,
                "secondsPerCell": float(np.mean(timings)), "secondsPerRun": float(np.mean(timings)) / (seeds * (2 if mirror else 1))}
    if as_json:
        json.dump({"settings": settings, "densities": DENSITIES.tolist(), "importances2": IMPORTANCES[::-1].tolist(),
                   "grid": ["".join(r) for r in grid], "theory": theory and ["".join(r) for r in theory], "cells": cells}, sys.stdout, indent=1)
        print()
        return
    print(f"D = 2, d = 1 phase diagram: Adam lr {lr}, {steps} steps, batch {batch}, best of seeds {first}..{first + seeds - 1}"
          f"{' and their mirrors' if mirror else ''} by the loss on "
          f"{PHASE_EVAL} evaluation samples; {settings['secondsPerCell']:.2f} s per cell ({settings['secondsPerRun']:.2f} s per run)")
    print("N = feature 2 not represented (‖W_2‖ < 0.5), D = dedicated (‖W_2‖ ≥ 0.5 > ‖W_1‖), S = superposed (both ≥ 0.5)")
    print("rows: importance of feature 2 (top = 10); columns: feature density 1 − S from 0.01 (left) to 1 (right)")
    print("       " + " ".join(f"{p:5.3f}"[1:] if p < 1 else " 1.0" for p in DENSITIES))
    for k, I2 in enumerate(IMPORTANCES[::-1]):
        line = f"{I2:6.3f}  " + "    ".join(grid[k])
        if theory:
            line += "      theory: " + " ".join(theory[k])
            line += "   (" + str(sum(a != t for a, t in zip(grid[k], theory[k]))) + " differ)"
        print(line)
    print("per-cell classes of every run (seed F, F + 1, …" + (", each followed by its mirror):" if mirror else "):"))
    for k in range(len(IMPORTANCES)):
        print("        " + " ".join(c["seedClasses"] for c in cells[k * len(DENSITIES):(k + 1) * len(DENSITIES)]))


def main():
    argv = sys.argv[1:]
    if "--reference" in argv:
        reference("--json" in argv)
    elif "--phase" in argv:
        phase(argv)
    else:
        json.dump(bench(json.load(sys.stdin)), sys.stdout)


if __name__ == "__main__":
    main()
