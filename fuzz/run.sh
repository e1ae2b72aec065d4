#!/usr/bin/env bash
# Runs every fuzz target one after another, each for SECONDS (default 600), one process at a
# time, and keeps each run's log in fuzz/logs/<target>.log. See ../FUZZING.md.
#
#   fuzz/run.sh            # all targets, 10 minutes each
#   fuzz/run.sh 60 expand  # one target, one minute
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(from_bytes from_str interpret status_line headers tables read_spec expand explain)
mkdir -p fuzz/logs

for target in "${targets[@]}"; do
  # Release build with debug assertions (overflow checks) and libFuzzer's coverage. The status
  # parsers and the spec reader also run under AddressSanitizer, which needs a nightly flag
  # (-Zsanitizer): RUSTC_BOOTSTRAP=1 lets the stable toolchain accept it. `expand` spends most
  # of its time allocating tokens, which ASan slows 6.5-fold; it runs without a sanitizer.
  case $target in
    from_bytes | from_str | interpret | tables) build=(-O -a) flags=(-max_len=4096 -timeout=5) ;;
    # Longer than StatusLine::MAX_LEN (8192), so inputs can reach LineTooLong.
    status_line) build=(-O -a) flags=(-max_len=16384 -timeout=5 -report_slow_units=1) ;;
    # Reason and Warning values: long enough for many list elements and parameters.
    headers) build=(-O -a) flags=(-max_len=16384 -timeout=5 -report_slow_units=1) ;;
    read_spec) build=(-O -a) flags=(-max_len=65536 -timeout=10 -report_slow_units=1 -dict=fuzz/toml.dict) ;;
    # A capture of up to 64 KiB reaches TCP reassembly and fragments; ASan on, like the parsers.
    explain) build=(-O -a) flags=(-max_len=65536 -timeout=10 -report_slow_units=1) ;;
    expand) build=(-O -a -s none) flags=(-max_len=65536 -timeout=10 -report_slow_units=1 -dict=fuzz/toml.dict) ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
  echo "== $target: ${seconds}s, log in fuzz/logs/$target.log"
  RUSTC_BOOTSTRAP=1 cargo fuzz run "${build[@]}" "$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 "${flags[@]}" >"fuzz/logs/$target.log" 2>&1 ||
    { echo "$target failed: see fuzz/logs/$target.log" >&2; exit 1; }
  grep -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' "fuzz/logs/$target.log"
done
