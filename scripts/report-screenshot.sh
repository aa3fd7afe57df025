#!/usr/bin/env bash
# Renders the HTML framework report of the bundled fixtures in headless Chromium, offline,
# and checks what an auditor sees there: the DOM Chromium built holds the summary table
# with a row per framework, a section per framework with a row per control, and the
# coverage grid with a cell per control; and the screenshot is a page with something
# drawn on it, not a blank one.
#   scripts/report-screenshot.sh .build/debug/idlint [OUT.png]
# make test installs Debian's Chromium; run by hand without one, it skips with a note.
set -euo pipefail
idlint="$1"
out="${2:-${TMPDIR:-/tmp}/idlint-framework-report.png}"
root=$(cd "$(dirname "$0")/.." && pwd)
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  # make test installs Chromium and asks for it: there, a missing browser fails.
  [ "${IDLINT_REQUIRE_BROWSER:-0}" = 1 ] && { echo "report screenshot: no Chromium installed"; exit 1; }
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
"$idlint" report --framework all --format json --now 2026-06-01 -o "$work/report.json" "$root/fixtures" >/dev/null 2>&1 || true
# No network: the page must draw from itself alone.
flags=(--headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-background-networking --proxy-server="127.0.0.1:9")
# Headless Chromium now and then never returns (it hung on the screenshot for 11 minutes
# in a CI run on the development machine): each run is bounded, and one that runs out of
# time is tried once more before the check fails. Chromium's standard output goes to $1.
run_browser() {
  local output="$1"
  shift
  for attempt in 1 2; do
    local status=0
    timeout -k 10 120 "$browser" "${flags[@]}" "$@" >"$output" 2>/dev/null || status=$?
    if [ "$status" -ne 124 ] && [ "$status" -ne 137 ]; then return "$status"; fi
    echo "report screenshot: Chromium did not finish within 120 s (attempt $attempt of 2)"
  done
  return 1
}
# A picture left by an earlier run must not pass for this one.
rm -f "$out"
run_browser /dev/null --window-size=1200,1600 --screenshot="$out" "file://$work/report.html"
run_browser "$work/dom.html" --dump-dom "file://$work/report.html"
[ -s "$out" ] || { echo "report screenshot: Chromium wrote no screenshot"; exit 1; }
[ -s "$work/dom.html" ] || { echo "report screenshot: Chromium rendered no page"; exit 1; }
python3 - "$out" "$work/dom.html" "$work/report.json" <<'PY'
import json, struct, sys, zlib
from html.parser import HTMLParser

# What the browser built: headings, table rows and the coverage grid's cells.
class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings, self.rows_per_table, self.grid_cells = [], [], 0
        self.in_h2, self.in_grid, self.text = False, False, ""
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h2": self.in_h2, self.text = True, ""
        if tag == "table": self.rows_per_table.append(0)
        if tag == "tr" and self.rows_per_table: self.rows_per_table[-1] += 1
        if tag == "svg" and attrs.get("aria-label") == "Coverage matrix": self.in_grid = True
        if tag == "rect" and self.in_grid: self.grid_cells += 1
    def handle_endtag(self, tag):
        if tag == "h2": self.in_h2 = False; self.headings.append(self.text.strip())
        if tag == "svg": self.in_grid = False
    def handle_data(self, data):
        if self.in_h2: self.text += data

page = Page()
page.feed(open(sys.argv[2], encoding="utf-8").read())
report = json.load(open(sys.argv[3]))
frameworks = report["frameworks"]
controls = sum(len(framework["controls"]) for framework in frameworks)
problems = []
missing = [f["title"] for f in frameworks if not any(h.startswith(f["title"]) for h in page.headings)]
if missing: problems.append(f"no section for {missing}")
if not page.rows_per_table or page.rows_per_table[0] < len(frameworks) + 1:
    problems.append(f"the summary table has {page.rows_per_table[:1]} rows for {len(frameworks)} frameworks")
control_rows = sum(page.rows_per_table[1:])
if control_rows < controls: problems.append(f"{control_rows} table rows for {controls} controls")
if page.grid_cells < controls: problems.append(f"the coverage grid has {page.grid_cells} cells for {controls} controls")

# The screenshot: a PNG of the window's size whose pixels are not all one colour.
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
if width < 800 or height < 800: problems.append(f"unexpected size {width}x{height}")
chunks, at = b"", 8
while at < len(data):
    length, kind = struct.unpack(">I4s", data[at:at + 8])
    if kind == b"IDAT": chunks += data[at + 8:at + 8 + length]
    at += 12 + length
pixels = zlib.decompress(chunks)
if len(set(pixels[::97])) < 8: problems.append("the screenshot is blank")

if problems:
    print("report screenshot: " + "; ".join(problems))
    sys.exit(1)
print(f"report screenshot: {sys.argv[1]} ({width}x{height}); {len(frameworks)} framework sections, {controls} controls in tables and grid")
PY
