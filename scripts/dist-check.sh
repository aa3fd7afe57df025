#!/usr/bin/env bash
# Checks the release archives the way a user without Swift meets them: the SHA-256 sums
# hold, neither binary links a Swift library nor idlint the MCP SDK's networking, idlint
# scans the whole fixtures/ folder and `idlint mcp` answers through idlint-mcp, with the
# Swift toolchain's folder hidden (an empty tmpfs mounted over it in a private mount namespace).
# Usage: scripts/dist-check.sh ARCHIVE
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: dist-check.sh ARCHIVE" >&2; exit 2; }
archive=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $1"; failed=1; }

# The server's archive sits beside the scanner's: idlint-mcp-VERSION-linux-ARCH.tar.gz.
server_archive="$(dirname "$archive")/$(basename "$archive" | sed 's/^idlint-/idlint-mcp-/')"
for file in "$archive" "$server_archive"; do
  [ -f "$file" ] || { echo "FAIL: no $file"; exit 1; }
  (cd "$(dirname "$file")" && sha256sum --check --quiet "$(basename "$file").sha256") || fail "the SHA-256 sum of $(basename "$file") does not match"
  tar -C "$work" -xzf "$file"
done
binary=$(echo "$work"/idlint-[0-9]*/idlint)
[ -x "$binary" ] || { echo "FAIL: no idlint binary in $archive"; exit 1; }
[ -x "$work"/idlint-mcp-*/idlint-mcp ] || { echo "FAIL: no idlint-mcp binary in $server_archive"; exit 1; }
# Installed as a user installs them: both in one folder.
cp "$work"/idlint-mcp-*/idlint-mcp "$(dirname "$binary")/"
for file in README.md CHANGELOG.md man/idlint.1 completions/idlint.bash completions/idlint.zsh completions/idlint.fish; do
  [ -s "$(dirname "$binary")/$file" ] || fail "$file is missing from the archive"
done

grep -q '^\.TH IDLINT 1' "$(dirname "$binary")/man/idlint.1" && grep -q '^\.SS idlint diff' "$(dirname "$binary")/man/idlint.1" \
  || fail "the man page has no title or no diff section"

server="$(dirname "$binary")/idlint-mcp"
for program in "$binary" "$server"; do
  libraries=$(ldd "$program")
  if echo "$libraries" | grep -qiE 'swift|Foundation|dispatch|BlocksRuntime'; then
    fail "$(basename "$program") links Swift libraries:"; echo "$libraries" | grep -iE 'swift|Foundation|dispatch|BlocksRuntime' | sed 's/^/  | /'
  fi
  echo "$(basename "$program") needs: $(echo "$libraries" | awk '{print $1}' | grep -v -e linux-vdso -e ld-linux | tr '\n' ' ')"
done
# The scanner leaves networking to the server: no libcurl, GnuTLS or Kerberos loaded per scan.
ldd "$binary" >"$work/ldd"
grep -qiE 'libcurl|gnutls|krb5' "$work/ldd" && fail "idlint links the MCP SDK's networking libraries"

# One MCP request, answered by the archive's server through `idlint mcp` before it stops
# at the end of its input.
printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"dist-check","version":"1"}}}' >"$work/initialize"

toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
toolchain=$(dirname "$toolchain")
status=0
if unshare --mount sh -c "mount -t tmpfs none '$toolchain' 2>/dev/null" 2>/dev/null; then
  unshare --mount sh -c "mount -t tmpfs none '$toolchain' && cd '$root' && env -i PATH=/usr/bin:/bin '$binary' scan fixtures >'$work/out' 2>&1" || status=$?
  echo "scanned fixtures/ with $toolchain hidden: exit $status"
  unshare --mount sh -c "mount -t tmpfs none '$toolchain' && env -i PATH=/usr/bin:/bin '$binary' mcp --root '$root/fixtures' --log /dev/null <'$work/initialize' >'$work/served' 2>&1" \
    || fail "idlint mcp did not serve with $toolchain hidden"
else
  env -i PATH=/usr/bin:/bin "$binary" scan "$root/fixtures" >"$work/out" 2>&1 || status=$?
  echo "could not hide $toolchain here (no mount namespace); scanned with a bare environment: exit $status"
  env -i PATH=/usr/bin:/bin "$binary" mcp --root "$root/fixtures" --log /dev/null <"$work/initialize" >"$work/served" 2>&1 \
    || fail "idlint mcp did not serve"
fi
grep -q '"serverInfo"' "$work/served" || { fail "idlint mcp did not answer initialize through idlint-mcp"; sed 's/^/  | /' "$work/served" | head -10; }
# Findings exit 1; anything else (a missing library is 127) is a failure.
[ "$status" -eq 1 ] || { fail "the extracted binary did not scan (exit $status)"; sed 's/^/  | /' "$work/out" | head -10; }
grep -q "K8S-" "$work/out" || fail "the scan reported no Kubernetes finding"
[ "$failed" -eq 0 ] && echo "dist check passed: $(basename "$archive")"
exit "$failed"
