"""Minimal safetensors writer shared by the fixture generators (no python safetensors package exists here):
u64 little-endian header length, compact JSON header padded with spaces to a multiple of 8, then the raw
little-endian C-order data of each tensor in the given order."""
import json
import struct

import numpy as np

DTYPES = {np.dtype(np.float32): "F32", np.dtype(np.float64): "F64", np.dtype(np.int64): "I64", np.dtype(np.bool_): "BOOL"}


def save(path, arrays, metadata=None):
    """arrays: iterable of (name, numpy array); 0-d arrays keep shape [] (no ascontiguousarray, which makes them 1-d)."""
    header, chunks, offset = ({"__metadata__": metadata} if metadata else {}), [], 0
    for name, array in arrays:
        a = np.asarray(array)
        if a.dtype not in DTYPES:
            raise ValueError(f"{name}: dtype {a.dtype} is not stored (F32, F64, I64 and BOOL are)")
        data = a.astype(a.dtype.newbyteorder("<")).tobytes(order="C")
        header[name] = {"dtype": DTYPES[a.dtype], "shape": list(a.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for chunk in chunks:
            f.write(chunk)
