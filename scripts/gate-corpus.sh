#!/usr/bin/env bash
# Replays the change-gate corpus (fixtures/gate/) through `idlint diff` and compares
# each verdict with the one a careful reviewer gave the scenario.
#
#   scripts/gate-corpus.sh IDLINT [SCENARIO ...]
#
# IDLINT is the binary to try. Each scenario folder holds base/ and head/ (the files of
# the change before and after) and scenario.yaml (verdict, actor, kind, why, and for
# widening changes an optional delta: the principal and what it must be shown to gain).
# For each scenario the script makes a throw-away git repository in a temporary folder,
# commits base/, then replaces the tree with head/ and commits again (so deleted files
# count as deleted), and runs, inside it:
#
#   IDLINT diff --base HEAD~1 --head HEAD --format json --actor <actor>
#
# It prints one line per scenario (name, expected, got, OK or WRONG), then totals, among
# them the false-review rate on harmless changes. A scenario is OK when the verdict
# matches and every expected delta entry appears in the JSON privilegeDelta.
# fixtures/gate/KNOWN-GAPS names scenarios the gate does not yet get right, each with
# why: they are shown as GAP and do not fail the run, but one that starts to pass fails
# it until it is taken off the list, so the list only shrinks. Two invariants hold
# whatever the list says: no harmless change is flagged, and no widening or sensitive
# change passes. Exit 0 when all of that holds; 2 on a usage error. Nothing is written outside the
# temporary folder, which is removed on exit. Needs git and python3.
set -u

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  echo "usage: $0 IDLINT [SCENARIO ...]" >&2
  exit 2
fi
idlint=$1
shift
case "$idlint" in
  /*) ;;
  */*) idlint="$(cd "$(dirname "$idlint")" && pwd)/$(basename "$idlint")" ;;
  *) idlint="$(command -v "$idlint" || true)" ;;
esac
if [ -z "$idlint" ] || [ ! -x "$idlint" ]; then
  echo "$0: no executable idlint at '$1'" >&2
  exit 2
fi
command -v git >/dev/null || { echo "$0: git is needed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "$0: python3 is needed" >&2; exit 2; }

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$root/fixtures/gate"
[ -d "$corpus" ] || { echo "$0: no corpus at $corpus" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/idlint-gate-corpus.XXXXXX")"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# The user's and the system's git configuration (hooks, signing, templates) stay out.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
export GIT_AUTHOR_NAME="Gate Corpus" GIT_AUTHOR_EMAIL="gate-corpus@example.invalid"
export GIT_COMMITTER_NAME="Gate Corpus" GIT_COMMITTER_EMAIL="gate-corpus@example.invalid"
export GIT_AUTHOR_DATE="2026-01-05T10:00:00Z" GIT_COMMITTER_DATE="2026-01-05T10:00:00Z"

# scenario.yaml is flat: `key: value` lines, `why: >-` folded text, and `delta:` items
# written as `- {principal: "...", gains: "..."}`.
field() { sed -n "s/^$2:[[:space:]]*[\"']\{0,1\}\([A-Za-z]*\).*/\1/p" "$1" | head -n 1; }

# Reads idlint's JSON on stdin; prints the verdict, then one line per unmet delta entry.
judge='
import json, re, sys
scenario, output = sys.argv[1], sys.argv[2]
expected = []
with open(scenario, encoding="utf-8") as f:
    for line in f:
        m = re.match(r"\s*-\s*\{\s*principal:\s*\"?([^\",}]*)\"?\s*,\s*gains:\s*\"?([^\"}]*)\"?\s*\}", line)
        if m:
            expected.append((m.group(1).strip(), m.group(2).strip()))
try:
    with open(output, encoding="utf-8") as f:
        report = json.load(f)
    verdict = report["gate"]["verdict"]
except Exception:
    print("error")
    sys.exit(0)
print(verdict)
delta = report.get("privilegeDelta") or []
for principal, gains in expected:
    hit = any(principal.lower() in str(entry.get("principal", "")).lower()
              and any(gains.lower() in str(g).lower() for g in entry.get("gained") or [])
              for entry in delta)
    if not hit:
        print(principal + " gains " + (gains or "anything"))
'

if [ $# -gt 0 ]; then
  scenarios=("$@")
else
  scenarios=()
  for path in "$corpus"/*/; do scenarios+=("$(basename "$path")"); done
fi

known_gaps="$corpus/KNOWN-GAPS"
is_known_gap() { [ -f "$known_gaps" ] && grep -qE "^$1([[:space:]]|\$)" "$known_gaps"; }

total=0; right=0; verdicts_right=0; gaps=0; unexpected=0
harmless=0; harmless_flagged=0
narrowing=0; narrowing_held=0
risky=0; risky_passed=0
deltas=0; deltas_missing=0

printf '%-48s %-9s %-9s %s\n' "scenario" "expected" "got" "result"
for name in "${scenarios[@]}"; do
  name="$(basename "$name")"
  dir="$corpus/$name"
  if [ ! -f "$dir/scenario.yaml" ] || [ ! -d "$dir/base" ] || [ ! -d "$dir/head" ]; then
    echo "$0: $name: needs base/, head/ and scenario.yaml" >&2
    exit 2
  fi
  expected="$(field "$dir/scenario.yaml" verdict)"
  actor="$(field "$dir/scenario.yaml" actor)"; actor="${actor:-human}"
  kind="$(field "$dir/scenario.yaml" kind)"
  case "$expected/$actor/$kind" in
    pass/*|review/*|block/*) ;;
    *) echo "$0: $name: scenario.yaml needs verdict: pass, review or block" >&2; exit 2 ;;
  esac
  case "$actor" in human|agent) ;; *) echo "$0: $name: actor must be human or agent" >&2; exit 2 ;; esac
  case "$kind" in harmless|narrowing|widening|sensitive) ;; *) echo "$0: $name: kind must be harmless, narrowing, widening or sensitive" >&2; exit 2 ;; esac

  repo="$work/$name"
  mkdir -p "$repo"
  (
    cd "$repo" || exit 1
    git init -q -b main . &&
    cp -R "$dir/base/." . &&
    git add -A && git commit -q --allow-empty -m base &&
    git rm -rq --ignore-unmatch . &&
    cp -R "$dir/head/." . &&
    git add -A && git commit -q --allow-empty -m head
  ) >"$work/$name.git.log" 2>&1 || { echo "$0: $name: could not build the repository" >&2; cat "$work/$name.git.log" >&2; exit 2; }

  (cd "$repo" && "$idlint" diff --base HEAD~1 --head HEAD --format json --actor "$actor") \
    >"$work/$name.json" 2>"$work/$name.stderr"
  result="$(python3 -c "$judge" "$dir/scenario.yaml" "$work/$name.json")"
  got="$(printf '%s\n' "$result" | head -n 1)"
  missing="$(printf '%s\n' "$result" | tail -n +2)"
  expected_deltas="$(grep -cE '^[[:space:]]*-[[:space:]]*\{[[:space:]]*principal:' "$dir/scenario.yaml" || true)"
  deltas=$((deltas + expected_deltas))

  total=$((total + 1))
  status=OK
  if [ "$got" = "$expected" ]; then verdicts_right=$((verdicts_right + 1)); else status=WRONG; fi
  if [ -n "$missing" ]; then
    status=WRONG
    deltas_missing=$((deltas_missing + $(printf '%s\n' "$missing" | wc -l)))
  fi
  [ "$status" = OK ] && right=$((right + 1))
  if is_known_gap "$name"; then
    if [ "$status" = OK ]; then status="FIXED (take it off KNOWN-GAPS)"; unexpected=$((unexpected + 1)); else status=GAP; gaps=$((gaps + 1)); fi
  elif [ "$status" = WRONG ]; then
    unexpected=$((unexpected + 1))
  fi

  case "$kind" in
    harmless) harmless=$((harmless + 1)); [ "$got" = pass ] || harmless_flagged=$((harmless_flagged + 1)) ;;
    narrowing) narrowing=$((narrowing + 1)); [ "$got" = pass ] || narrowing_held=$((narrowing_held + 1)) ;;
    *) risky=$((risky + 1)); [ "$got" = pass ] && risky_passed=$((risky_passed + 1)) ;;
  esac

  line="$(printf '%-48s %-9s %-9s %s' "$name" "$expected" "$got" "$status")"
  if [ -n "$missing" ]; then
    line="$line  (delta lacks: $(printf '%s\n' "$missing" | paste -sd ';' - | sed 's/;/; /g'))"
  fi
  echo "$line"
done

echo
echo "scenarios: $total, right: $right, wrong: $((total - right)) ($gaps known gaps, $unexpected unexpected)"
echo "verdicts right: $verdicts_right of $total"
echo "false reviews on harmless changes: $harmless_flagged of $harmless"
echo "narrowing changes not passed: $narrowing_held of $narrowing"
echo "widening or sensitive changes passed: $risky_passed of $risky"
echo "expected delta entries missing: $deltas_missing of $deltas"
[ "$unexpected" -eq 0 ] && [ "$harmless_flagged" -eq 0 ] && [ "$risky_passed" -eq 0 ]
