"""Numpy cross-check of the ordered weight-decay closed form (src/core/models/linear/orderedDecay.ts,
docs/design.md §5): mu_j = wd * lambda_1 * j / d; for the linear and the tied model, random Sigma
with distinct eigenvalues and every assignment sigma of hidden units to eigenvectors (injective,
lambda_sigma(j) > mu_j, or unused): the loss, a zero gradient, and the Morse index and zero count of
a finite-difference Hessian against the closed form. Exits 1 on a mismatch.
Run: python3 tests/reference/check_ordered_decay.py"""
import itertools
import sys

import numpy as np


def gradient(S, th, D, d, mu, tied):
    if tied:
        B = th.reshape(d, D)
        A = B.T
    else:
        A = th[: D * d].reshape(D, d)
        B = th[D * d :].reshape(d, D)
    E = np.eye(D) - A @ B
    gA = -2 * E @ S @ B.T + 2 * A * mu[None, :]
    gB = -2 * A.T @ E @ S + 2 * B * mu[:, None]
    return (gB + gA.T).ravel() if tied else np.concatenate([gA.ravel(), gB.ravel()])


def hessian(S, th, D, d, mu, tied, h=1e-6):
    n = len(th)
    H = np.zeros((n, n))
    for j in range(n):
        e = np.zeros(n)
        e[j] = h
        H[:, j] = (gradient(S, th + e, D, d, mu, tied) - gradient(S, th - e, D, d, mu, tied)) / (2 * h)
    return (H + H.T) / 2


def closed_index(lam, mu, sig):
    d, D = len(mu), len(lam)
    used = [j for j in range(d) if sig[j] is not None]
    free = [l for l in range(D) if l not in {sig[j] for j in used}]
    index = 0
    for j in used:
        index += sum(1 for l in free if lam[l] > lam[sig[j]])
    for j, k in itertools.combinations(used, 2):
        index += (mu[j] - mu[k]) * (lam[sig[j]] - lam[sig[k]]) > 0
    for j in range(d):
        if sig[j] is None:
            index += sum(1 for l in free if lam[l] > mu[j]) + sum(1 for k in used if mu[k] > mu[j])
    return index


def main():
    rng = np.random.default_rng(5)
    bad = 0
    for trial in range(8):
        D, d = (6, 3) if trial % 2 else (5, 2)
        X = rng.normal(size=(3 * D, D)) * np.array([1.4 ** (-i) for i in range(D)])
        S = X.T @ X
        lam, U = np.linalg.eigh(S)
        lam, U = lam[::-1], U[:, ::-1]
        wd = [0.1, 0.3, 0.6, 0.9][trial % 4]
        mu = wd * lam[0] * np.arange(1, d + 1) / d
        count = 0
        for sig in itertools.product(*[[None] + list(range(D))] * d):
            used = [x for x in sig if x is not None]
            if len(set(used)) < len(used) or any(sig[j] is not None and lam[sig[j]] <= mu[j] for j in range(d)):
                continue
            count += 1
            A = np.zeros((D, d))
            for j in range(d):
                if sig[j] is not None:
                    A[:, j] = np.sqrt(1 - mu[j] / lam[sig[j]]) * U[:, sig[j]]
            loss = sum(lam[l] for l in range(D) if l not in used) + sum(2 * mu[j] - mu[j] ** 2 / lam[sig[j]] for j in range(d) if sig[j] is not None)
            E = np.eye(D) - A @ A.T
            numeric = np.trace(E @ S @ E.T) + 2 * np.sum(mu * np.sum(A * A, 0))
            for tied in (False, True):
                th = A.T.ravel() if tied else np.concatenate([A.ravel(), A.T.ravel()])
                ev = np.linalg.eigvalsh(hessian(S, th, D, d, mu, tied))
                tol = 1e-5 * lam[0]
                ok = (
                    abs(loss - numeric) <= 1e-9 * lam[0]
                    and np.linalg.norm(gradient(S, th, D, d, mu, tied)) <= 1e-8 * lam[0]
                    and int(np.sum(ev < -tol)) == closed_index(lam, mu, sig)
                    and int(np.sum(np.abs(ev) <= tol)) == 0
                )
                if not ok:
                    bad += 1
                    print("MISMATCH", D, d, wd, sig, "tied" if tied else "linear")
        print(f"D = {D}, d = {d}, wd = {wd}: {count} critical points, linear and tied checked")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
