# Reference values for DeLong's paired test, computed once: scipy's midranks (rankdata "average") and Sun & Xu's
# placement formulas, checked against the brute-force O(m n) kernel. Writes the datasets and expected values.
import json, sys
import numpy as np
from scipy.stats import rankdata, norm
out = sys.argv[1]
def delong(y, a, b):
    pos, neg = y == 1, y == 0
    m, n = pos.sum(), neg.sum()
    res = []
    v10s, v01s = [], []
    for s in (a, b):
        tz = rankdata(s); tx = rankdata(s[pos]); ty = rankdata(s[neg])
        v10 = (tz[pos] - tx) / n
        v01 = 1 - (tz[neg] - ty) / m
        # brute force check
        X, Y = s[pos][:, None], s[neg][None, :]
        psi = (X > Y) + 0.5 * (X == Y)
        assert np.allclose(psi.mean(axis=1), v10) and np.allclose(psi.mean(axis=0), v01)
        v10s.append(v10); v01s.append(v01)
    auc = [v.mean() for v in v10s]
    s10 = np.cov(np.vstack(v10s)); s01 = np.cov(np.vstack(v01s))
    S = s10 / m + s01 / n
    var = S[0, 0] + S[1, 1] - 2 * S[0, 1]
    z = (auc[0] - auc[1]) / np.sqrt(var)
    return auc[0], auc[1], z, 2 * norm.sf(abs(z))
rng = np.random.default_rng(2026)
cases = {}
for name, n, grid in [("continuous-1000", 1000, None), ("ties-200", 200, 10), ("heavy-ties-57", 57, 3), ("close-400", 400, None)]:
    y = (rng.random(n) < 0.4).astype(int)
    a = y * 0.8 + rng.normal(0, 0.6, n)
    b = a + rng.normal(0, 0.4 if name != "close-400" else 0.05, n)
    if grid:
        a = np.round((a - a.min()) / (a.max() - a.min()) * grid) / grid
        b = np.round((b - b.min()) / (b.max() - b.min()) * grid) / grid
    with open(f"{out}/{name}.csv", "w") as f:
        f.write("label,first,second\n")
        for i in range(n):
            f.write(f"{y[i]},{a[i]!r},{b[i]!r}\n")
    a1, a2, z, p = delong(y, np.array([float(repr(x)) for x in a]), np.array([float(repr(x)) for x in b]))
    cases[name] = {"first_auc": a1, "second_auc": a2, "z": z, "p_value": p}
json.dump(cases, open(f"{out}/expected.json", "w"), indent=2)
print(json.dumps(cases, indent=1))
