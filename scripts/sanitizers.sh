#!/usr/bin/env bash
# The test suite under AddressSanitizer and ThreadSanitizer, each in its own build folder.
#   scripts/sanitizers.sh            both, the whole suite
#   scripts/sanitizers.sh thread     ThreadSanitizer only
#   scripts/sanitizers.sh thread Scanner   ... only the tests whose names match
# Exit 0 only when every test passed with no sanitizer report.
set -euo pipefail
cd "$(dirname "$0")/.."
kinds="${1:-address thread}"
filter=()
if [ -n "${2:-}" ]; then filter=(--filter "$2"); fi
for kind in $kinds; do
  echo "== swift test --sanitize=$kind ${filter[*]:-}"
  # halt_on_error: the first report fails the run; TSan's second_deadlock_stack for detail.
  ASAN_OPTIONS="detect_leaks=0:halt_on_error=1" TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1" \
    swift test --sanitize="$kind" --build-path ".build-$kind" "${filter[@]}"
done
