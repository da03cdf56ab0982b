#!/usr/bin/env python3
"""PyTorch side of `polyhead bench`: the same model, batch, threads and math as polyhead's Trainer path.

A post-LN BERT encoder written out with torch primitives exactly as polyhead builds it (summed word/position/segment
embeddings, embedding LayerNorm, per layer: q/k/v, softmax(q·kᵀ/√d_h − 10000·(1−mask)), attention-probability dropout,
output dense, residual + LayerNorm, erf-GELU feed-forward, residual + LayerNorm; hidden dropout at the same sites),
mean pooling over real tokens, one linear softmax head per group, L = π·CE_1 + (1−π)·CE_2, and torch.optim.Adam over
every parameter (embedding tables included, dense gradients, as polyhead's Adam). Prints one JSON object on stdout:
median training-step time (forward + backward + Adam), median inference time and throughput (eval mode, no grad),
both as wall and as process-CPU time, with every measured repetition beside the medians,
and the process's peak resident memory (VmHWM). Threads: OMP_NUM_THREADS (torch.set_num_threads). With --device cuda
the model and batch live on the GPU, every timed call ends with torch.cuda.synchronize(), and the peak GPU memory
(torch.cuda.max_memory_allocated) is reported beside the resident set; the math stays float32 (TF32 off).
"""
import argparse
import json
import math
import os
import statistics
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--name", default="model")
    p.add_argument("--layers", type=int, required=True)
    p.add_argument("--hidden", type=int, required=True)
    p.add_argument("--heads", type=int, required=True)
    p.add_argument("--intermediate", type=int, required=True)
    p.add_argument("--vocab", type=int, default=30522)
    p.add_argument("--max-positions", type=int, default=512)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--seq", type=int, default=128)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--classes", type=int, nargs=2, default=[8, 4])
    p.add_argument("--pi", type=float, default=0.5)
    p.add_argument("--device", default="cpu", help="cpu, or cuda for the first GPU")
    return p.parse_args()


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def build(a, torch):
    nn = torch.nn
    F = torch.nn.functional

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            d = a.hidden
            self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
            self.ln1 = nn.LayerNorm(d, eps=1e-12)
            self.up = nn.Linear(d, a.intermediate)
            self.down = nn.Linear(a.intermediate, d)
            self.ln2 = nn.LayerNorm(d, eps=1e-12)

        def forward(self, x, bias):
            b, t, d = x.shape
            h, dh = a.heads, a.hidden // a.heads
            split = lambda y: y.view(b, t, h, dh).permute(0, 2, 1, 3)
            q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
            scores = q @ k.transpose(-1, -2) / math.sqrt(dh) + bias
            p = F.dropout(torch.softmax(scores, -1), a.dropout, self.training)
            ctx = (p @ v).permute(0, 2, 1, 3).reshape(b, t, d)
            x = self.ln1(F.dropout(self.o(ctx), a.dropout, self.training) + x)
            f = self.down(F.gelu(self.up(x)))  # exact (erf) GELU, as BERT and polyhead
            return self.ln2(F.dropout(f, a.dropout, self.training) + x)

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            d = a.hidden
            self.word = nn.Embedding(a.vocab, d)
            self.pos = nn.Embedding(a.max_positions, d)
            self.segment = nn.Embedding(2, d)
            self.ln = nn.LayerNorm(d, eps=1e-12)
            self.layers = nn.ModuleList(Layer() for _ in range(a.layers))
            self.heads = nn.ModuleList(nn.Linear(d, c) for c in a.classes)

        def forward(self, ids, types, mask):
            t = ids.shape[1]
            x = self.word(ids) + self.pos.weight[:t] + self.segment(types)
            x = F.dropout(self.ln(x), a.dropout, self.training)
            bias = ((1.0 - mask) * -10000.0)[:, None, None, :]
            for layer in self.layers:
                x = layer(x, bias)
            m = mask[:, :, None]
            pooled = (x * m).sum(1) / m.sum(1)
            return [head(pooled) for head in self.heads]

    return Model()


def samples_ms(fn, warmup, reps, sync=lambda: None):
    """Wall and process-CPU milliseconds (all threads) of each of reps runs after warmup unmeasured ones."""
    for _ in range(warmup):
        fn()
    sync()
    wall, cpu = [], []
    for _ in range(reps):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        sync()
        wall.append((time.perf_counter() - t0) * 1000.0)
        cpu.append((time.process_time() - c0) * 1000.0)
    return wall, cpu


def main():
    a = parse_args()
    import torch
    threads = int(os.environ.get("OMP_NUM_THREADS", "1"))
    torch.set_num_threads(threads)
    device = torch.device(a.device)
    cuda = device.type == "cuda"
    if cuda:
        if not torch.cuda.is_available():
            sys.exit("--device cuda: PyTorch sees no CUDA GPU")
        torch.backends.cuda.matmul.allow_tf32 = False  # float32 math, as on the CPU side
        torch.backends.cudnn.allow_tf32 = False
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    torch.manual_seed(1)
    model = build(a, torch).to(device)
    g = torch.Generator().manual_seed(1)
    ids = torch.randint(1, a.vocab, (a.batch, a.seq), generator=g).to(device)
    types = torch.zeros_like(ids)
    mask = torch.ones(a.batch, a.seq, device=device)
    targets = [torch.randint(0, c, (a.batch,), generator=g).to(device) for c in a.classes]
    weights = [a.pi, 1.0 - a.pi]
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)

    def train_step():
        model.train()
        opt.zero_grad(set_to_none=True)
        logits = model(ids, types, mask)
        loss = sum(w * torch.nn.functional.cross_entropy(z, y) for w, z, y in zip(weights, logits, targets))
        loss.backward()
        opt.step()
        return loss.item()

    def infer():
        model.eval()
        with torch.inference_mode():
            return [torch.softmax(z, -1) for z in model(ids, types, mask)]

    step_wall, step_cpu = samples_ms(train_step, a.warmup, a.reps, sync)
    infer_wall, infer_cpu = samples_ms(infer, a.warmup, a.reps, sync)
    infer_ms = statistics.median(infer_wall)
    out = {
        "side": "pytorch",
        "name": a.name,
        "version": torch.__version__,
        "device": torch.cuda.get_device_name(device) if cuda else "cpu",
        "threads": threads,
        "train_step_ms": statistics.median(step_wall),
        "train_step_cpu_ms": statistics.median(step_cpu),
        "train_step_samples_ms": step_wall,
        "train_step_cpu_samples_ms": step_cpu,
        "inference_ms": infer_ms,
        "inference_cpu_ms": statistics.median(infer_cpu),
        "inference_samples_ms": infer_wall,
        "inference_cpu_samples_ms": infer_cpu,
        "inference_seq_per_s": a.batch / (infer_ms / 1000.0),
        "peak_rss_mb": peak_rss_mb(),
    }
    if cuda:
        out["peak_gpu_mb"] = torch.cuda.max_memory_allocated(device) / 2**20
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
