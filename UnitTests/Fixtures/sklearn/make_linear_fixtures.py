"""Reference values for the linear trainers (UnitTests/Trainers). Run with Debian's numpy/sklearn:
    cd UnitTests/Fixtures/sklearn && /usr/bin/python3 make_linear_fixtures.py
Inputs are cast to float32 first, exactly as the C# readers see them, so references and trainers start from the
same numbers; references are computed in float64."""
import json
import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes
from sklearn.linear_model import LogisticRegression


def lstsq_with_intercept(X, y):
    A = np.hstack([X.astype(np.float64), np.ones((len(X), 1))])
    sol, *_ = np.linalg.lstsq(A, y.astype(np.float64), rcond=None)
    return sol[:-1], sol[-1]


out = {}

# Diabetes as SklearnDatasets.LoadDiabetes builds it: raw values parsed as float32, scaled in float64, cast.
raw, target = load_diabetes(return_X_y=True, scaled=False)
raw = raw.astype(np.float32).astype(np.float64)
n = len(raw)
scaled = ((raw - raw.mean(0)) / (raw.std(0) * np.sqrt(n))).astype(np.float32)
y = target.astype(np.float32)
w, b = lstsq_with_intercept(scaled, y)
out["diabetes_ols"] = {"weights": w.tolist(), "bias": float(b), "feature_sum": float(scaled.astype(np.float64).sum())}

# A synthetic, well-conditioned set with noise (data stored in the fixture).
rng = np.random.default_rng(7)
Xs = rng.normal(size=(60, 4)).astype(np.float32) * np.array([1, 10, 0.1, 3], dtype=np.float32)
ys = (Xs.astype(np.float64) @ np.array([2.0, -0.5, 30.0, 1.5]) + 4.0 + rng.normal(scale=0.3, size=60)).astype(np.float32)
w, b = lstsq_with_intercept(Xs, ys)
out["synthetic_ols"] = {"x": Xs.ravel().tolist(), "features": 4, "y": ys.tolist(), "weights": w.tolist(), "bias": float(b)}

# Breast cancer: seeded 70/30 split, standardized with training statistics, logistic regression with C = 10
# (the training split is linearly separable, so an unpenalized fit diverges). sklearn's objective
# C*sum(logloss) + |w|^2/2 equals ours, mean(logloss) + l2/2*|w|^2, with l2 = 1/(C*n_train).
X, labels = load_breast_cancer(return_X_y=True)
X = X.astype(np.float32)
perm = np.random.default_rng(42).permutation(len(labels))
ntr = int(round(0.7 * len(labels)))
tr, te = perm[:ntr], perm[ntr:]
mean = X[tr].astype(np.float64).mean(0)
std = X[tr].astype(np.float64).std(0)
Z = ((X - mean) / std).astype(np.float32)
C = 10.0
clf = LogisticRegression(C=C, solver="newton-cg", tol=1e-12, max_iter=1000).fit(Z[tr], labels[tr])
out["breast_cancer_logistic"] = {
    "train_indices": tr.tolist(), "C": C, "l2": 1.0 / (C * ntr),
    "weights": clf.coef_[0].tolist(), "bias": float(clf.intercept_[0]),
    "test_accuracy": float(clf.score(Z[te], labels[te])),
}

# Softmax probabilities for fixed weights: softmax(X W + b), W [d, K].
rng = np.random.default_rng(3)
Xf = rng.normal(size=(12, 5)).astype(np.float32)
W = (rng.normal(size=(5, 4)) * 2).astype(np.float32)
bf = rng.normal(size=4).astype(np.float32)
logits = Xf.astype(np.float64) @ W.astype(np.float64) + bf.astype(np.float64)
logits -= logits.max(1, keepdims=True)
P = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
out["softmax_fixed"] = {"x": Xf.ravel().tolist(), "features": 5, "classes": 4, "weights": W.ravel().tolist(),
                        "bias": bf.tolist(), "probabilities": P.ravel().tolist()}

with open("linear_fixtures.json", "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
print({k: (v.get("test_accuracy"), v.get("bias")) for k, v in out.items()})
