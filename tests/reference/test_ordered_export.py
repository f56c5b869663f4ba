"""Self-test of ordered_export.check_ordered (and check_export.py's dispatch to it).

Builds synthetic ordered-profile export documents (docs/design.md §5, μ_j = wd·λ₁·j/d) for random Σ
(D = 4, d = 2 and D = 5, d = 3; linear and tied) by brute force, independently of ordered_export.py's
closed forms and of decayed_export.Model: the assignments from itertools.product over every
(D + 1)^d tuple, losses and gradients written through the data X, the inertia and the Hessian
eigenvalues of a Hessian by Richardson-extrapolated central differences of that gradient (exact for
the cubic gradient up to rounding), the minimum as the least loss, trajectories by gradient descent
on the X-gradient. Asserts every check passes, and that corrupting one field fails exactly the
check(s) that should. Run: python3 tests/reference/test_ordered_export.py
"""
import copy
import itertools
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from ordered_export import assignments, check_ordered, count_assignments  # noqa: E402


def split(theta, D, d, tied):
    if tied:
        B = theta.reshape(d, D)
        return B.T, B
    return theta[: D * d].reshape(D, d), theta[D * d:].reshape(d, D)


def data_loss(X, mu, theta, D, d, tied):
    A, B = split(theta, D, d, tied)
    R = X - X @ B.T @ A.T  # rows x_t − A B x_t
    return float(np.sum(R * R)) + sum(mu[j] * (A[:, j] @ A[:, j] + B[j] @ B[j]) for j in range(d))


def data_gradient(X, mu, theta, D, d, tied):
    A, B = split(theta, D, d, tied)
    R = X - X @ B.T @ A.T
    gA = -2 * R.T @ (X @ B.T) + 2 * A * np.asarray(mu)[None, :]
    gB = -2 * (R @ A).T @ X + 2 * B * np.asarray(mu)[:, None]
    return (gB + gA.T).ravel() if tied else np.concatenate([gA.ravel(), gB.ravel()])


def fd_hessian(X, mu, theta, D, d, tied, h=1e-3):
    """Central differences of the gradient at h and 2h, Richardson-combined: the gradient is cubic in θ,
    so (4 D_h − D_2h)/3 is its exact Jacobian up to rounding."""
    n = len(theta)
    H = np.zeros((n, n))
    for c in range(n):
        e = np.zeros(n)
        e[c] = 1.0
        diff = lambda s: (data_gradient(X, mu, theta + s * e, D, d, tied) - data_gradient(X, mu, theta - s * e, D, d, tied)) / (2 * s)
        H[:, c] = (4 * diff(h) - diff(2 * h)) / 3
    return (H + H.T) / 2


def sign_rule(v):
    j = int(np.argmax(np.abs(v)))
    return -v if v[j] < 0 else v


def make_doc(D, d, tied, wd, seed, steps=3000, runs=2):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(3 * D, D)) * (1.3 ** -np.arange(D))
    S = X.T @ X
    lam, V = np.linalg.eigh(S)
    lam, V = lam[::-1], np.column_stack([sign_rule(V[:, i]) for i in range(D)[::-1]])
    mu = [wd * lam[0] * (j + 1) / d for j in range(d)]
    n = (1 if tied else 2) * D * d
    tau = 1e-8 * lam[0]
    cps = []
    for sig in itertools.product(range(D + 1), repeat=d):  # entry j: 0 unused, else 1-based eigen-index
        used = [i for i in sig if i]
        if len(set(used)) < len(used) or any(i and lam[i - 1] <= mu[j] for j, i in enumerate(sig)):
            continue
        B = np.zeros((d, D))
        for j, i in enumerate(sig):
            if i:
                B[j] = rng.choice([-1.0, 1.0]) * np.sqrt(1 - mu[j] / lam[i - 1]) * V[:, i - 1]
        theta = B.ravel() if tied else np.concatenate([B.T.ravel(), B.ravel()])
        ev = np.linalg.eigvalsh(fd_hessian(X, mu, theta, D, d, tied))
        cp = {"sigma": list(sig), "I": sorted(used), "loss": data_loss(X, mu, theta, D, d, tied), "index": int(np.sum(ev < -tau)),
              "zeros": int(np.sum(np.abs(ev) <= tau)), "positive": int(np.sum(ev > tau))}
        if len(cps) % 2 == 0:
            cp["hessian"] = {"A": B.T.tolist(), "B": B.tolist(), "eigenvalues": ev.tolist()}
        cps.append(cp)
    cps.sort(key=lambda c: c["loss"])
    trajectories = []
    eta = 0.2 / lam[0]
    for r in range(runs):
        A0, B0 = rng.normal(size=(D, d)) * 1e-3, rng.normal(size=(d, D)) * 1e-3
        if tied:
            A0 = B0.T.copy()
        theta = B0.ravel().copy() if tied else np.concatenate([A0.ravel(), B0.ravel()])
        record, losses = sorted(set(range(0, steps + 1, 250)) | {steps}), []
        for s in range(steps + 1):
            if s in record:
                losses.append(data_loss(X, mu, theta, D, d, tied))
            if s < steps:
                theta = theta - eta * data_gradient(X, mu, theta, D, d, tied)
        A, B = split(theta, D, d, tied)
        near = [int(np.argmax(np.abs(V.T @ B[j]))) for j in range(d)]  # used when ‖b_j‖² is over half its value there
        final_sigma = [i + 1 if B[j] @ B[j] > (1 - mu[j] / lam[i]) / 2 else 0 for j, i in enumerate(near)]
        trajectories.append({"run": r + 1, "A0": A0.tolist(), "B0": B0.tolist(), "eta": eta, "step": record, "loss": losses, "diverged": False,
                             "final": {"A": A.tolist(), "B": B.tolist()}, "finalSigma": final_sigma})
    doc = {"schema": "lae-explorer/v1",
           "params": {"model": "tied" if tied else "linear", "data": "gaussian", "D": D, "T": 3 * D, "d": d, "wd": wd, "wdProfile": "ordered", "fullRank": False,
                      "lr": 0.2, "steps": steps},
           "X": X.tolist(), "sigma": S.tolist(), "eigenvalues": lam.tolist(), "eigenvectors": V.T.tolist(), "mu": mu,
           "criticalPointsTotal": str(len(cps)), "criticalPointsListed": len(cps), "criticalPoints": cps,
           "globalMinimumLoss": cps[0]["loss"], "trajectories": trajectories}
    return doc, S, n


def run(doc, S, argv=("--search",)):
    lam, V = np.linalg.eigh(S)
    order = np.argsort(lam)[::-1]
    report = {}

    def check(name, ok, detail):
        report[name] = {"ok": bool(ok), "detail": detail}

    check_ordered(doc, S, lam[order], V[:, order], check, list(argv))
    return report


def failures(report):
    return {k for k, v in report.items() if not v["ok"]}


LOSS = "losses = L(σ) at the canonical point"
INERTIA = "inertia = numerical Hessian = §5 closed form (zeros 0)"
VALID = "listed σ are valid assignments, distinct, I = sorted σ"
ALL = "every assignment is listed"
COUNT = "critical point count = #assignments σ"
MU = "μ_j = wd · λ₁ · j/d"
MIN = "globalMinimumLoss = L(σ*), σ*(j) = j, the least L(σ)"
REPLAY = "trajectories replay"
FINAL = "final θ = the replay's last θ"
EIG = "Hessian eigenvalues reproduced (1e-9 relative)"
REP_INERTIA = "representatives' Hessian inertia = the point's"
TIE = "tied export: A = Bᵀ"
SEARCH = "a random-start search finds no unlisted critical point"
ENDS = "every run ends at L(σ*)"
ON_UJ = "every run ends with unit j on u_j"
FINAL_SIGMA = "finalSigma = σ* on the runs that reach it"


def expect(label, doc, S, want, argv=("--search",)):
    report = run(doc, S, argv)
    got = failures(report)
    assert got == set(want), f"{label}: expected failures {sorted(want)}, got {sorted(got)}: " + json.dumps({k: report[k] for k in got | set(want) if k in report}, default=str)[:2000]
    print(f"  {label}: {'fails ' + ', '.join(sorted(want)) if want else f'all {len(report)} checks pass'}")
    return report


def corruptions(doc, S, tied, found):
    cps = doc["criticalPoints"]
    plain = [n for n, c in enumerate(cps) if "hessian" not in c]
    withh = [n for n, c in enumerate(cps) if "hessian" in c]

    def edit(f):
        bad = copy.deepcopy(doc)
        f(bad)
        return bad

    expect("a loss +1e-3·trΣ", edit(lambda b: b["criticalPoints"][3].__setitem__("loss", b["criticalPoints"][3]["loss"] + 1e-3 * np.trace(S))), S, {LOSS}, ())
    expect("an index +1 (positive −1)", edit(lambda b: b["criticalPoints"][plain[1]].update(index=cps[plain[1]]["index"] + 1, positive=cps[plain[1]]["positive"] - 1)), S, {INERTIA}, ())
    expect("an index +1 on a representative", edit(lambda b: b["criticalPoints"][withh[1]].update(index=cps[withh[1]]["index"] + 1)), S, {INERTIA, REP_INERTIA}, ())
    expect("zeros 1", edit(lambda b: b["criticalPoints"][plain[0]].update(zeros=1, positive=cps[plain[0]]["positive"] - 1)), S, {INERTIA}, ())

    def invalid_sigma(b):
        cp = b["criticalPoints"][plain[2]]
        used = [i for i in cp["sigma"] if i]
        cp["sigma"] = [used[0]] * len(cp["sigma"])  # one eigenvector on every unit
    expect("a σ with an eigenvector on two units", edit(invalid_sigma), S, {VALID, ALL}, ())

    def swapped_sigma(b):  # a full-rank σ with its first two units swapped: still valid, now a duplicate
        listed = [c["sigma"] for c in cps]
        swap = lambda s: [s[1], s[0]] + s[2:]
        n = next(n for n in range(len(cps)) if 0 not in cps[n]["sigma"][:2] and swap(cps[n]["sigma"]) in listed)
        b["criticalPoints"][n]["sigma"] = swap(cps[n]["sigma"])
    report = run(edit(swapped_sigma), S, ())
    assert VALID in failures(report) and ALL in failures(report) and LOSS in failures(report), failures(report)
    assert report[VALID]["detail"]["duplicates"] == 1
    print(f"  two units' eigenvectors swapped in a σ: fails {', '.join(sorted(failures(report)))}")

    def unit_on_unlearnable(b):  # a unit on an eigenvector its μ_j forbids, if there is one
        lam = b["eigenvalues"]
        d = len(b["mu"])
        cp = b["criticalPoints"][plain[0]]
        free = [i + 1 for i in range(len(lam)) if i + 1 not in cp["sigma"] and lam[i] <= b["mu"][d - 1]]
        cp["sigma"][d - 1], cp["I"] = free[0], sorted([i for i in cp["sigma"][: d - 1] if i] + [free[0]])
    if any(l <= doc["mu"][-1] for l in doc["eigenvalues"]):
        expect("a unit on an eigenvector with λ ≤ μ_j", edit(unit_on_unlearnable), S, {VALID, ALL}, ())
    expect("I not the sorted σ", edit(lambda b: b["criticalPoints"][plain[0]].__setitem__("I", [i + 1 for i in cps[plain[0]]["I"]] or [1])), S, {VALID}, ())
    expect("mu_2 off by 1e-9", edit(lambda b: b["mu"].__setitem__(1, b["mu"][1] * (1 + 1e-9))), S, {MU}, ())
    expect("criticalPointsTotal + 1", edit(lambda b: b.__setitem__("criticalPointsTotal", str(len(cps) + 1))), S, {COUNT}, ())
    expect("globalMinimumLoss = the second least", edit(lambda b: b.__setitem__("globalMinimumLoss", cps[1]["loss"])), S, {MIN}, ())
    expect("a Hessian eigenvalue × (1 + 1e-6)", edit(lambda b: b["criticalPoints"][withh[0]]["hessian"]["eigenvalues"].__setitem__(-1, cps[withh[0]]["hessian"]["eigenvalues"][-1] * (1 + 1e-6))), S, {EIG}, ())
    expect("a recorded loss + 1e-6·trΣ", edit(lambda b: b["trajectories"][0]["loss"].__setitem__(3, b["trajectories"][0]["loss"][3] + 1e-6 * np.trace(S))), S, {REPLAY}, ())
    expect("a final B entry + 1e-6", edit(lambda b: b["trajectories"][1]["final"]["B"][0].__setitem__(0, b["trajectories"][1]["final"]["B"][0][0] + 1e-6)), S, {FINAL}, ())
    expect("a wrong finalSigma", edit(lambda b: b["trajectories"][0].__setitem__("finalSigma", [0] * len(b["mu"]))), S, {FINAL_SIGMA}, ())
    if tied:
        expect("tied representative A off Bᵀ by 1e-15", edit(lambda b: b["criticalPoints"][withh[0]]["hessian"]["A"][0].__setitem__(0, cps[withh[0]]["hessian"]["A"][0][0] + 1e-15)), S, {TIE}, ())

    def drop_found(b):  # a σ the search found in the intact document (the search does not depend on the list)
        b["criticalPoints"] = [c for c in b["criticalPoints"] if c["sigma"] != found[0]]
        b["criticalPointsListed"] -= 1
    report = expect(f"σ = {found[0]} left out of the list (the search finds it)", edit(drop_found), S, {SEARCH})
    print("    unlisted found:", json.dumps(report[SEARCH]["detail"]["unlisted"][:1], default=float)[:300])


def main():
    # The DP count against the definition, on spectra with learnable sets of every size.
    rng = np.random.default_rng(7)
    for D, d in [(4, 2), (6, 3), (9, 4), (12, 5), (7, 6)]:
        for wd in (0.02, 0.2, 0.5, 0.9):
            lam = np.sort(rng.exponential(size=D))[::-1]
            mu = wd * lam[0] * np.arange(1, d + 1) / d
            brute = [s for s in itertools.product([None] + list(range(D)), repeat=d)
                     if len({i for i in s if i is not None}) == sum(i is not None for i in s) and all(i is None or lam[i] > mu[j] for j, i in enumerate(s))]
            assert count_assignments(lam, mu) == len(brute) == len(set(assignments(lam, mu))), (D, d, wd)
            assert count_assignments(lam, mu, True) == sum(None not in s for s in brute)
            assert set(brute) == set(assignments(lam, mu))
    print("count_assignments = enumeration = itertools.product brute force on 20 spectra")

    # (steps: enough to reach σ* within check 9's tolerances on these spectra; 1,000 is not always)
    for D, d, tied, wd, seed, steps in [(4, 2, False, 0.2, 1, 3000), (4, 2, True, 0.2, 2, 3000), (5, 3, False, 0.2, 3, 6000), (5, 3, True, 0.3, 4, 3000)]:
        doc, S, n = make_doc(D, d, tied, wd, seed, steps)
        print(f"D = {D}, d = {d}, {'tied' if tied else 'linear'}, wd = {wd}: {len(doc['criticalPoints'])} assignments, n = {n}")
        report = expect("as built", doc, S, set())
        print("    search found", len(report[SEARCH]["detail"]["found"]), "distinct σ; worst final |cos|", report[ON_UJ]["detail"]["min|cos|"])
        corruptions(doc, S, tied, report[SEARCH]["detail"]["found"])

    # Short runs (50 steps) do not reach σ*: check 9 says so, --no-convergence turns it off.
    doc, S, _ = make_doc(4, 2, False, 0.2, 1, steps=50)
    for t in doc["trajectories"]:
        t.pop("finalSigma")
    expect("50-step runs", doc, S, {ENDS, ON_UJ}, ())
    expect("50-step runs, --no-convergence", doc, S, set(), ("--no-convergence",))

    # The whole entry point: check_export.py on a document file dispatches to check_ordered.
    doc, S, _ = make_doc(5, 3, True, 0.3, 4)
    doc["diagnostics"] = {}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(doc, f)
    out = subprocess.run([sys.executable, os.path.join(HERE, "check_export.py"), f.name, "--search"], capture_output=True, text=True)
    os.unlink(f.name)
    checks = json.loads(out.stdout)["checks"]
    assert out.returncode == 0 and SEARCH in checks and INERTIA in checks, out.stdout[-2000:] + out.stderr
    print(f"check_export.py on a tied ordered export: exit 0, {len(checks)} checks")
    print("OK")


if __name__ == "__main__":
    main()
