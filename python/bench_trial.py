#!/usr/bin/env python3
"""PyTorch side of `polyhead bench --trial`: the same fine-tuning trial as polyhead's, on the rows polyhead wrote.

Reads the split file (experiments/src/main/java/org/polyhead/bench/TrialSplit.java writes it): a header with the
recipe, then the training rows in epoch 1's batch order and the validation rows in record order, as token ids and a
class index per label group. Builds HuggingFace's BertModel from the header's checkpoint folder (the pretrained
all-MiniLM-L6-v2, its safetensors) with the header's dropout, one linear softmax head per group on mean pooling over
real tokens, L = Σ w_g·CE_g, and torch.optim.AdamW with polyhead's groups (the encoder at lr, the heads at head_lr; no
weight decay on biases and LayerNorm weights) and its linear warm-up and decay. Each batch is padded to its own longest
row, as polyhead's. Trains `--warmup` unmeasured and `--steps` measured steps over the batches in order, then runs
the validation part (eval mode, no gradients: each group's probabilities, loss and accuracy) once unmeasured and
`--validations` times measured. Prints one JSON object on stdout with the keys of polyhead's side
(experiments/src/main/java/org/polyhead/bench/TrialBench.java): wall and process-CPU milliseconds of every measured
repetition and their medians, validation throughput, the resident set after loading, warm-up, the steps and validation,
the peak (VmHWM), and data_sha256, the digest of the rows read, in the canonical form TrialSplit.digest uses.
Threads: OMP_NUM_THREADS.
"""
import argparse
import hashlib
import json
import os
import statistics
import sys
import time

from bench_torch import samples_ms  # this script's folder is on sys.path when it runs


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--name", default="trial")
    p.add_argument("--split", required=True, help="the split file polyhead wrote")
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--validations", type=int, default=2)
    return p.parse_args()


def status_mb(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def read_split(path):
    with open(path) as f:
        header = json.loads(f.readline())
        rows = [json.loads(line) for line in f if line.strip()]
    digest = hashlib.sha256()
    for r in rows:
        digest.update(("%s %s %s\n" % (r["part"], ",".join(map(str, r["ids"])),
                                       ",".join(map(str, r["labels"])))).encode())
    train = [r for r in rows if r["part"] == "train"]
    validation = [r for r in rows if r["part"] == "validation"]
    return header, train, validation, digest.hexdigest()


def batches(rows, size, torch):
    """Consecutive rows, each batch padded to its own longest row: (ids, mask, labels per group)."""
    out = []
    for start in range(0, len(rows), size):
        part = rows[start:start + size]
        t = max(len(r["ids"]) for r in part)
        ids = torch.zeros(len(part), t, dtype=torch.long)
        mask = torch.zeros(len(part), t, dtype=torch.long)
        for i, r in enumerate(part):
            ids[i, :len(r["ids"])] = torch.tensor(r["ids"])
            mask[i, :len(r["ids"])] = 1
        labels = torch.tensor([r["labels"] for r in part], dtype=torch.long).t()
        out.append((ids, mask, labels))
    return out


def main():
    a = parse_args()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    import torch
    import transformers
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    torch.manual_seed(1)
    h, train_rows, val_rows, digest = read_split(a.split)
    if h["pooling"] != "mean":
        sys.exit("bench_trial.py: pooling %r: only mean pooling is built here" % h["pooling"])
    d = h["dropout"]
    encoder = transformers.BertModel.from_pretrained(h["checkpoint"], hidden_dropout_prob=d,
                                                     attention_probs_dropout_prob=d, add_pooling_layer=False)
    heads = torch.nn.ModuleList(torch.nn.Linear(encoder.config.hidden_size, g["classes"]) for g in h["groups"])
    weights = h["loss_weights"]

    def logits(ids, mask):
        x = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        m = mask.unsqueeze(-1).to(x.dtype)
        pooled = (x * m).sum(1) / m.sum(1)
        return [head(pooled) for head in heads]

    def no_decay(name):
        return "bias" in name or "LayerNorm.weight" in name

    param_groups = []
    for module, lr in ((encoder, h["lr"]), (heads, h["head_lr"])):
        named = list(module.named_parameters())
        param_groups.append({"params": [p for n, p in named if not no_decay(n)], "lr": lr,
                             "weight_decay": h["weight_decay"]})
        param_groups.append({"params": [p for n, p in named if no_decay(n)], "lr": lr, "weight_decay": 0.0})
    opt = torch.optim.AdamW(param_groups)
    warm, total = h["warmup_steps"], h["total_steps"]
    schedule = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warm if s < warm else max(0.0, (total - s) / max(1, total - warm)))
    train = batches(train_rows, h["batch_size"], torch)
    validation = batches(val_rows, h["batch_size"], torch)
    load_ms = (time.perf_counter() - wall0) * 1000.0
    load_cpu_ms = (time.process_time() - cpu0) * 1000.0
    rss = [status_mb("VmRSS")]
    step_at = [0]

    def train_step():
        encoder.train()
        heads.train()
        ids, mask, labels = train[step_at[0] % len(train)]
        step_at[0] += 1
        opt.zero_grad(set_to_none=True)
        loss = sum(w * torch.nn.functional.cross_entropy(z, y)
                   for w, z, y in zip(weights, logits(ids, mask), labels))
        loss.backward()
        opt.step()
        schedule.step()
        return loss.item()

    def validate():
        encoder.eval()
        heads.eval()
        correct = [0] * len(weights)
        losses = [0.0] * len(weights)
        with torch.inference_mode():
            for ids, mask, labels in validation:
                for g, (z, y) in enumerate(zip(logits(ids, mask), labels)):
                    p = torch.softmax(z, -1)
                    losses[g] += torch.nn.functional.cross_entropy(z, y, reduction="sum").item()
                    correct[g] += int((p.argmax(-1) == y).sum())
        return correct, losses

    samples_ms(train_step, a.warmup, 0)
    rss.append(status_mb("VmRSS"))
    step_wall, step_cpu = samples_ms(train_step, 0, a.steps)
    rss.append(status_mb("VmRSS"))
    val_wall, val_cpu = samples_ms(validate, 1, a.validations)
    rss.append(status_mb("VmRSS"))
    val_ms = statistics.median(val_wall)
    out = {
        "side": "pytorch",
        "name": a.name,
        "version": "%s, transformers %s (BertModel, attention %s)" % (
            torch.__version__, transformers.__version__, encoder.config._attn_implementation),
        "device": "cpu",
        "threads": torch.get_num_threads(),
        "load_ms": load_ms,
        "load_cpu_ms": load_cpu_ms,
        "rss_mb": rss,
        "train_step_ms": statistics.median(step_wall),
        "train_step_cpu_ms": statistics.median(step_cpu),
        "train_step_samples_ms": step_wall,
        "train_step_cpu_samples_ms": step_cpu,
        "validation_ms": val_ms,
        "validation_cpu_ms": statistics.median(val_cpu),
        "validation_samples_ms": val_wall,
        "validation_cpu_samples_ms": val_cpu,
        "validation_rows": len(val_rows),
        "validation_seq_per_s": len(val_rows) / (val_ms / 1000.0),
        "train_rows": len(train_rows),
        "data_sha256": digest,
        "peak_rss_mb": status_mb("VmHWM"),
    }
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
