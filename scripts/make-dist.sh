#!/usr/bin/env bash
# Packs a release archive from a statically linked idlint: the binary, README, CHANGELOG,
# the man page and shell completions, as dist/idlint-VERSION-linux-ARCH.tar.gz with its SHA-256 sum.
# Usage: scripts/make-dist.sh BINARY OUTDIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: make-dist.sh BINARY OUTDIR" >&2; exit 2; }
binary=$(realpath "$1")
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
version=$("$binary" --version)
name="idlint-$version-linux-$(uname -m)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/completions" "$stage/$name/man"
cp "$binary" "$stage/$name/idlint"
# Symbols are for debugging a build, not for running one: stripped, the binary is a third of the size.
strip "$stage/$name/idlint" 2>/dev/null || true
cp "$root/README.md" "$root/CHANGELOG.md" "$stage/$name/"
# The licence goes with the binary once the project has chosen one (see the README).
[ -f "$root/LICENSE" ] && cp "$root/LICENSE" "$stage/$name/"
python3 "$root/scripts/make-man.py" "$binary" "$stage/$name/man/idlint.1"
for shell in bash zsh fish; do
  "$binary" --generate-completion-script "$shell" >"$stage/$name/completions/idlint.$shell"
done
mkdir -p "$out"
tar -C "$stage" -czf "$out/$name.tar.gz" "$name"
(cd "$out" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "$out/$name.tar.gz"
