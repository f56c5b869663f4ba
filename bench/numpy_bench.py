#!/usr/bin/env python3
"""Times numpy on the same problems as bench/run.ts. Reads a JSON job list on stdin, prints JSON."""
import json
import sys
import time

import numpy as np


def best_of(fn, repeat):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def train(S, A, B, eta, steps):
    I = np.eye(S.shape[0])
    for _ in range(steps):
        E = I - A @ B
        gA = -2 * E @ S @ B.T
        gB = -2 * A.T @ E @ S
        A, B = A - eta * gA, B - eta * gB
    return A, B


def main():
    jobs = json.load(sys.stdin)
    out = {"eigen": [], "training": []}
    for job in jobs["eigen"]:
        S = np.array(job["sigma"])
        out["eigen"].append({"D": job["D"], "ms": 1000 * best_of(lambda: np.linalg.eigh(S), 5)})
    for job in jobs["training"]:
        S = np.array(job["sigma"])
        D, d, steps = job["D"], job["d"], job["steps"]
        rng = np.random.default_rng(0)
        A = 1e-3 * rng.standard_normal((D, d))
        B = 1e-3 * rng.standard_normal((d, D))
        eta = 0.1 / np.linalg.eigvalsh(S)[-1]
        seconds = best_of(lambda: train(S, A, B, eta, steps), 3)
        out["training"].append({"D": D, "d": d, "stepsPerSecond": steps / seconds})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
