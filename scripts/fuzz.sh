#!/usr/bin/env bash
# Fuzzing: builds the libFuzzer targets of Fuzz/ (release, with the fuzzer sanitizer, in
# .build-fuzz so that the project's own build never sees it), runs them side by side for SECONDS
# each on their seed corpus Fuzz/Corpus/<target>/ (new inputs go to .build-fuzz/corpus/<target>/)
# and prints, for each, the executions run and the crashes found. A crash's input is left in
# .build-fuzz/crashes/<target>/: make it a fixture under Tests/Fixtures/fuzz/ once it is fixed.
# Exits 1 when any target crashed.
# Usage, from the repository root: scripts/fuzz.sh [SECONDS] [TARGET...]   (60 seconds; FuzzCSV FuzzXLSX FuzzRows)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=${*:-FuzzCSV FuzzXLSX FuzzRows}
# gold, the default linker here, fails on these binaries with an internal error; lld links them.
mkdir -p .build-fuzz
if ! swift build -c release --package-path Fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library \
  -Xswiftc -use-ld=lld >.build-fuzz/build.log 2>&1; then
  cat .build-fuzz/build.log >&2
  exit 1
fi
for target in $targets; do
  rm -rf ".build-fuzz/crashes/$target"
  mkdir -p ".build-fuzz/corpus/$target" ".build-fuzz/crashes/$target"
  # One input may take 10 seconds and 2 GB at most; past either is a finding too. Swift's own
  # backtracer is off, so that libFuzzer sees a trap and keeps its input.
  SWIFT_BACKTRACE=enable=no \
  ".build-fuzz/release/$target" ".build-fuzz/corpus/$target" "Fuzz/Corpus/$target" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix=".build-fuzz/crashes/$target/" -print_final_stats=1 \
    >".build-fuzz/$target.log" 2>&1 &
done
wait || true
status=0
for target in $targets; do
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' ".build-fuzz/$target.log" | tail -1)
  crashes=$(find ".build-fuzz/crashes/$target" -type f | wc -l)
  echo "$target: ${runs:-0} executions, $crashes crashes (log: .build-fuzz/$target.log)"
  [ "$crashes" -eq 0 ] || status=1
done
exit $status
