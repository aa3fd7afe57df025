#!/usr/bin/env bash
# Renders the HTML framework report of the bundled fixtures in headless Chromium and
# saves a screenshot, to check that the page and its coverage picture draw offline.
#   scripts/report-screenshot.sh .build/debug/idlint [OUT.png]
# Skips (exit 0, with a note) where no Chromium is installed; CI runs it where one is.
set -euo pipefail
idlint="$1"
out="${2:-${TMPDIR:-/tmp}/idlint-framework-report.png}"
root=$(cd "$(dirname "$0")/.." && pwd)
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "report screenshot: skipped (no Chromium installed)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
set +e
"$idlint" report --framework all --format html --now 2026-06-01 -o "$work/report.html" "$root/fixtures"
status=$?
set -e
[ "$status" -le 1 ] || { echo "report screenshot: idlint report failed ($status)"; exit 1; }
grep -q "<svg role=\"img\" aria-label=\"Coverage matrix\"" "$work/report.html" || { echo "report screenshot: no coverage picture in the page"; exit 1; }
# No network: the page must draw from itself alone.
"$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-background-networking \
  --proxy-server="127.0.0.1:9" --window-size=1200,1600 --screenshot="$out" "file://$work/report.html" >/dev/null 2>&1
[ -s "$out" ] || { echo "report screenshot: Chromium wrote no screenshot"; exit 1; }
python3 - "$out" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert width >= 800 and height >= 800, f"unexpected size {width}x{height}"
print(f"report screenshot: {sys.argv[1]} ({width}x{height})")
PY
