#!/usr/bin/env bash
# libFuzzer with AddressSanitizer over idlint's parsers, rules and certificate reader.
#   scripts/fuzz.sh --list              the target names
#   scripts/fuzz.sh TARGET SECONDS      fuzz one target; exit 0 only when nothing was found
# Builds into .build-fuzz with IDLINT_FUZZ=1 (see Package.swift). Starts from the seeds in
# Tests/FuzzCorpus/TARGET (and any crash inputs kept there), grows a working corpus in
# .build-fuzz/corpus/TARGET, and writes what it finds to .build-fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
targets="yaml json xml hcl toml scan terraform certificate"
if [ "${1:-}" = "--list" ]; then
  for target in $targets; do echo "$target"; done
  exit 0
fi
target="${1:?usage: scripts/fuzz.sh --list | TARGET SECONDS}"
seconds="${2:?usage: scripts/fuzz.sh TARGET SECONDS}"
case " $targets " in *" $target "*) ;; *) echo "unknown target $target; scripts/fuzz.sh --list" >&2; exit 2 ;; esac
IDLINT_FUZZ=1 swift build --build-path .build-fuzz --product idlint-fuzz >&2
corpus=".build-fuzz/corpus/$target"
artifacts=".build-fuzz/artifacts/$target/"
mkdir -p "$corpus" "$artifacts"
# Bounds: 10 s per input, 2 GB of memory, inputs up to 64 KB; leaks are reported.
IDLINT_FUZZ_TARGET="$target" ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1" \
  LSAN_OPTIONS="suppressions=$PWD/Tests/FuzzCorpus/lsan-suppressions.txt:print_suppressions=0" \
  .build-fuzz/debug/idlint-fuzz -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$artifacts" -print_final_stats=1 "$corpus" "Tests/FuzzCorpus/$target"
