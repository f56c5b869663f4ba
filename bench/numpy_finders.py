"""Table 7 of `npm run bench`: the finders of docs/design.md §6 in numpy — gradient-norm minimisation
and Newton-MR with the same steps, line searches, MINRES recurrences and stopping rules as
src/core/finders/ — on the linear model (θ = A, B row-major), for the jobs on stdin; prints, per job
and method, the iterations taken, the best-of-`repeat` seconds and the final ‖∇L‖²."""
import json
import sys
import time

import numpy as np

ARMIJO, GNM_HALVINGS, MR_HALVINGS, ZERO = 1e-4, 60, 40, 1e-14


def model(S, D, d):
    I = np.eye(D)

    def split(t):
        return t[: D * d].reshape(D, d), t[D * d:].reshape(d, D)

    def grad(t):
        A, B = split(t)
        E = I - A @ B
        return np.concatenate([(-2 * E @ S @ B.T).ravel(), (-2 * A.T @ E @ S).ravel()])

    def hvp(t, v):
        A, B = split(t)
        dA, dB = split(v)
        E = I - A @ B
        dW = dA @ B + A @ dB
        return np.concatenate([(2 * dW @ S @ B.T - 2 * E @ S @ dB.T).ravel(), (2 * A.T @ dW @ S - 2 * dA.T @ E @ S).ravel()])

    return grad, hvp


def minres(H, b, rtol, maxit):
    """scipy's MINRES recurrences without a preconditioner, as src/core/finders/minres.ts."""
    n = b.size
    x = np.zeros(n)
    beta1 = np.sqrt(b @ b)
    if beta1 == 0:
        return x
    r1, r2, y = b.copy(), b.copy(), b.copy()
    w, w2 = np.zeros(n), np.zeros(n)
    oldb, beta, dbar, epsln, phibar, cs, sn, tnorm2 = 0.0, beta1, 0.0, 0.0, beta1, -1.0, 0.0, 0.0
    for it in range(1, maxit + 1):
        v = y / beta
        y = H(v)
        if it >= 2:
            y = y - (beta / oldb) * r1
        alfa = v @ y
        y = y - (alfa / beta) * r2
        r1, r2 = r2, y
        y = r2.copy()
        oldb, beta = beta, np.sqrt(r2 @ r2)
        tnorm2 += alfa * alfa + oldb * oldb + beta * beta
        oldeps = epsln
        delta = cs * dbar + sn * alfa
        gbar = sn * dbar - cs * alfa
        epsln = sn * beta
        dbar = -cs * beta
        Arnorm = phibar * np.hypot(gbar, dbar)
        if np.hypot(gbar, beta) <= 1e-14 * np.sqrt(tnorm2):
            break
        gamma = np.hypot(gbar, beta)
        cs, sn = gbar / gamma, beta / gamma
        phi, phibar = cs * phibar, sn * phibar
        w1, w2 = w2, w
        w = (v - oldeps * w1 - delta * w2) / gamma
        x = x + phi * w
        if phibar <= rtol * beta1 or Arnorm <= rtol * np.sqrt(tnorm2) * phibar or beta == 0:
            break
    return x


def gnm(grad, hvp, t, iters, lam1):
    g = grad(t)
    f = 0.5 * (g @ g)
    zero = (ZERO * lam1) ** 2 * t.size
    alpha = 1 / lam1 ** 2
    it = 0
    while it < iters and 2 * f > zero:
        Hg = hvp(t, g)
        slope = Hg @ Hg
        alpha *= 2
        ok = False
        for _ in range(GNM_HALVINGS):
            if slope <= 0:
                break
            trial = t - alpha * Hg
            gn = grad(trial)
            fn = 0.5 * (gn @ gn)
            if fn <= f - ARMIJO * alpha * slope:
                t, g, f, ok = trial, gn, fn, True
                break
            alpha /= 2
        if not ok:
            break
        it += 1
    return it, 2 * f


def newton_mr(grad, hvp, t, iters, lam1):
    g = grad(t)
    gg = g @ g
    zero = (ZERO * lam1) ** 2 * t.size
    it = 0
    while it < iters and gg > zero:
        p = minres(lambda v: hvp(t, v), -g, 1e-10, 2 * g.size + 10)
        slope = hvp(t, g) @ p
        alpha, nxt = 1.0, None
        for _ in range(MR_HALVINGS):
            if slope >= 0:
                break
            trial = t + alpha * p
            gn = grad(trial)
            if gn @ gn <= gg + 2 * ARMIJO * alpha * slope:
                nxt = (trial, gn)
                break
            alpha /= 2
        if nxt is None:
            break
        t, g = nxt
        gg = g @ g
        it += 1
    return it, gg


def main():
    out = []
    for job in json.load(sys.stdin):
        S = np.array(job["sigma"], dtype=np.float64)
        D, d = job["D"], job["d"]
        grad, hvp = model(S, D, d)
        t0 = np.array(job["theta0"], dtype=np.float64)
        lam1 = float(np.linalg.eigvalsh(S)[-1])
        fn = gnm if job["method"] == "gnm" else newton_mr
        best, result = np.inf, None
        for _ in range(job["repeat"]):
            start = time.perf_counter()
            result = fn(grad, hvp, t0.copy(), job["iterations"], lam1)
            best = min(best, time.perf_counter() - start)
        out.append({"iterations": result[0], "gradNormSq": float(result[1]), "seconds": best})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
