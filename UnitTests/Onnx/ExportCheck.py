"""Independent checks of exported models, one process for the whole export table (ExportPythonTests.cs).

usage: /usr/bin/python3 ExportCheck.py manifest.json  ->  JSON on stdout: {row: {"checker": ..., "opencv": ...}}
manifest: [{"name", "model", "opencv": bool, "cases": [{"inputs": {name: file.pb}, "outputs": {name: file.pb}}]}]
"checker" is "ok" or the error of onnx.checker.check_model(full_check=True); "opencv" is "ok", "skipped" or the
mismatch/error of cv2.dnn.readNetFromONNX on each case (same shape; |diff| <= 1e-4 * max(1, |expected|)).
"""
import json
import sys

import numpy as np
import onnx
from onnx import numpy_helper

try:
    import cv2
except ImportError:
    cv2 = None


def load_tensor(path):
    with open(path, "rb") as f:
        return numpy_helper.to_array(onnx.TensorProto.FromString(f.read()))


def run_opencv(row):
    for case in row["cases"]:
        # A fresh net per case: OpenCV 4.6 reusing one net for batch 1 then 3 returns wrong values after fusing
        # BatchNormalization into ConvTranspose (dcgan_generator); each batch alone is right.
        net = cv2.dnn.readNetFromONNX(row["model"])
        for name, path in case["inputs"].items():
            net.setInput(load_tensor(path), name)
        names = list(case["outputs"])
        outs = net.forward(names)
        for name, out in zip(names, outs):
            want = load_tensor(case["outputs"][name])
            if tuple(out.shape) != tuple(want.shape):
                return f"{name}: shape {tuple(out.shape)}, expected {tuple(want.shape)}"
            diff = np.abs(out.astype(np.float64) - want) / np.maximum(1.0, np.abs(want))
            if diff.max(initial=0) > 1e-4:
                return f"{name}: max relative |diff| {diff.max():.3g} > 1e-4 (batch {want.shape[0]})"
    return "ok"


def main():
    with open(sys.argv[1]) as f:
        rows = json.load(f)
    result = {}
    for row in rows:
        entry = {}
        try:
            onnx.checker.check_model(onnx.load(row["model"]), full_check=True)
            entry["checker"] = "ok"
        except Exception as e:  # the message is the finding
            entry["checker"] = f"{type(e).__name__}: {e}"
        if not row["opencv"] or cv2 is None:
            entry["opencv"] = "skipped"
        else:
            try:
                entry["opencv"] = run_opencv(row)
            except Exception as e:
                entry["opencv"] = f"{type(e).__name__}: {e}".strip()
        result[row["name"]] = entry
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
