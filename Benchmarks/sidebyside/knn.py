"""KNN brute (k=3, n_jobs=2) on Fashion-MNIST with scikit-learn; prints seconds and writes predictions."""
import gzip, sys, time
import numpy as np
from blasinfo import blas_line
from sklearn.neighbors import KNeighborsClassifier

d = "/usr/share/datasets/fashion-mnist"
def images(name): return np.frombuffer(gzip.open(f"{d}/{name}-images-idx3-ubyte.gz").read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255
def labels(name): return np.frombuffer(gzip.open(f"{d}/{name}-labels-idx1-ubyte.gz").read(), np.uint8, offset=8)
ntest = int(sys.argv[1]); out = sys.argv[2]
xtr, ytr, xte = images("train"), labels("train"), images("t10k")[:ntest]
t = time.perf_counter()
pred = KNeighborsClassifier(n_neighbors=3, algorithm="brute", n_jobs=2).fit(xtr, ytr).predict(xte)
print(f"sklearn_seconds={time.perf_counter() - t:.3f}")
np.save(out, pred.astype(np.int64))
print(blas_line())
