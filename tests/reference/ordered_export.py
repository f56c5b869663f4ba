"""Checks of an export with the ordered weight-decay profile (params.wdProfile = "ordered", wd > 0),
docs/design.md §5 "Ordered μ_j (Bao et al. 2020)", for the linear and the tied model. Written from
§5's formulas alone, with no code shared with the app; called by check_export.py, which has already
checked X, Σ and the eigendecomposition. The model's maths is decayed_export.Model with μ per unit.

§5, with μ_j = wd · λ₁ · j/d: the critical points are the injective partial assignments σ (unit j on
u_σ(j) with λ_σ(j) > μ_j, or unused), a_j = b_jᵀ = √(1 − μ_j/λ_σ(j)) u_σ(j), and
  L(σ)     = Σ_{i not assigned} λ_i + Σ_{j used} (2μ_j − μ_j²/λ_σ(j))
  index(σ) = Σ_{j used} #{l not assigned : λ_l > λ_σ(j)} + #{used j < k : (μ_j − μ_k)(λ_σ(j) − λ_σ(k)) > 0}
           + Σ_{j unused} (#{l not assigned : λ_l > μ_j} + #{k used : μ_k > μ_j}),   zeros(σ) = 0
in 2dD (linear) or dD (tied) parameters; the minimum puts unit j on u_j (where λ_j > μ_j).

In this file σ is a tuple of length d, entry j the 0-based eigen-index of unit j or None (unused);
the export writes it 1-based with 0 for unused.
"""
import itertools

import numpy as np

from decayed_export import Model, canonical, replay, search

ENUMERATE_LIMIT = 200_000  # enumerate every assignment (checks 2, 3, 7) up to this many
NUMERIC_PARAMETERS = 64  # numerical Hessian at every listed point, and the search, up to this n
HESSIAN_TAU = 1e-8  # × λ₁: a Hessian eigenvalue is zero when |h| ≤ this
SEARCH_UNIT_TOL = 1e-6  # search: |cos| ≥ 1 − this, ‖b_j‖² within this of 1 − μ_j/λ, ≈0 when unused
FINAL_THETA_TOL = 1e-9  # replay's final θ against the exported final, relative to max |θ|
CONVERGED_COS_TOL = 1e-6  # check 9: |cos angle(b_j, u_j)| ≥ 1 − this on every learnable unit
CONVERGED_LOSS_TOL = 1e-6  # check 9: final loss within this × tr Σ of L*


def ordered_mu(wd, lam1, d):
    return wd * lam1 * np.arange(1, d + 1) / d


def from_export(sig):
    return tuple(None if int(i) == 0 else int(i) - 1 for i in sig)


def to_export(sig):
    return [0 if i is None else i + 1 for i in sig]


def valid(sig, lam, mu):
    used = [i for i in sig if i is not None]
    return len(set(used)) == len(used) and all(i is None or (0 <= i < len(lam) and lam[i] > mu[j]) for j, i in enumerate(sig))


def assignments(lam, mu):
    """Every valid σ, straight from the definition (depth-first over units, each unused or on a free
    eigenvector it can learn)."""
    d = len(mu)

    def extend(prefix, taken):
        j = len(prefix)
        if j == d:
            yield tuple(prefix)
            return
        yield from extend(prefix + [None], taken)
        for i in range(len(lam)):
            if i not in taken and lam[i] > mu[j]:
                yield from extend(prefix + [i], taken | {i})

    return extend([], frozenset())


def count_assignments(lam, mu, full_rank=False):
    """The number of valid σ without listing them: by the number c of units used, Σ over which units
    are used of the injective maps. Since μ_j increases with j, unit j's choices m_j = #{i : λ_i > μ_j}
    are nested, so placing the used units from the costliest (largest j) down, each has m_j minus the
    number already placed. f[c] = ways with c used among the units seen so far."""
    m = [int(np.sum(lam > x)) for x in mu]
    f = [1]
    for j in reversed(range(len(mu))):
        g = f + [0]
        for c, ways in enumerate(f):
            g[c + 1] += ways * max(m[j] - c, 0)
        f = g
    return f[-1] if full_rank else sum(f)


def closed_loss(lam, mu, sig):
    used = {i for i in sig if i is not None}
    return sum(lam[i] for i in range(len(lam)) if i not in used) + sum(2 * mu[j] - mu[j] ** 2 / lam[i] for j, i in enumerate(sig) if i is not None)


def closed_index(lam, mu, sig):
    used = [j for j, i in enumerate(sig) if i is not None]
    free = [l for l in range(len(lam)) if l not in {sig[j] for j in used}]
    index = sum(1 for j in used for l in free if lam[l] > lam[sig[j]])
    index += sum(1 for j, k in itertools.combinations(used, 2) if (mu[j] - mu[k]) * (lam[sig[j]] - lam[sig[k]]) > 0)
    for j, i in enumerate(sig):
        if i is None:
            index += sum(1 for l in free if lam[l] > mu[j]) + sum(1 for k in used if mu[k] > mu[j])
    return index


def closed_W(V, lam, mu, sig):
    D = V.shape[0]
    return sum(((1 - mu[j] / lam[i]) * np.outer(V[:, i], V[:, i]) for j, i in enumerate(sig) if i is not None), np.zeros((D, D)))


def inertia(ev, lam1):
    tau = HESSIAN_TAU * lam1
    return int(np.sum(ev < -tau)), int(np.sum(np.abs(ev) <= tau)), int(np.sum(ev > tau))


def minimum_sigma(lam, mu):
    return tuple(j if j < len(lam) and lam[j] > mu[j] else None for j in range(len(mu)))


def unit_match(V, lam, mu, tied, listed):
    """Matcher for decayed_export.search: the listed σ whose every unit the point's (a_j, b_j) is on."""
    def match(A, B):
        sig, units = [], []
        for j in range(len(mu)):
            b, a = B[j], A[:, j]
            nb = float(np.linalg.norm(b))
            balanced = tied or float(np.max(np.abs(a - b))) <= SEARCH_UNIT_TOL
            if nb <= SEARCH_UNIT_TOL:
                sig.append(None if balanced else "?")
                units.append({"norm": nb})
                continue
            c = V.T @ b / nb
            i = int(np.argmax(np.abs(c)))
            on = abs(c[i]) >= 1 - SEARCH_UNIT_TOL and abs(nb * nb - (1 - mu[j] / lam[i])) <= SEARCH_UNIT_TOL
            sig.append(i if on and balanced else "?")
            units.append({"norm": nb, "nearest": i + 1, "cos": float(abs(c[i])), "balanced": balanced})
        key = tuple(sig)
        return (key, None) if key in listed else (None, {"units": units})
    return match


def check_ordered(doc, S, lam, V, check, argv):
    """The §5 ordered-profile checks; `check(name, ok, detail)` records each."""
    p = doc["params"]
    D, d = int(p["D"]), int(p["d"])
    tied = p.get("model", "linear") == "tied"
    full_rank = bool(p.get("fullRank", False))
    lam1, trS = lam[0], float(np.trace(S))
    mu = ordered_mu(float(p["wd"]), lam1, d)
    # 1. μ_j
    check("μ_j = wd · λ₁ · j/d", len(doc["mu"]) == d and np.allclose(doc["mu"], mu, rtol=1e-12, atol=0), {"mu": mu.tolist(), "app": doc["mu"]})
    model = Model(S, d, mu, tied)

    # 2. the count: the DP always; the enumeration from the definition too when small enough
    total = count_assignments(lam, mu, full_rank)
    every = None
    if total <= ENUMERATE_LIMIT:
        every = [s for s in assignments(lam, mu) if not full_rank or None not in s]
    ok = str(total) == doc["criticalPointsTotal"] and (every is None or len(every) == total)
    check("critical point count = #assignments σ", ok, {"dp": total, "enumerated": None if every is None else len(every), "got": doc["criticalPointsTotal"]})
    if "criticalPointsListed" in doc:
        check("listed = len(criticalPoints)", doc["criticalPointsListed"] == len(doc["criticalPoints"]), {})

    # 3. the listed σ: valid, distinct, I = sorted σ; all of them when the export lists all
    listed, bad = [], []
    for cp in doc["criticalPoints"]:
        sig = from_export(cp["sigma"])
        if len(sig) != d or not valid(sig, lam, mu) or sorted(i + 1 for i in sig if i is not None) != list(cp["I"]) or (full_rank and None in sig):
            bad.append({"sigma": cp["sigma"], "I": cp["I"]})
        listed.append(sig)
    dupes = len(listed) - len(set(listed))
    check("listed σ are valid assignments, distinct, I = sorted σ", not bad and not dupes, {"invalid": bad[:5], "duplicates": dupes})
    if total <= len(doc["criticalPoints"]):
        missing = [] if every is None else [to_export(s) for s in set(every) - set(listed)]
        check("every assignment is listed", every is not None and not missing and set(listed) == set(every), {"missing": missing[:5]})

    # 4. each σ's loss and inertia at the canonical point
    numeric = model.n <= NUMERIC_PARAMETERS
    loss_err, bad_index = 0.0, []
    for cp, sig in zip(doc["criticalPoints"], listed):
        if len(sig) != d or not valid(sig, lam, mu):
            continue  # reported by check 3
        theta = canonical(model, V, lam, sig)
        loss_err = max(loss_err, abs(model.loss(theta) - cp["loss"]), abs(closed_loss(lam, mu, sig) - cp["loss"]))
        index = closed_index(lam, mu, sig)
        closed, got = (index, 0, model.n - index), (cp["index"], cp["zeros"], cp["positive"])
        counts = inertia(np.linalg.eigvalsh(model.hessian(theta)), lam1) if numeric else closed
        if not (counts == closed == got):
            bad_index.append({"sigma": cp["sigma"], "numpy": counts if numeric else None, "closedForm": closed, "app": got})
    check("losses = L(σ) at the canonical point", loss_err <= 1e-9 * trS, {"maxAbsError": loss_err, "bound": 1e-9 * trS})
    check("inertia = numerical Hessian = §5 closed form (zeros 0)", not bad_index, {"method": "numerical Hessian" if numeric else "closed form", "mismatches": bad_index[:5]})

    # 5. the exported representatives
    hess = [(cp, sig) for cp, sig in zip(doc["criticalPoints"], listed) if "hessian" in cp and len(sig) == d and valid(sig, lam, mu)]
    worst = {"gradient": 0.0, "W": 0.0, "eigenvalues": 0.0, "tie": 0.0}
    rep_inertia = []
    for cp, sig in hess:
        h = cp["hessian"]
        A, B = np.array(h["A"], dtype=float), np.array(h["B"], dtype=float)
        theta = model.theta(A, B)
        worst["tie"] = max(worst["tie"], float(np.max(np.abs(A - B.T))) if tied else 0.0)
        worst["gradient"] = max(worst["gradient"], float(np.linalg.norm(model.gradient(theta))) / lam1)
        worst["W"] = max(worst["W"], float(np.max(np.abs(A @ B - closed_W(V, lam, mu, sig)))))
        ev = np.linalg.eigvalsh(model.hessian(theta))
        worst["eigenvalues"] = max(worst["eigenvalues"], float(np.max(np.abs(np.sort(h["eigenvalues"]) - ev)) / max(np.max(np.abs(ev)), 1e-300)))
        if inertia(ev, lam1) != (cp["index"], cp["zeros"], cp["positive"]):
            rep_inertia.append({"sigma": cp["sigma"], "numpy": inertia(ev, lam1), "app": (cp["index"], cp["zeros"], cp["positive"])})
    if hess:
        check("representatives are critical (‖∇L‖ ≤ 1e-9·λ₁)", worst["gradient"] <= 1e-9, {"max": worst["gradient"], "count": len(hess)})
        check("representatives realise AB = Σ_j (1 − μ_j/λ_σ(j)) u uᵀ", worst["W"] <= 1e-9, {"max": worst["W"]})
        check("Hessian eigenvalues reproduced (1e-9 relative)", worst["eigenvalues"] <= 1e-9, {"max": worst["eigenvalues"]})
        check("representatives' Hessian inertia = the point's", not rep_inertia, {"mismatches": rep_inertia[:5]})
        if tied:
            check("tied export: A = Bᵀ", worst["tie"] == 0.0, {"max": worst["tie"]})

    # 6. a random-start search finds only listed σ
    if "--search" in argv and numeric:
        found, unlisted = search(model, lam, unit_match(V, lam, mu, tied, set(listed)), np.random.default_rng(0))
        check("a random-start search finds no unlisted critical point", not unlisted and found, {"found": [to_export(s) for s in sorted(found, key=str)][:10], "unlisted": unlisted[:3]})

    # 7. the global minimum: σ* by §5, and no assignment below it (closed form)
    star = minimum_sigma(lam, mu)
    Lstar = closed_loss(lam, mu, star)
    pool = every if every is not None else [s for s in listed if len(s) == d and valid(s, lam, mu)]
    below = [to_export(s) for s in pool if closed_loss(lam, mu, s) < Lstar - 1e-12 * trS]
    ok = abs(doc["globalMinimumLoss"] - Lstar) <= 1e-9 * trS and not below
    check("globalMinimumLoss = L(σ*), σ*(j) = j, the least L(σ)", ok, {"expected": Lstar, "got": doc["globalMinimumLoss"], "sigmaStar": to_export(star),
                                                                       "over": "every assignment" if every is not None else "the listed", "below": below[:5]})

    # 8. replay, and 9. where the runs end
    replay_err, final_err, end_gap, worst_cos, finals = 0.0, 0.0, 0.0, 1.0, []
    learn = [j for j in range(d) if star[j] is not None]
    for t in doc["trajectories"]:
        last = max(t["step"])
        if not t["diverged"]:
            last = max(last, int(p.get("steps", last)))  # final is after every step of the run
        err, theta = replay(model, t, last)
        replay_err = max(replay_err, err)
        if t.get("final") is not None and not t["diverged"]:
            fin = model.theta(np.array(t["final"]["A"], dtype=float), np.array(t["final"]["B"], dtype=float))
            final_err = max(final_err, float(np.max(np.abs(fin - theta))) / max(float(np.max(np.abs(theta))), 1e-300))
        if t["diverged"]:
            continue
        if t.get("final") is not None:
            theta = fin  # the export's own final point (held against the replay above)
        A, B = model.AB(theta)
        end_gap = max(end_gap, abs(model.loss(theta) - Lstar))
        cos = [float(abs(B[j] @ V[:, j]) / max(np.linalg.norm(B[j]), 1e-300)) for j in learn]
        worst_cos = min([worst_cos] + cos)
        finals.append({"run": t.get("run"), "cos": cos, "lossGap": model.loss(theta) - Lstar, "finalSigma": t.get("finalSigma")})
    check("trajectories replay", replay_err <= 1e-9 * trS, {"maxAbsError": replay_err, "bound": 1e-9 * trS})
    check("final θ = the replay's last θ", final_err <= FINAL_THETA_TOL, {"maxRelativeError": final_err, "bound": FINAL_THETA_TOL})
    if "--no-convergence" not in argv:
        converged = not any(t["diverged"] for t in doc["trajectories"]) and end_gap <= CONVERGED_LOSS_TOL * trS
        check("every run ends at L(σ*)", converged, {"maxGap": end_gap, "bound": CONVERGED_LOSS_TOL * trS, "Lstar": Lstar})
        check("every run ends with unit j on u_j", worst_cos >= 1 - CONVERGED_COS_TOL, {"min|cos|": worst_cos, "bound": 1 - CONVERGED_COS_TOL, "runs": finals[:8]})
        on_star = [f for f in finals if f["finalSigma"] is not None and min(f["cos"], default=1.0) >= 1 - CONVERGED_COS_TOL]
        if on_star:
            wrong = [f["finalSigma"] for f in on_star if list(f["finalSigma"]) != to_export(star)]
            check("finalSigma = σ* on the runs that reach it", not wrong, {"sigmaStar": to_export(star), "wrong": wrong[:5]})
