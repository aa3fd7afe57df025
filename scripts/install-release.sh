#!/usr/bin/env bash
# Installs a released idlint binary: downloads the archive for this machine and its
# SHA-256 sum, refuses it unless the sum holds, and puts `idlint` in DEST; with
# --with-mcp, also the MCP server `idlint-mcp` from its own archive, beside it (where
# `idlint mcp` looks for it). Used by the GitHub Action (action.yml) and the GitLab
# template; works for anyone's CI.
# Usage: scripts/install-release.sh VERSION DEST [--with-mcp]
#   IDLINT_RELEASES_URL  where releases are (default: GitHub releases of idlint/idlint;
#                        a mirror, or file:///path for a local copy), holding
#                        vVERSION/idlint-VERSION-linux-ARCH.tar.gz and its .sha256 (and
#                        idlint-mcp-VERSION-linux-ARCH.tar.gz with its .sha256)
set -euo pipefail
[ $# -eq 2 ] || { [ $# -eq 3 ] && [ "$3" = "--with-mcp" ]; } || { echo "usage: install-release.sh VERSION DEST [--with-mcp]" >&2; exit 2; }
version=${1#v}
dest=$2
programs=(idlint)
[ $# -eq 3 ] && programs+=(idlint-mcp)
case "$version" in
  *[!0-9A-Za-z.+-]* | "") echo "install-release: '$1' is not a version" >&2; exit 2 ;;
esac
base=${IDLINT_RELEASES_URL:-https://github.com/idlint/idlint/releases/download}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Every archive is fetched and checked before anything is installed.
for program in "${programs[@]}"; do
  name="$program-$version-linux-$(uname -m)"
  for file in "$name.tar.gz" "$name.tar.gz.sha256"; do
    curl --fail --silent --show-error --location --proto '=https,file' --max-time 300 \
      --output "$work/$file" "$base/v$version/$file"
  done
  # The archive's own sum against the first field of the sum file: the file's name column
  # is not trusted to name the archive.
  expected=$(cut -d ' ' -f 1 <"$work/$name.tar.gz.sha256")
  actual=$(sha256sum "$work/$name.tar.gz" | cut -d ' ' -f 1)
  [ -n "$expected" ] && [ "$expected" = "$actual" ] || { echo "install-release: the SHA-256 sum of $name.tar.gz does not match" >&2; exit 1; }
  tar -C "$work" -xzf "$work/$name.tar.gz"
done
mkdir -p "$dest"
for program in "${programs[@]}"; do
  install -m 0755 "$work/$program-$version-linux-$(uname -m)/$program" "$dest/$program"
done
echo "installed $("$dest/idlint" --version) in $dest${programs[1]:+, with idlint-mcp}"
if [ -z "${programs[1]:-}" ] && [ -e "$dest/idlint-mcp" ] && [ "$("$dest/idlint-mcp" --version 2>/dev/null)" != "$version" ]; then
  echo "install-release: $dest/idlint-mcp is another version; idlint mcp refuses it until it is installed again (--with-mcp)" >&2
fi
