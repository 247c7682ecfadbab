"""KNN and PCA reference values from scikit-learn (Debian python3-sklearn 1.2).

Run: cd UnitTests/Fixtures/sklearn && /usr/bin/python3 make_knn_pca_fixtures.py  -> knn_pca_fixtures.json
Digits: the first 1200 rows train, the remaining 597 test (no shuffling, so C# reproduces the split).
"""
import json
import numpy as np
import sklearn
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.neighbors import KNeighborsClassifier


def knn_case(name, xtr, ytr, xte, k=3):
    clf = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(xtr, ytr)
    dist, ind = clf.kneighbors(xte)
    return {"name": name, "k": k, "d": int(xtr.shape[1]),
            "train": xtr.astype(np.float32).ravel().tolist() if xtr.size <= 2000 else None,
            "train_labels": ytr.tolist() if xtr.size <= 2000 else None,
            "test": xte.astype(np.float32).ravel().tolist() if xte.size <= 2000 else None,
            "predicted": clf.predict(xte).tolist(),
            "neighbors": ind.tolist(),
            "proba": np.round(clf.predict_proba(xte), 6).tolist()}


def pca_case(name, x, rank):
    p = PCA(n_components=rank, svd_solver="full").fit(x)
    return {"name": name, "rank": rank, "d": int(x.shape[1]),
            "x": x.astype(np.float32).ravel().tolist() if x.size <= 2000 else None,
            "components": p.components_.ravel().tolist(),
            "explained_variance": p.explained_variance_.tolist(),
            "explained_variance_ratio": p.explained_variance_ratio_.tolist(),
            "mean": p.mean_.tolist()}


rng = np.random.default_rng(7)
small_x = rng.normal(size=(40, 5)).astype(np.float32) * np.array([3, 2, 1, 0.5, 0.1], dtype=np.float32)
small_y = rng.integers(0, 3, size=40)
small_q = rng.normal(size=(15, 5)).astype(np.float32)

digits = load_digits()
x, y = digits.data.astype(np.float32), digits.target
out = {
    "sklearn_version": sklearn.__version__,
    "knn": [knn_case("small", small_x, small_y, small_q), knn_case("digits", x[:1200], y[:1200], x[1200:])],
    "pca": [pca_case("small", small_x.astype(np.float64), 5), pca_case("digits", x.astype(np.float64), 10)],
}
with open("knn_pca_fixtures.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
