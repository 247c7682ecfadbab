"""Softmax regression by mini-batch gradient descent on the 60,000 Fashion-MNIST training images (raw pixels / 255),
the same algorithm as MlNetDl's SoftmaxRegressionTrainer: per epoch a fresh permutation; per batch of 128 rows the
logits XW + b, max-shifted softmax, the batch loss and correct count, G = (P - Y)/m, W -= lr X^T G, b -= lr colsum(G).
float32 throughout. Prints the median seconds per epoch (of the given epoch count, after one warm-up epoch)."""
import gzip, sys, time
import numpy as np
from blasinfo import blas_line

d = "/usr/share/datasets/fashion-mnist"
x = np.frombuffer(gzip.open(f"{d}/train-images-idx3-ubyte.gz").read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255
y = np.frombuffer(gzip.open(f"{d}/train-labels-idx1-ubyte.gz").read(), np.uint8, offset=8).astype(np.int64)
epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
n, k, batch, lr = len(x), 10, 128, np.float32(0.1)
w = np.zeros((784, k), np.float32)
b = np.zeros(k, np.float32)
rng = np.random.default_rng(0)
eye = np.eye(k, dtype=np.float32)


def epoch():
    global w, b
    order = rng.permutation(n)
    loss, correct = 0.0, 0
    for start in range(0, n, batch):
        idx = order[start:start + batch]
        xb, yb = x[idx], y[idx]
        z = xb @ w + b
        z -= z.max(1, keepdims=True)
        e = np.exp(z)
        s = e.sum(1, keepdims=True)
        loss += float((np.log(s[:, 0]) - z[np.arange(len(yb)), yb]).sum())
        correct += int((z.argmax(1) == yb).sum())
        g = (e / s - eye[yb]) / np.float32(len(yb))
        w -= lr * (xb.T @ g)
        b -= lr * g.sum(0)
    return loss / n, correct / n


epoch()
times = []
for _ in range(epochs):
    t = time.perf_counter()
    loss, acc = epoch()
    times.append(time.perf_counter() - t)
print(f"numpy_epoch_seconds={sorted(times)[len(times) // 2]:.4f} numpy_last_loss={loss:.4f} numpy_last_accuracy={acc:.4f}")
print(blas_line())
