#!/usr/bin/env bash
# Soak test of the real server at the launcher's defaults (bin/hypertracker-mcp: -Xmx256m, SerialGC, rate limit
# 60/min, ...), loopback only and bounded in time. An external sandbox (default scale) serves as the upstream and
# fails the market-overview route once a second in turn (503, 500, 429, non-JSON, truncated body, truncated JSON,
# 3 s delay: dev.hypertracker.mcp.bench.SoakSandbox). Four stdio workers drive a mixed load: cached calls,
# distinct 1,000-row list_positions pages, large results (5 pages, fresh), calls on the failing route, and reads
# of stored results. Prints calls, errors (by kind), latency, heap after a full GC, RSS, and checks that stdout
# held only JSON-RPC and that the server exits on stdin EOF.
#
#   bench/soak.sh [--duration-s 180] [--workers 4]
#   SOAK_SERVER_ARGS="--rate-limit 600" bench/soak.sh      # extra server flags (default: none)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
duration_s=180
workers=4
while [ $# -gt 0 ]; do
  case "$1" in
    --duration-s) duration_s="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ "$duration_s" -le 3600 ] || { echo "soak.sh: at most 3600 s" >&2; exit 2; }

jar=target/hypertracker-mcp.jar
if [ ! -f "$jar" ] || [ ! -f target/test-classes/dev/hypertracker/mcp/bench/SoakSandbox.class ]; then
  echo "soak.sh: building $jar and the test classes" >&2
  mvn -B -q package -DskipTests -Dskip.npm=true >&2
fi

# the sandbox reads its stdin until EOF: a FIFO held open by this script, closed on exit
work="$(mktemp -d -t hypertracker-soak.XXXXXX)"
mkfifo "$work/sandbox.in"
java -Xmx512m -cp "target/test-classes:$jar" dev.hypertracker.mcp.bench.SoakSandbox \
  <"$work/sandbox.in" >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
exec 3>"$work/sandbox.in"
cleanup() {
  exec 3>&- || true
  wait "$sandbox_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 300); do
  [ -s "$work/sandbox.out" ] && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.err" >&2; exit 1; }
  sleep 0.2
done
read -r base_url token <"$work/sandbox.out"
echo "soak.sh: sandbox at $base_url; server: bin/hypertracker-mcp ${SOAK_SERVER_ARGS:-}; ${duration_s}s, $workers workers" >&2

# shellcheck disable=SC2086 # SOAK_SERVER_ARGS is a list of flags
status=0
HYPERTRACKER_BASE_URL="$base_url" HYPERTRACKER_API_TOKEN="$token" HYPERTRACKER_MCP_JAR="$jar" \
  python3 bench/stdio_driver.py soak --duration-s "$duration_s" --workers "$workers" -- \
  bash bin/hypertracker-mcp ${SOAK_SERVER_ARGS:-} 2>"$work/server.err" || status=$?
grep -E "WARN|ERROR|upstream counters at exit" "$work/server.err" | tail -5 >&2 || true
exit "$status"
