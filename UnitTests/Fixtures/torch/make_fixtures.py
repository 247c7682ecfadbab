"""PyTorch 1.13 reference values for the op registry (Tensors/Autograd/OpRegistry.cs).

Regenerate (deterministic; commit the result):
    cd UnitTests/Fixtures/torch && /usr/bin/python3 make_fixtures.py

Every cases_*.py module next to this file exposes CASES = {name: case(fn, *input specs, tol=...)} (see spec.py);
the names must be OpCase names. Adding a case is one line in a table; adding a table is a new cases_<area>.py.
For each case this draws the inputs (float64, cast to float32; seeded by the case name so adding a case leaves
the others unchanged), computes out = fn(*inputs) in float32, draws a weight w of out's shape, backpropagates
(out * w).sum() and writes <case>/in<i>, <case>/w, <case>/out and <case>/grad<i> (differentiable inputs only)
to ops.safetensors. A non-default tolerance goes to the metadata as "<case>/tol".
UnitTests/Tensors/TorchConformanceTests.cs replays every case against the C# engine.
"""
import glob
import importlib
import os
import sys
import zlib

sys.dont_write_bytecode = True  # keep __pycache__ out of Fixtures/ (copied to the test output)

import numpy as np
import torch

import st_write

from spec import Case

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "ops.safetensors")


def load_cases():
    """All CASES of every cases_*.py module, in file then table order; a name defined twice is an error."""
    sys.path.insert(0, HERE)
    cases = {}
    for path in sorted(glob.glob(os.path.join(HERE, "cases_*.py"))):
        module = importlib.import_module(os.path.splitext(os.path.basename(path))[0])
        for name, entry in module.CASES.items():
            if name in cases:
                raise ValueError(f"case '{name}' in {os.path.basename(path)} is already defined")
            if "/" in name:
                raise ValueError(f"case '{name}': names cannot contain '/'")
            cases[name] = entry if isinstance(entry, Case) else Case(*entry)
    return cases


def draw(spec, rng):
    if spec.values is not None:
        a = np.array(spec.values, dtype={"float32": np.float32, "int64": np.int64, "bool": np.bool_}[spec.dtype])
        if a.size != int(np.prod(spec.shape)):
            raise ValueError(f"{len(spec.values)} fixed values for shape {spec.shape}")
        return torch.from_numpy(a.reshape(spec.shape))
    if spec.dtype == "int64":
        return torch.from_numpy(rng.integers(int(spec.low), int(spec.high), size=spec.shape, dtype=np.int64))
    if spec.dtype == "bool":
        return torch.from_numpy(rng.random(spec.shape) < 0.5)
    if spec.dtype != "float32":
        raise ValueError(f"unsupported input dtype {spec.dtype}")
    v = rng.standard_normal(size=spec.shape) if spec.normal else rng.uniform(spec.low, spec.high, size=spec.shape)
    if spec.signed:
        v = np.where(rng.random(spec.shape) < 0.5, -v, v)
    return torch.from_numpy(v.astype(np.float32))


def run_case(name, c):
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    inputs = [draw(s, rng) for s in c.inputs]
    diff = [i for i, s in enumerate(c.inputs) if s.dtype == "float32" and not s.const]
    for i in diff:
        inputs[i].requires_grad_(True)
    out = c.fn(*inputs)
    tensors = {f"{name}/in{i}": x.detach() for i, x in enumerate(inputs)}
    tensors[f"{name}/out"] = out.detach()
    if out.requires_grad:
        w = torch.from_numpy(rng.uniform(-1, 1, size=tuple(out.shape)).astype(np.float32))
        grads = torch.autograd.grad((out * w).sum(), [inputs[i] for i in diff], allow_unused=True)
        tensors[f"{name}/w"] = w
        for i, g in zip(diff, grads):
            tensors[f"{name}/grad{i}"] = torch.zeros_like(inputs[i]) if g is None else g
    return tensors


def main():
    torch.manual_seed(0)  # only the case functions could draw from torch's generator; inputs come from numpy
    torch.set_num_threads(1)
    tensors, metadata = {}, {"source": "make_fixtures.py", "torch": torch.__version__}
    cases = load_cases()
    for name, c in cases.items():
        tensors.update(run_case(name, c))
        if c.tol is not None:
            metadata[f"{name}/tol"] = repr(float(c.tol))
    st_write.save(OUT, ((n, t.contiguous().numpy()) for n, t in tensors.items()), metadata)
    print(f"{OUT}: {len(cases)} cases, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
