#!/usr/bin/env python3
"""Independent float64 check of an "Export JSON" document (numpy/LAPACK, no code shared with the app).

Usage: python3 tests/reference/check_export.py export.json [--no-convergence] [--search]
Prints a JSON report; exits 1 when any check fails. Checks:
  sigma = XᵀX; eigenvalues (eigh) normwise within 1e-9·λ₁; eigenvectors (sign rule) where the
  gaps allow; every critical point's loss against the data loss Σ_t‖x_t − W_I x_t‖²; every Morse
  index against the inertia of a numerically built Hessian (2Dd ≤ 64) or the distinct-eigenvalue
  closed form; the count; each trajectory replayed from A0, B0, eta; every run ends at L*.
With weight decay or tied weights (docs/design.md §5) the checks are decayed_export.py's instead,
and with the ordered decay profile (wdProfile=ordered) ordered_export.py's; --search adds their
random-start search for critical points the export does not list. An export with a `relu` section
(the ReLU model, §7) gets relu_export.py's checks, and those of the linear landscape it is drawn
against (of its √I-scaled evaluation sample) when the export has Σ.
"""
import json
import math
import sys

import numpy as np

from decayed_export import check_decayed, linear_hessian, linear_parts
from finders_export import check_finders
from ordered_export import check_ordered
from relu_export import check_relu


def sign_rule(v):
    j = int(np.argmax(np.abs(v)))  # first index of the largest magnitude
    return -v if v[j] < 0 else v


def loss_fn(S, A, B):
    return linear_parts(S, A, B, 0.0)[0]


def grads(S, A, B):
    return linear_parts(S, A, B, 0.0)[1:]


def hessian(S, A, B):
    """Exact Hessian (decayed_export.linear_hessian at μ = 0); parameters: A row-major, then B row-major."""
    return linear_hessian(S, A, B, 0.0)


def closed_form_inertia(lam, I, d, tau):
    """docs/design.md §1, general form (ties and zero eigenvalues), written independently."""
    D = len(lam)
    k = len(I)
    out = [j for j in range(D) if j not in I]
    zero = lambda x: x <= tau
    index = sum(1 for i in I for j in out if lam[j] - lam[i] > tau) + (d - k) * sum(1 for j in out if not zero(lam[j]))
    zeros = k * (2 * d - k)
    for i in I:
        for j in out:
            if zero(lam[i]) and zero(lam[j]):
                zeros += 2
            elif lam[j] - lam[i] > tau:
                pass
            elif abs(lam[i] - lam[j]) <= tau or zero(lam[j]):
                zeros += 1
    zeros += 2 * (d - k) * sum(1 for j in out if zero(lam[j]))
    zeros += k * sum(1 for i in I if zero(lam[i]))
    return index, zeros, 2 * D * d - index - zeros


def main(path):
    doc = json.load(open(path))
    report = {"checks": {}, "failures": []}

    def check(name, ok, detail):
        report["checks"][name] = {"ok": bool(ok), "detail": detail}
        if not ok:
            report["failures"].append(name)

    p = doc["params"]
    if "relu" in doc:
        # §7's ReLU model: relu_export.py's checks.
        check_relu(doc, check)
        # The page draws it against the linear landscape of its √I-scaled evaluation sample, which the checks below hold too.
        if "sigma" not in doc:
            json.dump(report, sys.stdout, indent=1)
            print()
            return 1 if report["failures"] else 0
    D, d = int(p["D"]), int(p["d"])
    S = np.array(doc["sigma"], dtype=float)
    lam_app = np.array(doc["eigenvalues"], dtype=float)
    U_app = np.array(doc["eigenvectors"], dtype=float).T  # columns u_i

    if doc["X"] is not None:
        X = np.array(doc["X"], dtype=float)
        S_ref = X.T @ X
        err = float(np.max(np.abs(S_ref - S)) / max(np.max(np.abs(S_ref)), 1e-300))
        check("sigma = XᵀX", err <= 1e-12 and X.shape == (int(p["T"]), D), {"relativeError": err, "shape": list(X.shape)})
    else:
        X = None
    check("sigma symmetric", np.array_equal(S, S.T), {})

    lam, V = np.linalg.eigh(S)
    order = np.argsort(lam)[::-1]
    lam, V = lam[order], V[:, order]
    lam1 = max(lam[0], 0.0)
    tau = 1e-9 * lam1
    err = float(np.max(np.abs(lam - lam_app)))
    check("eigenvalues within 1e-9·λ₁", err <= 1e-9 * lam1, {"maxAbsError": err, "bound": 1e-9 * lam1})
    orth = float(np.max(np.abs(U_app.T @ U_app - np.eye(D))))
    check("eigenvectors orthonormal", orth <= 1e-10, {"maxError": orth})
    vec_err = 0.0
    for i in range(D):
        gaps = [abs(lam[i] - lam[j]) for j in range(D) if j != i]
        if min(gaps) > 1e-4 * lam1:
            vec_err = max(vec_err, float(np.max(np.abs(sign_rule(V[:, i]) - U_app[:, i]))))
    check("eigenvectors match (sign rule) where gaps allow", vec_err <= 1e-6, {"maxError": vec_err})

    # model=relu's landscape is the linear autoencoder's (registry.ts: the ReLU model is drawn against it).
    if p.get("model", "linear") not in ("linear", "relu") or float(p.get("wd", 0)) != 0:
        # Weight decay or tied weights: §5's model, checked by decayed_export.py, or by
        # ordered_export.py for the ordered profile μ_j = wd·λ₁·j/d (§5's assignments σ).
        ordered = p.get("wdProfile", "uniform") == "ordered" and float(p.get("wd", 0)) > 0
        (check_ordered if ordered else check_decayed)(doc, S, lam, V, check, sys.argv)
        if "finders" in doc:
            check_finders(doc, S, lam, check)
        json.dump(report, sys.stdout, indent=1)
        print()
        return 1 if report["failures"] else 0

    total = sum(math.comb(D, k) for k in (range(d, d + 1) if p["fullRank"] else range(d + 1)))
    check("critical point count", str(total) == doc["criticalPointsTotal"], {"expected": str(total), "got": doc["criticalPointsTotal"]})
    check("listed = len(criticalPoints)", doc["criticalPointsListed"] == len(doc["criticalPoints"]), {})

    trS = float(np.trace(S))
    loss_err = 0.0
    index_mismatch = []
    numeric = 2 * D * d <= 64
    distinct = all(lam[i] - lam[i + 1] > tau for i in range(D - 1)) and lam[-1] > tau
    for n, cp in enumerate(doc["criticalPoints"]):
        I = [i - 1 for i in cp["I"]]
        UI = V[:, I]
        W = UI @ UI.T
        # The data loss for the first 300 points (each is a pass over X); the closed form after.
        ref = float(np.sum((X - X @ W.T) ** 2)) if X is not None and n < 300 else trS - float(np.sum(lam[I]))
        loss_err = max(loss_err, abs(ref - cp["loss"]))
        k = len(I)
        if numeric:
            A = np.zeros((D, d)); A[:, :k] = UI
            B = np.zeros((d, D)); B[:k, :] = UI.T
            ev = np.linalg.eigvalsh(hessian(S, A, B))
            neg, zero = int(np.sum(ev < -tau)), int(np.sum(np.abs(ev) <= tau))
            if neg != cp["index"] or zero != cp["zeros"]:
                index_mismatch.append({"I": cp["I"], "numeric": [neg, zero], "app": [cp["index"], cp["zeros"]]})
        elif distinct:
            closed = sum(i - m for m, i in enumerate(sorted(I))) + (d - k) * (D - k)
            if closed != cp["index"]:
                index_mismatch.append({"I": cp["I"], "closedForm": closed, "app": cp["index"]})
    # Hessians exported with the critical points: representative critical and equal to W_I,
    # eigenvalues reproduced, inertia equal to the closed form.
    hess = [cp for cp in doc["criticalPoints"] if "hessian" in cp]
    worst = {"gradient": 0.0, "W": 0.0, "eigenvalues": 0.0}
    inertia_bad = []
    for cp in hess:
        h = cp["hessian"]
        A = np.array(h["A"], dtype=float)
        B = np.array(h["B"], dtype=float)
        gA, gB = grads(S, A, B)
        worst["gradient"] = max(worst["gradient"], float(np.sqrt(np.sum(gA ** 2) + np.sum(gB ** 2))) / lam1)
        I = [i - 1 for i in cp["I"]]
        if distinct:
            worst["W"] = max(worst["W"], float(np.max(np.abs(A @ B - V[:, I] @ V[:, I].T))) if I else float(np.max(np.abs(A @ B))))
        ev = np.linalg.eigvalsh(hessian(S, A, B))
        mu = np.array(h["eigenvalues"], dtype=float)
        worst["eigenvalues"] = max(worst["eigenvalues"], float(np.max(np.abs(np.sort(mu) - ev)) / max(np.max(np.abs(ev)), 1e-300)))
        counts = (int(np.sum(ev < -tau)), int(np.sum(np.abs(ev) <= tau)), int(np.sum(ev > tau)))
        closed = closed_form_inertia(lam, I, d, tau)
        app = (h["negative"], h["zero"], h["positive"])
        if not (counts == closed == app and cp["index"] == closed[0]):
            inertia_bad.append({"I": cp["I"], "numpy": counts, "closedForm": closed, "app": app})
    if hess:
        check("Hessian representatives are critical (‖∇L‖ ≤ 1e-9·λ₁)", worst["gradient"] <= 1e-9, {"max": worst["gradient"], "count": len(hess)})
        check("Hessian representatives realise W_I", worst["W"] <= 1e-9, {"max": worst["W"]})
        check("Hessian eigenvalues reproduced (1e-9 relative)", worst["eigenvalues"] <= 1e-9, {"max": worst["eigenvalues"]})
        check("Hessian inertia = closed form", not inertia_bad, {"mismatches": inertia_bad[:5]})
    report["hessiansChecked"] = len(hess)

    check("losses = Σ_t‖x_t − W_I x_t‖²", loss_err <= 1e-9 * trS, {"maxAbsError": loss_err, "bound": 1e-9 * trS})
    check("Morse indices", not index_mismatch, {"method": "numerical Hessian" if numeric else "closed form", "mismatches": index_mismatch[:5]})

    Lstar = float(np.sum(lam[d:]))
    replay_err = 0.0
    end_gap = 0.0
    for t in doc["trajectories"]:
        A = np.array(t["A0"], dtype=float)
        B = np.array(t["B0"], dtype=float)
        eta = float(t["eta"])
        want = dict(zip(t["step"], t["loss"]))
        last = max(t["step"])
        for s in range(last + 1):
            if s in want:
                replay_err = max(replay_err, abs(loss_fn(S, A, B) - want[s]))
            if s == last:
                break
            gA, gB = grads(S, A, B)
            A, B = A - eta * gA, B - eta * gB
        if not t["diverged"]:
            end_gap = max(end_gap, abs(t["loss"][-1] - Lstar))
    check("trajectories replay", replay_err <= 1e-8 * trS, {"maxAbsError": replay_err, "bound": 1e-8 * trS})
    if "--no-convergence" not in sys.argv:
        check("every run ends at L*", end_gap <= 1e-6 * trS and not any(t["diverged"] for t in doc["trajectories"]), {"maxGap": end_gap, "Lstar": Lstar})
    if "finders" in doc:
        check_finders(doc, S, lam, check)

    json.dump(report, sys.stdout, indent=1)
    print()
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    sys.exit(main([a for a in sys.argv[1:] if not a.startswith("--")][0]))
