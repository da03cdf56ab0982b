#!/usr/bin/env python3
"""HuggingFace reference for polyhead's encoder: tokenizes and encodes texts with transformers + torch.

polyhead's parity tests run this from .venv and compare token ids and last hidden states with the SameDiff encoder,
so it must do exactly what a user of transformers would do: AutoTokenizer + AutoModel, float32, eval mode, offline.
Writes one JSON line per input line (empty lines included): input_ids, attention_mask, token_type_ids and, unless
--tokens-only, last_hidden_state (one vector per token, padded positions included, batched with padding to the longest
text of each batch, so padded batches of mixed lengths are what is compared).
"""
import argparse
import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", required=True, help="HuggingFace model folder (config.json, weights, tokenizer)")
    p.add_argument("--input", required=True, help="UTF-8 text file, one text per line")
    p.add_argument("--output", required=True, help="JSONL file to write")
    p.add_argument("--max-length", type=int, default=128, help="truncate to this many tokens (specials included)")
    p.add_argument("--batch-size", type=int, default=8, help="texts per padded batch")
    p.add_argument("--tokens-only", action="store_true", help="skip the model: write token ids only")
    p.add_argument("--dtype", choices=("float32", "float64"), default="float32",
                   help="float64 separates float32 rounding from real differences when a parity check fails")
    return p.parse_args()


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").rstrip("\r") for line in f]


def main():
    args = parse_args()
    from transformers import AutoTokenizer
    tokenizer = AutoTokenizer.from_pretrained(args.model, local_files_only=True)
    model = None
    if not args.tokens_only:
        import torch
        from transformers import AutoModel
        torch.set_num_threads(1)
        model = AutoModel.from_pretrained(args.model, local_files_only=True, dtype=getattr(torch, args.dtype))
        model.eval()
    texts = read_lines(args.input)
    with open(args.output, "w", encoding="utf-8") as out:
        for start in range(0, len(texts), args.batch_size):
            batch = texts[start:start + args.batch_size]
            enc = tokenizer(batch, padding="longest", truncation=True, max_length=args.max_length,
                            return_tensors="pt" if model is not None else None)
            hidden = None
            if model is not None:
                import torch
                with torch.no_grad():
                    hidden = model(**enc).last_hidden_state.double().numpy()
            for i in range(len(batch)):
                row = {key: [int(v) for v in enc[key][i]] for key in ("input_ids", "attention_mask", "token_type_ids")}
                if hidden is not None:
                    row["last_hidden_state"] = [[float(x) for x in vec] for vec in hidden[i]]
                out.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
