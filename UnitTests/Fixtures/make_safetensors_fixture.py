"""Writes Fixtures/safetensors/sample.safetensors by hand (the python `safetensors` package is not used).

Run from UnitTests/: /usr/bin/python3 Fixtures/make_safetensors_fixture.py
The expected values are asserted in Serialization/SafeTensorsInteropTests.cs; keep both in step.
"""
import json
import os
import struct

import numpy as np
import torch

DTYPES = {np.float32: "F32", np.float64: "F64", np.float16: "F16", np.int64: "I64",
          np.int32: "I32", np.int16: "I16", np.int8: "I8", np.uint8: "U8", np.bool_: "BOOL"}


def save(path, tensors, metadata=None):
    """tensors: list of (name, dtype string, shape, little-endian bytes), written in the given order."""
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, dtype, shape, data in tensors:
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    # Default separators (", ", ": ") differ from the C# writer's compact JSON, and sort_keys puts the header in
    # name order rather than data order: readers must accept both.
    text = json.dumps(header, sort_keys=True).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for chunk in chunks:
            f.write(chunk)


def from_numpy(name, array):
    array = np.asarray(array)  # tobytes() is C order; 0-d arrays stay 0-d (shape [])
    return name, DTYPES[array.dtype.type], array.shape, array.astype(array.dtype.newbyteorder("<")).tobytes()


def from_torch_bf16(name, tensor):
    # numpy has no bfloat16: reinterpret the bits as int16 to get the raw bytes.
    return name, "BF16", tuple(tensor.shape), tensor.contiguous().view(torch.int16).numpy().astype("<i2").tobytes()


tensors = [
    from_numpy("weight", np.arange(6, dtype=np.float32).reshape(2, 3) / 4 - 0.5),
    from_numpy("ids", np.array([-3, 0, 2**40], dtype=np.int64)),
    from_numpy("scale", np.array(2.5, dtype=np.float64)),
    from_numpy("half", np.array([1.0, -2.0, 0.5], dtype=np.float16)),
    from_torch_bf16("brain", torch.tensor([1.0, -0.5], dtype=torch.bfloat16)),
    from_numpy("mask", np.array([True, False, True])),
    from_numpy("empty", np.zeros((0, 3), dtype=np.float32)),
    from_numpy("counts", np.array([[1, 2], [3, 4]], dtype=np.int32)),
]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "safetensors", "sample.safetensors")
save(out, tensors, {"format": "pt", "source": "make_safetensors_fixture.py"})
print(out, os.path.getsize(out), "bytes")
