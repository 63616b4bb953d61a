#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/README.md) and runs them.
#
#   fuzz/run.sh                      build, then run every harness for 1,000,000 executions
#   fuzz/run.sh yaml tex             only these (yaml, tex, csv, chapter)
#   RUNS=10000 fuzz/run.sh           a short smoke run
#   fuzz/run.sh --build-only
#
# Inputs up to 64 KiB; an input slower than 1 s counts as a failure (libFuzzer's -timeout). Findings
# (crashes, timeouts) and each harness's slowest input go to fuzz/out/; the corpus grows in
# fuzz/out/corpus-NAME, seeded from the committed fuzz/corpus/NAME. A log per harness ends with the
# line libFuzzer's run closes on and the harness's own "slowest input" line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh

runs="${RUNS:-1000000}"
build_only=0
harnesses=()
for arg in "$@"; do
  case "$arg" in
    --build-only) build_only=1 ;;
    yaml|tex|csv|chapter) harnesses+=("$arg") ;;
    *) echo "fuzz/run.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done
((${#harnesses[@]})) || harnesses=(yaml tex csv chapter)

# -sanitize=fuzzer instruments every Swift module for coverage and links libFuzzer; the C of Yams (libyaml)
# is instrumented too. -enable-testing lets the harnesses reach internal entry points (@testable import).
# lld, because gold fails on libFuzzer's runtime archive.
build=(swift build -c release --scratch-path .build-fuzz
       -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing -Xswiftc -use-ld=lld
       -Xcc -fsanitize=fuzzer-no-link)
declare -A product=([yaml]=FuzzYAML [tex]=FuzzTeX [csv]=FuzzCSV [chapter]=FuzzChapter)
for h in "${harnesses[@]}"; do
  DOCGEN_FUZZ=1 "${build[@]}" --product "${product[$h]}"
done
bin="$(DOCGEN_FUZZ=1 "${build[@]}" --show-bin-path)"
((build_only)) && exit 0

mkdir -p fuzz/out
for h in "${harnesses[@]}"; do rm -rf "fuzz/out/$h-slow" "fuzz/out/$h-slowest"; done
for h in "${harnesses[@]}"; do
  corpus="fuzz/out/corpus-$h"
  mkdir -p "$corpus"
  echo "fuzz: $h, $runs executions" >&2
  start=$(date +%s)
  DOCGEN_FUZZ_OUT=fuzz/out "$bin/${product[$h]}" "$corpus" "fuzz/corpus/$h" \
    -runs="$runs" -max_len=65536 -len_control=0 -timeout=1 -rss_limit_mb=4096 \
    -artifact_prefix="fuzz/out/$h-" -print_final_stats=1 2> "fuzz/out/$h.log" || {
      echo "fuzz: $h FOUND A PROBLEM (fuzz/out/$h.log, fuzz/out/$h-*)" >&2; tail -30 "fuzz/out/$h.log" >&2; exit 1; }
  echo "fuzz: $h done in $(( $(date +%s) - start )) s: $(grep -E '^(Done|stat::number_of_executed_units)' "fuzz/out/$h.log" | tr '\n' ' ')" >&2
  grep "slowest input" "fuzz/out/$h.log" >&2 || true
  # Time the inputs that were slow during the run again (best of three), since a shared machine stalls.
  if [[ -d "fuzz/out/$h-slow" ]]; then
    worst=0; worst_file=""
    for f in "fuzz/out/$h-slow"/* "fuzz/out/$h-slowest"; do
      [[ -f "$f" ]] || continue
      best=""
      for _ in 1 2 3; do
        ms=$(DOCGEN_FUZZ_OUT=/tmp "$bin/${product[$h]}" "$f" 2>&1 | sed -n 's/.*slowest input \([0-9.]*\) ms.*/\1/p')
        if [[ -z "$best" ]] || awk "BEGIN{exit !($ms < $best)}"; then best=$ms; fi
      done
      if awk "BEGIN{exit !($best > $worst)}"; then worst=$best; worst_file=$f; fi
    done
    echo "fuzz: $h slowest input timed again (best of 3): $worst ms ($(wc -c < "${worst_file:-/dev/null}") bytes, $worst_file)" >&2
  fi
done
