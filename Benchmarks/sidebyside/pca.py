"""PCA fit on the 60,000 Fashion-MNIST training images: NumPy eigh of the covariance (centre, X^T X, eigh; timed
in parts) and scikit-learn PCA(svd_solver='full') with 20 and with all 784 components. Best of 2 each."""
import gzip, time
import numpy as np
from blasinfo import blas_line
from sklearn.decomposition import PCA

x = np.frombuffer(gzip.open("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz").read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255
best = None
for _ in range(2):
    t0 = time.perf_counter()
    xc = x - x.mean(0)
    t1 = time.perf_counter()
    cov = xc.T @ xc / (len(x) - 1)
    t2 = time.perf_counter()
    w, v = np.linalg.eigh(cov)
    t3 = time.perf_counter()
    if best is None or t3 - t0 < best[0]:
        best = (t3 - t0, t1 - t0, t2 - t1, t3 - t2)
print(f"numpy_eigh_seconds={best[0]:.3f} numpy_center={best[1]:.3f} numpy_cov={best[2]:.3f} numpy_eigh_only={best[3]:.3f}")
print(f"numpy_top_eigenvalue={w[-1]:.9g}")
for name, k in (("sklearn_seconds", 20), ("sklearn_full_seconds", None)):
    times = []
    for _ in range(2):
        t = time.perf_counter()
        p = PCA(n_components=k, svd_solver="full").fit(x)
        times.append(time.perf_counter() - t)
    print(f"{name}={min(times):.3f}")
print(f"ratio1={p.explained_variance_ratio_[0]:.6f}")
print(blas_line())
