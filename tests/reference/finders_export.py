"""Checks of an export's `finders` (docs/design.md §6), written from §5/§6 and numpy alone: every run's
end point A, B gives the exported ‖∇L‖² and loss, the inertia of its numerical Hessian is the app's,
a run called critical has ‖∇L‖² ≤ cutoff · λ₁² in numpy, its matched analytic point has the loss and
the index the closed form gives it when the app says they agree, and every start A0, B0 is where the
run began (its ‖∇L‖² is the trace's first entry)."""

import numpy as np

from decayed_export import Model, closed_inertia, closed_loss
from ordered_export import closed_index, from_export
from ordered_export import closed_loss as ordered_loss


def norm_gap(g2_numpy, g2_app, theta, lam1, n):
    """|‖∇L‖ numpy − ‖∇L‖ app| in units of what rounding allows: 1e-8 relative, plus an absolute
    1e-13·λ₁·√n·(1 + ‖θ‖²)^{3/2} (∇L sums products of three weight factors, cancelling where AB ≈ I)."""
    a, b = np.sqrt(g2_numpy), np.sqrt(g2_app)
    return abs(a - b) / (1e-8 * b + 1e-13 * lam1 * np.sqrt(n) * (1 + float(theta @ theta)) ** 1.5)


def check_finders(doc, S, lam, check):
    p = doc["params"]
    D, d = int(p["D"]), int(p["d"])
    tied = p.get("model", "linear") == "tied"
    mu = np.array(doc["mu"], dtype=float)
    ordered = p.get("wdProfile", "uniform") == "ordered" and float(p.get("wd", 0)) > 0
    model = Model(S, d, mu if ordered else float(mu[0]), tied)
    lam1, trS = lam[0], float(np.trace(S))
    tau = float(doc["finders"]["indexTolerance"])
    check("finders: the index's zero band is max(τ, √cutoff·λ₁)", abs(tau - max(doc["diagnostics"]["tolerance"], np.sqrt(float(doc["finders"]["cutoff"])) * lam1)) <= 1e-9 * tau, {"app": tau})
    cutoff = float(doc["finders"]["cutoff"])
    worst = {"grad": 0.0, "start": 0.0, "loss": 0.0}
    bad_inertia, bad_verdict, bad_match, bad_critical, bad_lanczos = [], [], [], [], []
    for n, r in enumerate(doc["finders"]["runs"]):
        theta = model.theta(np.array(r["A"], dtype=float), np.array(r["B"], dtype=float))
        g = model.gradient(theta)
        g2 = float(g @ g)
        worst["grad"] = max(worst["grad"], norm_gap(g2, r["gradNormSq"], theta, lam1, model.n))
        theta0 = model.theta(np.array(r["A0"], dtype=float), np.array(r["B0"], dtype=float))
        g0 = model.gradient(theta0)
        worst["start"] = max(worst["start"], norm_gap(float(g0 @ g0), r["trace"][0], theta0, lam1, model.n))
        # The loss to rounding: 1e-9 · tr Σ, plus 1e-13·λ₁·(1 + ‖θ‖²)² where the weights are large (far random starts).
        worst["loss"] = max(worst["loss"], abs(model.loss(theta) - r["loss"]) / (1e-9 * trS + 1e-13 * lam1 * (1 + float(theta @ theta)) ** 2))
        if r["hessian"] is not None:
            ev = np.linalg.eigvalsh(model.hessian(theta))
            counts = {"negative": int(np.sum(ev < -tau)), "zero": int(np.sum(np.abs(ev) <= tau)), "positive": int(np.sum(ev > tau))}
            if counts != r["hessian"]:
                bad_inertia.append({"run": n, "numpy": counts, "app": r["hessian"], "nearest |ev| to τ": float(np.min(np.abs(np.abs(ev) - tau)))})
        if r.get("lanczos") is not None:
            # Block Lanczos counts Ritz values below −τ: never more than the index (Cauchy interlacing), the index when converged.
            numpy_negative = int(np.sum(np.linalg.eigvalsh(model.hessian(theta)) < -tau))
            lz = r["lanczos"]
            if lz["negative"] > numpy_negative or (lz["converged"] and lz["negative"] != numpy_negative) or r["index"] != (lz["negative"] if lz["converged"] else None):
                bad_lanczos.append({"run": n, "numpy": numpy_negative, "app": lz, "index": r["index"]})
        elif r["hessian"] is not None and r["index"] != r["hessian"]["negative"]:
            bad_lanczos.append({"run": n, "hessian": r["hessian"], "index": r["index"]})
        if r["verdict"] == "critical" and not g2 <= cutoff * lam1 ** 2 * (1 + 1e-8):
            bad_verdict.append({"run": n, "gradNormSq": g2, "bound": cutoff * lam1 ** 2})
        # (A run whose index Lanczos left unknown cannot agree; it is held only to its loss.)
        if r["verdict"] == "critical" and not r["agrees"] and (r["index"] is not None or not r["lossAgrees"]):
            bad_critical.append({"run": n, "method": r["method"], "gradNormSq/λ₁²": r["gradNormSq"] / lam1 ** 2, "matched": r["matchedI"], "hessian": r["hessian"]})
        if r["agrees"]:
            if ordered:
                sig = from_export(r["matchedSigma"])
                L, index = ordered_loss(lam, mu, sig), closed_index(lam, mu, sig)
            else:
                I = [i - 1 for i in r["matchedI"]]
                L, index = closed_loss(lam, I, float(mu[0])), closed_inertia(lam, I, d, float(mu[0]), model.n, 1e-9 * lam1)[0]
            if abs(L - r["loss"]) > 1e-8 * trS or r["index"] != index:
                bad_match.append({"run": n, "matched": r.get("matchedSigma", r["matchedI"]), "closedLoss": L, "loss": r["loss"], "closedIndex": index, "app": r["index"]})
    runs = len(doc["finders"]["runs"])
    check("finders: ‖∇L‖² at every end point and start reproduced", worst["grad"] <= 1 and worst["start"] <= 1, {"worst (in units of the slack)": worst, "runs": runs})
    check("finders: losses reproduced", worst["loss"] <= 1, {"worst (in units of the slack)": worst["loss"]})
    check("finders: numerical Hessian inertia = the app's", not bad_inertia, {"mismatches": bad_inertia[:5]})
    check("finders: the index is the dense count, or block Lanczos's (≤ numpy's, = when converged)", not bad_lanczos, {"mismatches": bad_lanczos[:5]})
    check("finders: every run called critical has ‖∇L‖² ≤ cutoff·λ₁² in numpy", not bad_verdict, {"violations": bad_verdict[:5]})
    check("finders: agreeing runs have their match's closed-form loss and index", not bad_match, {"mismatches": bad_match[:5]})
    check("finders: every run called critical agrees with its match", not bad_critical, {"disagreeing": bad_critical[:5]})
