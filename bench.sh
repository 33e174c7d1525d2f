#!/usr/bin/env bash
# Runs the benchmarks (tests marked [Trait("Category", "Benchmark")]) in Release against a throwaway PostgreSQL and
# a temporary SQLite file, then prints the results as a Markdown table. Optional argument: an extra dotnet test
# filter, e.g.  ./bench.sh "FullyQualifiedName~LeadsPage", or the word soak for the model-checked sync soak
# (10,000 sequences; reports sequences/s):  ./bench.sh soak
# LEADSYNC_BENCH_KEEP_LEADS=<directory> with LEADSYNC_TEST_POSTGRES set: benchmarks that read a million bulk-loaded
# leads (LeadsPageQueryBenchmarks) load them once, into that directory and that server, and reuse them next time.
# LEADSYNC_BENCH_BURN=<N>: a busy machine made on purpose — N single-thread CPU burners (a shell busy loop at normal
# priority, each in a session of its own, as another user's build or service is) run beside the benchmarks and are
# stopped when this script ends (or after LEADSYNC_BENCH_BURN_LIMIT, default 2h). Nothing else: no network, no disk.
# Benchmarks that note the machine's load (the sync pull) name N and the load average. See README "Performance".
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$repo"
# shellcheck source=scripts/prerequisites.sh
source "$repo/scripts/prerequisites.sh"
# shellcheck source=scripts/pg-throwaway.sh
source "$repo/scripts/pg-throwaway.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# LeadSync.Web runs with server GC (the Web SDK's default; see its runtimeconfig.json). The benchmarks host the app
# inside the test process, which would otherwise use workstation GC: its gen-1 pauses (50 ms each, 200-300 ms per
# 10,000-lead push) stop the calls being timed. Each benchmark row names the GC it ran with.
export DOTNET_gcServer=1

filter="Category=Benchmark"
if [[ "${1:-}" == "soak" ]]; then
  # The model-checked sync soak alone: 10,000 generated sequences against the real engine and sandbox (about 30 min).
  filter="$filter&(FullyQualifiedName~SyncSoakBenchmarks)"
elif [[ -n "${1:-}" ]]; then
  filter="$filter&($1)"
fi

mkdir -p "$repo/artifacts/benchmarks"
export LEADSYNC_BENCH_RESULTS=${LEADSYNC_BENCH_RESULTS:-$repo/artifacts/benchmarks/$(date -u +%Y%m%dT%H%M%SZ).tsv}
output="$repo/artifacts/benchmarks/bench-output.txt"

leadsync_ensure_prerequisites postgres
burners=()
burn_stop() {
  local pid
  for pid in "${burners[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  burners=()
}
burn_start() {
  local n=$1 i
  for ((i = 0; i < n; i++)); do
    # setsid: a session (and so, with the kernel's autogroup scheduling, a share of the CPU) of its own; timeout: it
    # stops by itself even if this script is killed before its trap runs.
    setsid timeout "${LEADSYNC_BENCH_BURN_LIMIT:-2h}" sh -c 'while :; do :; done' &
    burners+=("$!")
  done
  echo "==> $n CPU burners running beside the benchmarks (LEADSYNC_BENCH_BURN); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}
trap 'burn_stop; pg_throwaway_stop' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if [[ -n "${LEADSYNC_BENCH_KEEP_LEADS:-}" && -n "${LEADSYNC_TEST_POSTGRES:-}" ]]; then
  # Benchmarks that keep their bulk-loaded leads between runs (KeptLeadsDatabase) keep them on this server.
  echo "==> Using the PostgreSQL server in LEADSYNC_TEST_POSTGRES; leads kept in $LEADSYNC_BENCH_KEEP_LEADS and on that server"
else
  pg_throwaway_start
fi

export LEADSYNC_BENCH_BURN=${LEADSYNC_BENCH_BURN:-0}
build=()
if (( LEADSYNC_BENCH_BURN > 0 )); then
  build=(--no-build)
  # Built first, so that the build does not run under the burners and the burners do not run during the build.
  dotnet build "$repo/LeadSync.sln" -c Release -v q -nologo
  burn_start "$LEADSYNC_BENCH_BURN"
fi
echo "==> dotnet test -c Release --filter \"$filter\"; results in $LEADSYNC_BENCH_RESULTS"
set +e
dotnet test "$repo/LeadSync.sln" -c Release "${build[@]}" --filter "$filter" --logger "console;verbosity=normal" 2>&1 | tee "$output"
status=${PIPESTATUS[0]}
set -e
burn_stop
pg_throwaway_stop

if [[ ! -s "$LEADSYNC_BENCH_RESULTS" ]]; then
  echo "ERROR: no benchmark wrote a result (dotnet test exited with $status); see $output" >&2
  exit 1
fi

echo
echo "Benchmarks on $(nproc) cores, $(date -u +%Y-%m-%d) (times in ms):"
echo
echo "| Benchmark | Variant | Runs | Median | p95 | Min | Max | Note |"
echo "|---|---|---:|---:|---:|---:|---:|---|"
awk -F '\t' '$1 != "utc" && NF >= 9 { printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6, $7, $8, $9 }' "$LEADSYNC_BENCH_RESULTS"

if (( status != 0 )); then
  echo "ERROR: a benchmark failed (dotnet test exited with $status); see $output" >&2
  exit "$status"
fi
