#!/usr/bin/env bash
# Checks a release archive the way a user without Swift meets it: the SHA-256 sum holds,
# the binary links no Swift library, and it scans the whole fixtures/ folder with the Swift
# toolchain's folder hidden (an empty tmpfs mounted over it in a private mount namespace).
# Usage: scripts/dist-check.sh ARCHIVE
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: dist-check.sh ARCHIVE" >&2; exit 2; }
archive=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $1"; failed=1; }

(cd "$(dirname "$archive")" && sha256sum --check --quiet "$(basename "$archive").sha256") || fail "the SHA-256 sum does not match"
tar -C "$work" -xzf "$archive"
binary=$(echo "$work"/idlint-*/idlint)
[ -x "$binary" ] || { echo "FAIL: no idlint binary in $archive"; exit 1; }
for file in README.md CHANGELOG.md man/idlint.1 completions/idlint.bash completions/idlint.zsh completions/idlint.fish; do
  [ -s "$(dirname "$binary")/$file" ] || fail "$file is missing from the archive"
done

grep -q '^\.TH IDLINT 1' "$(dirname "$binary")/man/idlint.1" && grep -q '^\.SS idlint diff' "$(dirname "$binary")/man/idlint.1" \
  || fail "the man page has no title or no diff section"

libraries=$(ldd "$binary")
if echo "$libraries" | grep -qiE 'swift|Foundation|dispatch|BlocksRuntime'; then
  fail "the binary links Swift libraries:"; echo "$libraries" | grep -iE 'swift|Foundation|dispatch|BlocksRuntime' | sed 's/^/  | /'
fi
echo "the binary needs: $(echo "$libraries" | awk '{print $1}' | grep -v -e linux-vdso -e ld-linux | tr '\n' ' ')"

toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
toolchain=$(dirname "$toolchain")
status=0
if unshare --mount sh -c "mount -t tmpfs none '$toolchain' 2>/dev/null" 2>/dev/null; then
  unshare --mount sh -c "mount -t tmpfs none '$toolchain' && cd '$root' && env -i PATH=/usr/bin:/bin '$binary' scan fixtures >'$work/out' 2>&1" || status=$?
  echo "scanned fixtures/ with $toolchain hidden: exit $status"
else
  env -i PATH=/usr/bin:/bin "$binary" scan "$root/fixtures" >"$work/out" 2>&1 || status=$?
  echo "could not hide $toolchain here (no mount namespace); scanned with a bare environment: exit $status"
fi
# Findings exit 1; anything else (a missing library is 127) is a failure.
[ "$status" -eq 1 ] || { fail "the extracted binary did not scan (exit $status)"; sed 's/^/  | /' "$work/out" | head -10; }
grep -q "K8S-" "$work/out" || fail "the scan reported no Kubernetes finding"
[ "$failed" -eq 0 ] && echo "dist check passed: $(basename "$archive")"
exit "$failed"
