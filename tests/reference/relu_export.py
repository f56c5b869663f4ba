"""Checks of an export's `relu` section (docs/design.md §7, the ReLU model of Toy Models of Superposition),
written from §7 and numpy alone. The model: x′ = ReLU(WᵀW x + b), W (d × D; column i = feature i), b (D),
loss = mean over samples of Σ_i I_i (x_i − x′_i)². From {W, b, importance, sparsity, step, loss, sample,
sampleLoss, linearOptimumLoss, linearNoBiasLoss, featureNorms, superposition}:

  shapes and ranges: W d × D with 1 ≤ d < D, b / importance / featureNorms / superposition of length D,
    sample N × D with 1 ≤ N ≤ 1,024 and entries in [0, 1], importance positive and finite (r^(i−1) is
    not assumed), sparsity in [0, 1), step non-negative integers strictly increasing, one finite loss ≥ 0
    per step; D, d and sparsity equal to params' where params has them;
  sampleLoss on the sample, to 1e-9 relative or 1e-12 absolute;
  the linear baselines with Y = sample · diag(√I): linearOptimumLoss = the sum of the D − d smallest
    eigenvalues of the centred covariance (1/N) (Y − ȳ)ᵀ(Y − ȳ) (the best rank-≤d linear autoencoder
    with a bias), linearNoBiasLoss = the same for the second moment (1/N) YᵀY, to 1e-9 relative (plus
    1e-14·D·tr((1/N) YᵀY), the eigenvalues' rounding, for a baseline that is 0 to rounding);
  a brute check of both: the projection autoencoders built from the top-d eigenvectors,
    x′ = m + diag(1/√I) U_d U_dᵀ diag(√I)(x − m) (m the sample mean; m = 0 and the second moment's
    eigenvectors without a bias), evaluated as losses on the sample, attain them; and no rank-d linear
    map does better: random and perturbed-optimal encoders E, each with its least-squares decoder (and
    bias), never go below them;
  featureNorms ‖W_i‖ and superposition Σ_{j≠i} (Ŵ_i · W_j)² (Ŵ_i = W_i/‖W_i‖; 0 for a zero column), to
    1e-12 (relative above 1).
Called by check_export.py when the export has a `relu` key; `check(name, ok, detail)` records each.
"""
import numpy as np

FIELDS = ("W", "b", "importance", "sparsity", "step", "loss", "sample", "sampleLoss", "linearOptimumLoss",
          "linearNoBiasLoss", "featureNorms", "superposition")


def relu_loss(X, W, b, I):
    """Mean over the rows of X of Σ_i I_i (x_i − ReLU(WᵀW x + b)_i)²."""
    R = X - np.maximum(X @ W.T @ W + b, 0.0)
    return float(np.mean((R * R) @ I))


def linear_baselines(X, I, d):
    """(with a bias, without): the sums of the D − d smallest eigenvalues of Y's centred covariance and
    of its second moment, both 1/N, Y = X diag(√I); and the two trace scales of the second moment."""
    Y = X * np.sqrt(I)
    N, D = Y.shape
    Yc = Y - Y.mean(axis=0)
    C, M = Yc.T @ Yc / N, Y.T @ Y / N
    return float(np.sum(np.linalg.eigvalsh(C)[: D - d])), float(np.sum(np.linalg.eigvalsh(M)[: D - d])), float(np.trace(M))


def weighted_loss(X, Xp, I):
    R = X - Xp
    return float(np.mean((R * R) @ I))


def projection_losses(X, I, d):
    """The losses of the top-d projection autoencoders in the original features: with the mean
    (centred covariance's eigenvectors) and without (the second moment's)."""
    s = np.sqrt(I)
    N = X.shape[0]
    m = X.mean(axis=0)
    out = []
    for centre in (m, np.zeros_like(m)):
        Yc = (X - centre) * s
        _, V = np.linalg.eigh(Yc.T @ Yc / N)
        P = V[:, ::-1][:, :d] @ V[:, ::-1][:, :d].T
        Xp = centre + ((X - centre) * s) @ P / s  # P symmetric: rows (P diag(s)(x − centre))ᵀ
        out.append(weighted_loss(X, Xp, I))
    return out


def best_decoder_loss(X, I, E, bias):
    """Loss of the rank-≤d map x ↦ Dec E x (+ c) with the least-squares decoder Dec (and bias c) for the
    encoder E (d × D), under the weighting I: in Y = X diag(√I) coordinates an ordinary least squares."""
    Y = X * np.sqrt(I)
    H = X @ E.T
    A = np.column_stack([H, np.ones(len(X))]) if bias else H
    coef, *_ = np.linalg.lstsq(A, Y, rcond=None)
    R = Y - A @ coef
    return float(np.sum(R * R) / len(X))


def no_better_map(X, I, d, L_bias, L_nobias, bound_bias, bound_nobias, trials=60, seed=0):
    """The least loss found over random encoders and perturbations of the optimal ones (each with its
    least-squares decoder), with and without a bias; both must stay ≥ the baselines."""
    rng = np.random.default_rng(seed)
    s = np.sqrt(I)
    N, D = X.shape
    worst = {}
    for bias, L, bound in ((True, L_bias, bound_bias), (False, L_nobias, bound_nobias)):
        Yc = (X - X.mean(axis=0)) * s if bias else X * s
        _, V = np.linalg.eigh(Yc.T @ Yc / N)
        E_opt = V[:, ::-1][:, :d].T * s  # encoder of the optimal projection in original features
        least = np.inf
        for t in range(trials):
            E = rng.normal(size=(d, D)) if t % 2 else E_opt + 10.0 ** -rng.uniform(1, 6) * rng.normal(size=(d, D))
            least = min(least, best_decoder_loss(X, I, E, bias))
        worst["withBias" if bias else "withoutBias"] = {"least": least, "baseline": L, "belowBy": L - least, "bound": bound}
    return worst


def superposition_of(W):
    norms = np.linalg.norm(W, axis=0)
    G = W.T @ W  # G[i, j] = W_i · W_j
    safe = np.where(norms > 0, norms, 1.0)
    P = (G / safe[:, None]) ** 2  # (Ŵ_i · W_j)²
    np.fill_diagonal(P, 0.0)
    return norms, np.where(norms > 0, P.sum(axis=1), 0.0)


def close(a, b, rel, absolute):
    return abs(a - b) <= max(rel * abs(b), absolute)


def check_relu(doc, check):
    r = doc["relu"]
    p = doc.get("params", {})
    missing = [k for k in FIELDS if k not in r]
    check("relu: every field present", not missing, {"missing": missing})
    if missing:
        return
    try:
        W = np.array(r["W"], dtype=float)
        b, I = np.array(r["b"], dtype=float), np.array(r["importance"], dtype=float)
        X = np.array(r["sample"], dtype=float)
        norms_app, sup_app = np.array(r["featureNorms"], dtype=float), np.array(r["superposition"], dtype=float)
        step, loss = np.array(r["step"], dtype=float), np.array(r["loss"], dtype=float)
        S = float(r["sparsity"])
        scalars = [float(r[k]) for k in ("sampleLoss", "linearOptimumLoss", "linearNoBiasLoss")]
    except (TypeError, ValueError) as e:  # ragged or non-numeric arrays
        check("relu: shapes", False, {"error": str(e)})
        return
    d, D = W.shape if W.ndim == 2 else (0, 0)
    shapes = {"W": list(W.shape), "b": list(b.shape), "importance": list(I.shape), "sample": list(X.shape),
              "featureNorms": list(norms_app.shape), "superposition": list(sup_app.shape), "step": list(step.shape), "loss": list(loss.shape)}
    ok = (W.ndim == 2 and 1 <= d < D and all(a.shape == (D,) for a in (b, I, norms_app, sup_app))
          and X.ndim == 2 and X.shape[1] == D and 1 <= X.shape[0] <= 1024 and step.ndim == 1 and step.shape == loss.shape and step.size >= 1)
    agree = {k: (p[k], v) for k, v in (("D", D), ("d", d), ("sparsity", S)) if k in p and float(p[k]) != v}
    check("relu: shapes (W d × D, d < D; b, importance, featureNorms, superposition D; sample N × D, N ≤ 1,024; one loss per step)", ok, shapes)
    check("relu: D, d and sparsity equal to params'", not agree, {"mismatches": agree})
    if not ok:
        return
    finite = all(np.all(np.isfinite(a)) for a in (W, b, I, X, norms_app, sup_app)) and all(np.isfinite(scalars))
    check("relu: W, b, the sample and every reported number finite", finite, {})
    positive = bool(np.all(np.isfinite(I)) and np.all(I > 0))
    check("relu: importance positive and finite", positive, {"importance": I.tolist()})
    check("relu: sparsity in [0, 1)", 0 <= S < 1, {"sparsity": S})
    integral = bool(np.all(np.isfinite(step)) and np.all(step == np.round(step)) and step[0] >= 0)
    check("relu: steps non-negative integers, strictly increasing", integral and bool(np.all(np.diff(step) > 0)), {"first": step[:3].tolist(), "last": step[-1:].tolist()})
    check("relu: training losses finite and ≥ 0", bool(np.all(np.isfinite(loss)) and np.all(loss >= 0)), {"min": float(np.min(loss)) if loss.size else None})
    check("relu: sample entries in [0, 1]", bool(np.all(np.isfinite(X)) and np.all((X >= 0) & (X <= 1))), {"min": float(np.nanmin(X)), "max": float(np.nanmax(X))})
    if not (finite and positive):  # √I and the eigenvalues below need both
        return

    L = relu_loss(X, W, b, I)
    check("relu: sampleLoss = mean Σ_i I_i (x_i − ReLU(WᵀWx + b)_i)² on the sample (1e-9 relative, 1e-12 absolute)",
          close(scalars[0], L, 1e-9, 1e-12), {"numpy": L, "app": scalars[0], "N": X.shape[0]})

    L_bias, L_nobias, trM = linear_baselines(X, I, d)
    floor = 1e-14 * D * trM
    b_bias, b_nobias = 1e-9 * abs(L_bias) + floor, 1e-9 * abs(L_nobias) + floor
    check("relu: linearOptimumLoss = Σ of the D − d smallest eigenvalues of the centred covariance of X diag(√I) (1e-9 relative)",
          abs(scalars[1] - L_bias) <= b_bias, {"numpy": L_bias, "app": scalars[1], "bound": b_bias})
    check("relu: linearNoBiasLoss = Σ of the D − d smallest eigenvalues of (1/N) YᵀY (1e-9 relative)",
          abs(scalars[2] - L_nobias) <= b_nobias, {"numpy": L_nobias, "app": scalars[2], "bound": b_nobias})
    P_bias, P_nobias = projection_losses(X, I, d)
    pb, pn = 1e-9 * abs(scalars[1]) + 10 * floor, 1e-9 * abs(scalars[2]) + 10 * floor
    check("relu: the top-d projection autoencoders (with the mean; without) attain linearOptimumLoss and linearNoBiasLoss on the sample",
          abs(P_bias - scalars[1]) <= pb and abs(P_nobias - scalars[2]) <= pn,
          {"withBias": {"projection": P_bias, "app": scalars[1]}, "withoutBias": {"projection": P_nobias, "app": scalars[2]}})
    worst = no_better_map(X, I, d, scalars[1], scalars[2], pb, pn)
    check("relu: no rank-d linear map (random or perturbed encoders, least-squares decoders) beats the baselines",
          all(w["belowBy"] <= w["bound"] for w in worst.values()), worst)

    norms, sup = superposition_of(W)
    e_norm = float(np.max(np.abs(norms - norms_app) / np.maximum(1.0, np.abs(norms))))
    e_sup = float(np.max(np.abs(sup - sup_app) / np.maximum(1.0, np.abs(sup))))
    check("relu: featureNorms = ‖W_i‖ (1e-12)", e_norm <= 1e-12, {"maxError": e_norm})
    check("relu: superposition = Σ_{j≠i} (Ŵ_i · W_j)² (1e-12)", e_sup <= 1e-12, {"maxError": e_sup})
