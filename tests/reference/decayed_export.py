"""Checks of an export whose landscape is not the seed's: weight decay (wd > 0) or tied weights
(model=tied), docs/design.md §5. Written from §5's formulas alone, with no code shared with the app;
called by check_export.py, which has already checked X, Σ and the eigendecomposition.

Model maths (sums over samples, E = I − AB; μ a number, or one μ_j per hidden unit — column j of A,
row j of B — for ordered_export.py):
  linear  L = tr(E Σ Eᵀ) + Σ_j μ_j(‖a_j‖² + ‖b_j‖²)   θ = (A, B)
  tied    L = the same at A = Bᵀ                    θ = B; ∇_B = g_B + g_Aᵀ, H = Jᵀ H_linear J, J dB = (dBᵀ, dB)
Closed forms (uniform μ, distinct λ): for I ⊆ {i : λ_i > μ}, |I| = k ≤ d,
  W = Σ_{i∈I} (1 − μ/λ_i) u_i u_iᵀ,  L(I) = Σ_{i∉I} λ_i + Σ_{i∈I} (2μ − μ²/λ_i),
  index = #{(i ∈ I, j ∉ I) : λ_j > λ_i} + (d − k)·#{j ∉ I : λ_j > μ},  zeros = d(d−1)/2 − (d−k)(d−k−1)/2.
"""
import itertools
import math

import numpy as np


def unit_mu(mu, d):
    """μ_j of each of the d hidden units from a number (uniform) or a per-unit vector."""
    return np.broadcast_to(np.asarray(mu, dtype=float), (d,))


def linear_parts(S, A, B, mu):
    """L, g_A, g_B of the linear model with decay μ (a number, or μ_j per unit)."""
    m = unit_mu(mu, A.shape[1])
    E = np.eye(S.shape[0]) - A @ B
    if np.ndim(mu) == 0:  # uniform: the sum as it always was, so uniform outputs are unchanged
        decay = mu * float(np.sum(A * A) + np.sum(B * B))
    else:
        decay = float(m @ (np.sum(A * A, axis=0) + np.sum(B * B, axis=1)))
    L = float(np.trace(E @ S @ E.T)) + decay
    return L, -2 * E @ S @ B.T + 2 * A * m, -2 * A.T @ E @ S + 2 * B * m[:, None]


def linear_hessian(S, A, B, mu):
    """Exact Hessian, its columns H e_c: d g_A = 2 dW Σ Bᵀ − 2 E Σ dBᵀ + 2 dA diag(μ), d g_B = 2 Aᵀ dW Σ − 2 dAᵀ E Σ + 2 diag(μ) dB."""
    D, d = A.shape
    m = unit_mu(mu, d)
    n = 2 * D * d
    E = np.eye(D) - A @ B
    # Every column at once: the basis vectors e_c as stacks of (dA, dB), one matrix product per term.
    e = np.eye(n)
    dA, dB = e[:, : D * d].reshape(n, D, d), e[:, D * d:].reshape(n, d, D)
    dW = dA @ B + A @ dB
    ES = E @ S
    gA = 2 * dW @ (S @ B.T) - 2 * ES @ dB.transpose(0, 2, 1) + 2 * dA * m
    gB = 2 * A.T @ dW @ S - 2 * dA.transpose(0, 2, 1) @ ES + 2 * dB * m[:, None]
    H = np.concatenate([gA.reshape(n, -1), gB.reshape(n, -1)], axis=1).T
    return (H + H.T) / 2


class Model:
    """θ ↔ (A, B), the loss, gradient norm and Hessian of the exported model; mu is a number or μ_j per unit."""

    def __init__(self, S, d, mu, tied):
        self.S, self.d, self.mu, self.tied = S, d, mu, tied
        self.D = S.shape[0]
        self.n = (1 if tied else 2) * self.D * d

    def AB(self, theta):
        D, d = self.D, self.d
        if self.tied:
            B = theta.reshape(d, D)
            return B.T, B
        return theta[: D * d].reshape(D, d), theta[D * d:].reshape(d, D)

    def theta(self, A, B):
        return B.ravel().copy() if self.tied else np.concatenate([A.ravel(), B.ravel()])

    def loss(self, theta):
        return linear_parts(self.S, *self.AB(theta), self.mu)[0]

    def gradient(self, theta):
        _, gA, gB = linear_parts(self.S, *self.AB(theta), self.mu)
        return (gB + gA.T).ravel() if self.tied else np.concatenate([gA.ravel(), gB.ravel()])

    def hessian(self, theta):
        H = linear_hessian(self.S, *self.AB(theta), self.mu)
        if not self.tied:
            return H
        D, d = self.D, self.d
        J = np.zeros((2 * D * d, D * d))  # dB ↦ (dA = dBᵀ, dB)
        for c in range(D * d):
            r, q = divmod(c, D)  # dB[r, q] = 1
            J[q * d + r, c] = 1.0
            J[D * d + c, c] = 1.0
        return J.T @ H @ J


def shrink(lam_i, mu):
    """W's eigenvalue 1 − μ/λ_i on a kept direction (1 at μ = 0, null directions too)."""
    return 1.0 if mu == 0 else 1 - mu / lam_i


def replay(model, t, last=None):
    """Plain gradient descent θ ← θ − η∇L from the run's start (tied: from B0), its loss compared with
    every recorded one up to step `last` (default: the last recorded). Returns (max |error|, θ at last)."""
    B0 = np.array(t["B0"], dtype=float)
    theta = model.theta(B0.T if model.tied else np.array(t["A0"], dtype=float), B0)
    eta, want = float(t["eta"]), dict(zip(t["step"], t["loss"]))
    last = max(t["step"]) if last is None else last
    err = 0.0
    for s in range(last + 1):
        if s in want:
            err = max(err, abs(model.loss(theta) - want[s]))
        if s == last:
            break
        theta = theta - eta * model.gradient(theta)
    return err, theta


def closed_loss(lam, I, mu):
    return sum(lam[i] for i in range(len(lam)) if i not in I) + sum(0.0 if mu == 0 else 2 * mu - mu * mu / lam[i] for i in I)


def closed_inertia(lam, I, d, mu, n, tau=0.0):
    """§5's counts, with ties (to τ): one zero per tied pair (i ∈ I, j ∉ I); at μ = 0 (the tied model)
    also (d − k) per null direction outside I and n₀(n₀ + 1)/2 for the n₀ null directions in I."""
    k = len(I)
    out = [j for j in range(len(lam)) if j not in I]
    index = sum(1 for i in I for j in out if lam[j] - lam[i] > tau) + (d - k) * sum(1 for j in out if lam[j] - mu > tau)
    zeros = d * (d - 1) // 2 - (d - k) * (d - k - 1) // 2 + sum(1 for i in I for j in out if abs(lam[j] - lam[i]) <= tau)
    if mu == 0:
        n0 = sum(1 for i in I if lam[i] <= tau)
        zeros += (d - k) * sum(1 for j in out if lam[j] <= tau) + n0 * (n0 + 1) // 2
    return index, zeros, n - index - zeros


def closed_W(V, lam, I, mu):
    D = V.shape[0]
    return sum((shrink(lam[i], mu) * np.outer(V[:, i], V[:, i]) for i in I), np.zeros((D, D)))


def canonical(model, V, lam, units):
    """Unit r on u_{units[r]} (0-based; None or past the list: unused): b_r = a_rᵀ = √(1 − μ_r/λ) u.
    For a set I this is A = [U_I S, 0], B = [S U_Iᵀ; 0] with S = diag √(1 − μ/λ_i)."""
    D, d = model.D, model.d
    mu = unit_mu(model.mu, d)
    B = np.zeros((d, D))
    for r, i in enumerate(units):
        if i is not None:
            B[r] = math.sqrt(shrink(lam[i], mu[r])) * V[:, i]
    return model.theta(B.T, B)


def w_match(V, lam, listed, mu):
    """Matcher for search: the listed set I (0-based tuple) whose closed-form W the point's AB equals."""
    def match(A, B):
        W = A @ B
        hit = [I for I in listed if np.max(np.abs(W - closed_W(V, lam, list(I), mu))) <= 1e-6]
        if hit:
            return hit[0], None
        return None, {"W eigenvalues": sorted(np.linalg.eigvalsh((W + W.T) / 2).tolist(), reverse=True)[: A.shape[1]]}
    return match


def search(model, lam, match, rng, starts=64):
    """Random-start gradient-norm search (Gauss–Newton on ∇L = 0, Jacobian H): every critical point found
    (‖∇L‖ ≤ 1e-9·λ₁) must be listed: match(A, B) gives (its key, None) or (None, a description).
    Returns (the set of keys found, the descriptions of unlisted points)."""
    found, unlisted = set(), []
    for _ in range(starts):
        theta = rng.normal(size=model.n) * rng.choice([0.1, 0.5, 1.0])  # weights are O(1): W is near a projection
        for _ in range(200):
            g = model.gradient(theta)
            if np.linalg.norm(g) <= 1e-11 * lam[0]:
                break
            theta = theta - np.linalg.lstsq(model.hessian(theta), g, rcond=1e-12)[0]
        if np.linalg.norm(model.gradient(theta)) > 1e-9 * lam[0]:
            continue  # did not converge from this start
        key, detail = match(*model.AB(theta))
        if key is not None:
            found.add(key)
        else:
            unlisted.append(detail)
    return found, unlisted


def check_decayed(doc, S, lam, V, check, argv):
    """The §5 checks of a decayed or tied export; `check(name, ok, detail)` records each."""
    p = doc["params"]
    D, d = int(p["D"]), int(p["d"])
    tied = p["model"] == "tied"
    mu = float(p["wd"]) * lam[0]
    check("μ = wd · λ₁ on every unit", np.allclose(doc["mu"], [mu] * d, rtol=1e-12, atol=0), {"mu": mu, "app": doc["mu"]})
    model = Model(S, d, mu, tied)
    lam1 = lam[0]
    # At μ = 0 (the tied model) every direction is critical, null ones too (§5), as in the seed.
    learnable = list(range(D)) if mu == 0 else [i for i in range(D) if lam[i] > mu]
    total = sum(math.comb(len(learnable), k) for k in range(d + 1))
    check("critical point count Σ_k C(#{λ_i > μ}, k)", str(total) == doc["criticalPointsTotal"], {"expected": total, "got": doc["criticalPointsTotal"]})

    loss_err, bad_index, listed = 0.0, [], []
    numeric = model.n <= 64
    for cp in doc["criticalPoints"]:
        I = [i - 1 for i in cp["I"]]
        listed.append(tuple(I))
        theta = canonical(model, V, lam, I)
        loss_err = max(loss_err, abs(model.loss(theta) - cp["loss"]), abs(closed_loss(lam, I, mu) - cp["loss"]))
        closed = closed_inertia(lam, I, d, mu, model.n, 1e-9 * lam[0])
        got = (cp["index"], cp["zeros"], cp["positive"])
        if numeric:
            ev = np.linalg.eigvalsh(model.hessian(theta))
            tau = 1e-8 * lam1
            counts = (int(np.sum(ev < -tau)), int(np.sum(np.abs(ev) <= tau)), int(np.sum(ev > tau)))
            if not (counts == closed == got):
                bad_index.append({"I": cp["I"], "numpy": counts, "closedForm": closed, "app": got})
        elif closed != got:
            bad_index.append({"I": cp["I"], "closedForm": closed, "app": got})
    trS = float(np.trace(S))
    check("losses = L(I) at the canonical point", loss_err <= 1e-9 * trS, {"maxAbsError": loss_err})
    check("inertia = numerical Hessian = §5 closed form", not bad_index, {"method": "numerical Hessian" if numeric else "closed form", "mismatches": bad_index[:5]})

    hess = [cp for cp in doc["criticalPoints"] if "hessian" in cp]
    worst = {"gradient": 0.0, "W": 0.0, "eigenvalues": 0.0, "tie": 0.0}
    for cp in hess:
        h = cp["hessian"]
        A, B = np.array(h["A"], dtype=float), np.array(h["B"], dtype=float)
        theta = model.theta(A, B)
        worst["tie"] = max(worst["tie"], float(np.max(np.abs(A - B.T))) if tied else 0.0)
        worst["gradient"] = max(worst["gradient"], float(np.linalg.norm(model.gradient(theta))) / lam1)
        worst["W"] = max(worst["W"], float(np.max(np.abs(A @ B - closed_W(V, lam, [i - 1 for i in cp["I"]], mu)))))
        ev = np.linalg.eigvalsh(model.hessian(theta))
        worst["eigenvalues"] = max(worst["eigenvalues"], float(np.max(np.abs(np.sort(h["eigenvalues"]) - ev)) / max(np.max(np.abs(ev)), 1e-300)))
    if hess:
        check("representatives are critical (‖∇L‖ ≤ 1e-9·λ₁)", worst["gradient"] <= 1e-9, {"max": worst["gradient"], "count": len(hess)})
        check("representatives realise W = Σ (1 − μ/λ_i) u_i u_iᵀ", worst["W"] <= 1e-9, {"max": worst["W"]})
        check("Hessian eigenvalues reproduced (1e-9 relative)", worst["eigenvalues"] <= 1e-9, {"max": worst["eigenvalues"]})
        if tied:
            check("tied export: A = Bᵀ", worst["tie"] == 0.0, {"max": worst["tie"]})

    if "--search" in argv and numeric:
        found, unlisted = search(model, lam, w_match(V, lam, listed, mu), np.random.default_rng(0))
        check("a random-start search finds no unlisted critical point", not unlisted and found, {"found": len(found), "unlisted": unlisted[:3]})

    top = sorted(learnable, key=lambda i: -lam[i])[: min(d, len(learnable))]
    Lstar = closed_loss(lam, top, mu)
    check("globalMinimumLoss = L(top min(d, #{λ_i > μ}))", abs(doc["globalMinimumLoss"] - Lstar) <= 1e-9 * trS, {"expected": Lstar, "got": doc["globalMinimumLoss"]})
    replay_err, end_gap, w_err = 0.0, 0.0, 0.0
    for t in doc["trajectories"]:
        err, theta = replay(model, t)
        replay_err = max(replay_err, err)
        if not t["diverged"]:
            end_gap = max(end_gap, abs(t["loss"][-1] - Lstar))
            A, B = model.AB(np.array(theta))
            w = np.sort(np.linalg.eigvalsh((A @ B + (A @ B).T) / 2))[::-1][: len(top)]
            w_err = max(w_err, float(np.max(np.abs(w - np.array([shrink(lam[i], mu) for i in top])))) if top else 0.0)
    check("trajectories replay", replay_err <= 1e-9 * trS, {"maxAbsError": replay_err, "bound": 1e-9 * trS})
    if "--no-convergence" not in argv:
        converged = end_gap <= 1e-6 * trS and not any(t["diverged"] for t in doc["trajectories"])
        check("every run ends at L*", converged, {"maxGap": end_gap, "Lstar": Lstar})
        check("the found W has eigenvalues 1 − μ/λ_i (1e-6)", w_err <= 1e-6, {"maxError": w_err})
