"""Builds the embedded Fashion-MNIST subset (first 300 train / 100 test images of each class, in file order)
from Debian's dataset-fashion-mnist, written in the same IDX gzip format so one loader reads both.
Run: /usr/bin/python3 Samples/Data/make_subset.py"""
import gzip, os, struct
import numpy as np

SRC = "/usr/share/datasets/fashion-mnist"
DST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fashion-mnist")

def read(name):
    with gzip.open(os.path.join(SRC, name)) as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, rows, cols)
    return np.frombuffer(data, np.uint8, offset=8)

def write(name, arr):
    header = struct.pack(">II", 2051 if arr.ndim == 3 else 2049, arr.shape[0])
    if arr.ndim == 3:
        header += struct.pack(">II", arr.shape[1], arr.shape[2])
    # mtime=0 keeps the file byte-identical across runs.
    with open(os.path.join(DST, name), "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(header + arr.tobytes())

for split, per_class in (("train", 300), ("t10k", 100)):
    images, labels = read(f"{split}-images-idx3-ubyte.gz"), read(f"{split}-labels-idx1-ubyte.gz")
    keep = np.sort(np.concatenate([np.flatnonzero(labels == c)[:per_class] for c in range(10)]))
    write(f"{split}-images-idx3-ubyte.gz", images[keep])
    write(f"{split}-labels-idx1-ubyte.gz", labels[keep])
    print(split, len(keep))
