/**
 * "Export Python": a short numpy script that recomputes Σ, the eigenvalues and every critical
 * loss from the exported JSON, so a researcher can check the app in one run:
 *   python3 check_lae_export.py lae-explorer-….json
 */
export function pythonCheckScript(jsonFilename: string): string {
  return `#!/usr/bin/env python3
"""Recompute the explorer's numbers from its JSON export with numpy and compare.

Usage: python3 check_lae_export.py [${jsonFilename}]
"""
import json
import sys

import numpy as np

path = sys.argv[1] if len(sys.argv) > 1 else ${JSON.stringify(jsonFilename)}
doc = json.load(open(path))
S = np.array(doc["sigma"], dtype=float)
if doc["X"] is not None:
    X = np.array(doc["X"], dtype=float)
    S_ref = X.T @ X  # Σ = XᵀX, the uncentred second moment (sum over samples)
    print(f"Σ = XᵀX:          max |Δ| / max |Σ| = {np.max(np.abs(S_ref - S)) / np.max(np.abs(S_ref)):.2e}")
lam = np.sort(np.linalg.eigvalsh(S))[::-1]
lam1 = lam[0]
err = np.max(np.abs(lam - np.array(doc["eigenvalues"])))
print(f"eigenvalues:      max |Δλ| / λ₁ = {err / lam1:.2e}")
d = int(doc["params"]["d"])
D = len(lam)
trS = float(np.trace(S))
worst = 0.0
for cp in doc["criticalPoints"]:
    I = [i - 1 for i in cp["I"]]
    loss = trS - float(np.sum(lam[I]))  # L(I) = tr Σ − Σ_{i∈I} λ_i
    worst = max(worst, abs(loss - cp["loss"]))
print(f"critical losses:  {len(doc['criticalPoints'])} points, max |ΔL| / tr Σ = {worst / trS:.2e}")
print(f"global minimum:   L* = Σ_(i>d) λ_i = {np.sum(lam[d:]):.10g}")
ok = err <= 1e-9 * lam1 and worst <= 1e-9 * trS
print("AGREES with the app" if ok else "DISAGREES with the app")
sys.exit(0 if ok else 1)
`;
}
