#!/usr/bin/env python3
"""Independent view of safetensors files for polyhead's reader tests, using the `safetensors` package.

`summary FILE`: JSON {name: {dtype, shape, sum, head}} where sum is the float64 sum of all values and head the first
values in row-major order. `write FILE`: writes small F32/F16/BF16/F64 tensors with awkward values (subnormals,
infinities, negative zero, rounding cases) and prints their values as float64 JSON, so dtype decoding is checked
against torch's own conversions.
"""
import json
import sys

import torch
from safetensors.torch import load_file, save_file

HEAD = 8


def summary(path):
    out = {}
    for name, t in load_file(path).items():
        flat = t.to(torch.float64).flatten()
        out[name] = {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
                     "sum": float(flat.sum()), "head": [float(v) for v in flat[:HEAD]]}
    print(json.dumps(out))


def write(path):
    g = torch.Generator().manual_seed(7)
    base = torch.randn(3, 5, generator=g, dtype=torch.float64) * 3
    specials = torch.tensor([0.0, -0.0, 1e-6, -2.5e-7, 65504.0, 1e5, float("inf"), float("-inf"),
                             1.0 / 3, 1.00048828125, 3.0e-39], dtype=torch.float64)
    tensors = {
        "f32.matrix": base.to(torch.float32),
        "f16.matrix": base.to(torch.float16),
        "bf16.matrix": base.to(torch.bfloat16),
        "f64.matrix": base.clone(),
        "f16.specials": specials.to(torch.float16),
        "bf16.specials": specials.to(torch.bfloat16),
        "f32.scalar": torch.tensor(2.75, dtype=torch.float32),
    }
    save_file(tensors, path, metadata={"format": "pt"})
    print(json.dumps({k: {"shape": list(v.shape), "values": [float(x) for x in v.to(torch.float64).flatten()]}
                      for k, v in tensors.items()}))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("summary", "write"):
        sys.exit("usage: safetensors_probe.py summary|write FILE")
    summary(sys.argv[2]) if sys.argv[1] == "summary" else write(sys.argv[2])
