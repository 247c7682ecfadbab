"""PCA fit on the 60,000 Fashion-MNIST training images: NumPy eigh of the covariance and scikit-learn PCA(full)."""
import gzip, time
import numpy as np
from sklearn.decomposition import PCA

x = np.frombuffer(gzip.open("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz").read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255
t = time.perf_counter()
xc = x - x.mean(0)
w, v = np.linalg.eigh(xc.T @ xc / (len(x) - 1))
print(f"numpy_eigh_seconds={time.perf_counter() - t:.3f}")
t = time.perf_counter()
p = PCA(n_components=20, svd_solver="full").fit(x)
print(f"sklearn_seconds={time.perf_counter() - t:.3f}")
print(f"ratio1={p.explained_variance_ratio_[0]:.6f}")
