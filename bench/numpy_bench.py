#!/usr/bin/env python3
"""numpy on the same problems as bench/run.ts, in the same run (started by runNumpy in bench/common.ts).
Reads a JSON job list on stdin, prints JSON.

eigen:      np.linalg.eigh (LAPACK), best of `repeat` after one warm-up; the eigenvalues (descending)
            come back too, for the agreement column of table 1b.
eigenbasis: gradient descent in Σ's eigenbasis, the algorithm of src/core/models/linear/eigenbasisTraining.ts,
            vectorised: Ã = UᵀA₀, B̃ = B₀U, Λ diagonal; per step
              M = ΛB̃ᵀ, N = B̃M, G = ÃᵀÃ, L = tr Λ − 2 tr(ÃMᵀ) + tr(GN) (divergence check),
              ∂L/∂Ã = −2 (M − ÃN), ∂L/∂B̃ = −2 (ÃᵀΛ − G Mᵀ), both from the same iterate.
            Not the per-step diag P / nearest critical point or the recorded statistics of the JS
            function: numpy does the bare algorithm, the stricter baseline.
original:   gradient descent on (A, B) with Σ, the O(D² d) algorithm of src/core/reference/originalBasisDescent.ts:
              M = ΣBᵀ, Q = ΣA, N = BM, G = AᵀA, L as above, ∂L/∂A = −2 (M − AN), ∂L/∂B = −2 (Qᵀ − G Mᵀ).
models:     table 2d, the eigenbasis algorithm above with weight decay μ and, for the tied model, one block:
              L += μ(‖Ã‖² + ‖B̃‖²), ∂L/∂Ã += 2μÃ, ∂L/∂B̃ += 2μB̃; tied: B̃ ← B̃ − η(∂L/∂B̃ + ∂L/∂Ãᵀ), Ã = B̃ᵀ
            (src/core/models/linear/foldedWorkspace.ts; docs/design.md §5).
Each training job returns steps per second (best of `repeat` after one warm-up) and the final loss,
for the agreement check against JavaScript (same A₀, B₀, η, steps).
"""
import ctypes
import glob
import json
import os
import sys
import time

import numpy as np

DIVERGENCE_FACTOR = 1e6


def best_of(fn, repeat):
    fn()  # warm-up
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def train_eigenbasis(lam, At, Bt, eta, steps, mu=0.0, tied=False):
    """Tables 2a and 2d: the seed's step, with decay μ and the tied step only where asked (no extra work at μ = 0).
    μ is a number (uniform) or one value per hidden unit (the ordered profile, docs/design.md §5)."""
    per_unit = np.ndim(mu) > 0
    m = np.asarray(mu, dtype=np.float64)
    trL = lam.sum()
    lamc = lam[:, None]
    limit = np.inf
    loss = np.nan
    for s in range(steps + 1):
        M = lamc * Bt.T  # D × d
        N = Bt @ M  # d × d
        G = At.T @ At  # d × d
        loss = trL - 2.0 * np.vdot(At, M) + np.vdot(G, N)
        if per_unit:
            loss += m @ (np.sum(At * At, axis=0) + np.sum(Bt * Bt, axis=1))
        elif mu:
            loss += mu * (np.vdot(At, At) + np.vdot(Bt, Bt))
        if s == 0:
            limit = DIVERGENCE_FACTOR * max(loss, trL)
        if not np.isfinite(loss) or loss > limit or s == steps:
            break
        gA = -2.0 * (M - At @ N)
        gB = -2.0 * (At.T * lam - G @ M.T)
        if per_unit:
            gA = gA + 2.0 * At * m
            gB = gB + 2.0 * Bt * m[:, None]
        elif mu:
            gA = gA + 2.0 * mu * At
            gB = gB + 2.0 * mu * Bt
        if tied:
            Bt = Bt - eta * (gB + gA.T)
            At = Bt.T
        else:
            At = At - eta * gA
            Bt = Bt - eta * gB
    return loss


def train_original(S, A, B, eta, steps):
    trS = np.trace(S)
    limit = np.inf
    loss = np.nan
    for s in range(steps + 1):
        M = S @ B.T  # D × d
        Q = S @ A  # D × d
        N = B @ M  # d × d
        G = A.T @ A  # d × d
        loss = trS - 2.0 * np.vdot(A, M) + np.vdot(G, N)
        if s == 0:
            limit = DIVERGENCE_FACTOR * max(loss, trS)
        if not np.isfinite(loss) or loss > limit or s == steps:
            break
        gA = -2.0 * (M - A @ N)
        gB = -2.0 * (Q.T - G @ M.T)
        A = A - eta * gA
        B = B - eta * gB
    return loss


def blas_info():
    """OpenBLAS threads and core type through the bundled library, where it can be found."""
    info = {"threads": None, "coretype": None, "library": None}
    try:
        import threadpoolctl  # type: ignore

        for pool in threadpoolctl.threadpool_info():
            if pool.get("user_api") == "blas":
                info.update(threads=pool.get("num_threads"), coretype=pool.get("architecture"), library=pool.get("internal_api"))
                return info
    except Exception:
        pass
    here = os.path.dirname(np.__file__)
    for path in glob.glob(os.path.join(here, "..", "numpy.libs", "*openblas*")) + glob.glob(os.path.join(here, ".libs", "*openblas*")):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                get = getattr(lib, f"{prefix}get_num_threads{suffix}", None)
                core = getattr(lib, f"{prefix}get_corename{suffix}", None)
                if get is not None:
                    info["threads"] = int(get())
                    if core is not None:
                        core.restype = ctypes.c_char_p
                        info["coretype"] = core().decode()
                    info["library"] = os.path.basename(path)
                    return info
    return info


def main():
    jobs = json.load(sys.stdin)
    out = {"numpy": np.__version__, "blas": blas_info(), "eigen": [], "eigenbasis": [], "original": []}
    for job in jobs["eigen"]:
        S = np.array(job["sigma"], dtype=np.float64)
        result = {}

        def eigh():
            result["values"] = np.linalg.eigh(S)[0]

        seconds = best_of(eigh, job["repeat"])
        values = result["values"][::-1].tolist()  # descending, as eigenSymmetricFast's
        out["eigen"].append({"name": job["name"], "D": job["D"], "ms": 1000 * seconds, "values": values})
    for job in jobs["training"]:
        D, d, steps, eta, repeat = job["D"], job["d"], job["steps"], job["eta"], job["repeat"]
        lam = np.array(job["values"], dtype=np.float64)
        U = np.array(job["U"], dtype=np.float64)
        S = np.array(job["sigma"], dtype=np.float64)
        A0 = np.array(job["A0"], dtype=np.float64)
        B0 = np.array(job["B0"], dtype=np.float64)
        At0, Bt0 = U.T @ A0, B0 @ U
        final = {}

        def eig():
            final["eigenbasis"] = train_eigenbasis(lam, At0, Bt0, eta, steps)

        def orig():
            final["original"] = train_original(S, A0, B0, eta, steps)

        t_e = best_of(eig, repeat)
        t_o = best_of(orig, repeat)
        out["eigenbasis"].append({"D": D, "d": d, "steps": steps, "stepsPerSecond": steps / t_e, "finalLoss": float(final["eigenbasis"])})
        out["original"].append({"D": D, "d": d, "steps": steps, "stepsPerSecond": steps / t_o, "finalLoss": float(final["original"])})
    out["models"] = []
    for job in jobs.get("models", []):
        lam = np.array(job["values"], dtype=np.float64)
        U = np.array(job["U"], dtype=np.float64)
        At0 = U.T @ np.array(job["A0"], dtype=np.float64)
        Bt0 = np.array(job["B0"], dtype=np.float64) @ U
        final = {}

        def model():
            final["loss"] = train_eigenbasis(lam, At0, Bt0, job["eta"], job["steps"], job["mu"], job["tied"])

        t = best_of(model, job["repeat"])
        out["models"].append({"D": job["D"], "d": job["d"], "steps": job["steps"], "stepsPerSecond": job["steps"] / t, "finalLoss": float(final["loss"])})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
