#!/usr/bin/env bash
# Packs the release archives from statically linked binaries, each with its SHA-256 sum:
#   dist/idlint-VERSION-linux-ARCH.tar.gz      idlint, README, CHANGELOG, the man page and
#                                              shell completions: all that CI needs to scan;
#   dist/idlint-mcp-VERSION-linux-ARCH.tar.gz  idlint-mcp, the MCP server that `idlint mcp`
#                                              runs from idlint's own folder. It is apart
#                                              because it is as large as idlint (Foundation
#                                              and ICU data are in each) and CI never serves.
# Usage: scripts/make-dist.sh BINARY OUTDIR   (idlint-mcp is taken from BINARY's folder)
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: make-dist.sh BINARY OUTDIR" >&2; exit 2; }
binary=$(realpath "$1")
server="$(dirname "$binary")/idlint-mcp"
[ -x "$server" ] || { echo "make-dist: no idlint-mcp beside $binary" >&2; exit 1; }
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
version=$("$binary" --version)
# idlint mcp refuses a server of another version: never pack one.
[ "$("$server" --version)" = "$version" ] || { echo "make-dist: $server is not version $version" >&2; exit 1; }
name="idlint-$version-linux-$(uname -m)"
server_name="idlint-mcp-$version-linux-$(uname -m)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/completions" "$stage/$name/man" "$stage/$server_name"
cp "$binary" "$stage/$name/idlint"
cp "$server" "$stage/$server_name/idlint-mcp"
# Symbols are for debugging a build, not for running one: stripped, a binary is a third of the size.
strip "$stage/$name/idlint" "$stage/$server_name/idlint-mcp" 2>/dev/null || true
cp "$root/README.md" "$root/CHANGELOG.md" "$stage/$name/"
# The licence goes with the binaries once the project has chosen one (see the README).
if [ -f "$root/LICENSE" ]; then cp "$root/LICENSE" "$stage/$name/"; cp "$root/LICENSE" "$stage/$server_name/"; fi
python3 "$root/scripts/make-man.py" "$binary" "$stage/$name/man/idlint.1"
for shell in bash zsh fish; do
  "$binary" --generate-completion-script "$shell" >"$stage/$name/completions/idlint.$shell"
done
mkdir -p "$out"
for archive in "$name" "$server_name"; do
  tar -C "$stage" -czf "$out/$archive.tar.gz" "$archive"
  (cd "$out" && sha256sum "$archive.tar.gz" >"$archive.tar.gz.sha256")
done
echo "$out/$name.tar.gz"
