#!/usr/bin/env bash
# The one test command (CI runs it through .ci/run). Installs what the tests need when missing (PostgreSQL,
# Chromium; as root with apt-get), starts a throwaway PostgreSQL cluster, runs every test except benchmarks and
# ends with the line "N passed, N failed, N skipped". Exits non-zero on any failure or when no test ran.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$repo"
# shellcheck source=scripts/prerequisites.sh
source "$repo/scripts/prerequisites.sh"
# shellcheck source=scripts/pg-throwaway.sh
source "$repo/scripts/pg-throwaway.sh"

output=${LEADSYNC_TEST_OUTPUT:-$repo/test-output.txt}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "ERROR: the .NET SDK is missing (see global.json for the version): https://dotnet.microsoft.com/download" >&2
  exit 1
fi

leadsync_ensure_prerequisites postgres chromium
export LEADSYNC_CHROMIUM
LEADSYNC_CHROMIUM=$(leadsync_chromium_path)

trap pg_throwaway_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
pg_throwaway_start

if [[ -f "$repo/.config/dotnet-tools.json" || -f "$repo/dotnet-tools.json" ]]; then
  dotnet tool restore
fi

crash_log="$repo/artifacts/test-results/crash.txt"
mkdir -p "$repo/artifacts/test-results"
rm -f "$crash_log"
export LEADSYNC_TEST_CRASH_LOG="$crash_log"

# Release: the engine's code runs optimised, as in production (a Debug build runs it unoptimised: 21 % more CPU in
# the pull tests, 7 % more in the security tests, measured 2026-12-06); a test asserts behaviour either way.
# DOTNET_TieredPGO=0 for the test process only: a run starts hundreds of short-lived apps whose code paths are new to
# the JIT, and profile-guided tiering compiled many methods a third time (instrumented, then optimised) — 20 % of the
# Web tests' CPU, measured 2026-12-06. Behaviour does not depend on it; the app and ./bench.sh keep .NET's default.
echo "==> dotnet test -c Release LeadSync.sln (benchmarks excluded); output in $output, each test's duration in artifacts/test-results/*.trx"
set +e
dotnet test "$repo/LeadSync.sln" -c Release --filter "Category!=Benchmark" -e DOTNET_TieredPGO=0 \
  --results-directory "$repo/artifacts/test-results" --logger "trx;LogFileName=tests.trx" 2>&1 | tee "$output"
status=${PIPESTATUS[0]}
set -e

pg_throwaway_stop

# The runner reports a test process that died only as "[FATAL ERROR] Xunit.Sdk.TestPipelineException" after a
# minute of silence; what killed it is in the crash log (an unhandled exception) or the kernel's log (out of memory).
if [[ -s "$crash_log" ]]; then
  echo "==> the test process crashed:" >&2
  cat "$crash_log" >&2
fi
if grep -q "TestPipelineException" "$output"; then
  echo "==> the test process stopped talking; the kernel's last words on killed processes:" >&2
  (dmesg 2>/dev/null | grep -i -E "out of memory|killed process|oom" | tail -n 5) >&2 || true
fi

# One "Passed!/Failed!  - Failed: f, Passed: p, Skipped: s, Total: t, …" line per test project.
summary=$(awk '{ gsub(/\033\[[0-9;]*[A-Za-z]/, "") }
  /(Passed|Failed)! +- +Failed:/ {
    line = $0; sub(/.*(Passed|Failed)! +- +/, "", line); gsub(/,/, "", line); n = split(line, w, /[ :]+/)
    for (i = 1; i < n; i++) { if (w[i] == "Failed") f += w[i+1]; if (w[i] == "Passed") p += w[i+1]; if (w[i] == "Skipped") s += w[i+1] }
    found = 1 }
  END { if (found) printf "%d %d %d\n", p, f, s }' "$output")

if [[ -z "$summary" ]]; then
  echo "ERROR: dotnet test printed no \"Passed!/Failed!\" summary line (exit code $status): the build or the test run broke." >&2
  echo "0 passed, 0 failed, 0 skipped"
  exit 1
fi

read -r passed failed skipped <<<"$summary"
if (( passed + failed + skipped == 0 )); then
  echo "ERROR: no test ran." >&2
fi
if (( status != 0 && failed == 0 )); then
  echo "ERROR: dotnet test exited with code $status." >&2
fi
echo "$passed passed, $failed failed, $skipped skipped"
if (( status != 0 || failed > 0 || passed + failed + skipped == 0 )); then
  exit 1
fi
