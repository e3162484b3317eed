#!/usr/bin/env bash
# Issue 11 item 1 target, measured: N distinct 1,000-row list_positions pages in a row (start moves by a minute)
# through the launcher at its defaults (-Xmx256m, SerialGC) in demo mode (rate limit lifted: the limiter is not
# what is measured). Prints calls, errors, per-call latency median/p99/max, heap after a full GC against the
# maximum, and RSS. The latency figures are this script's job: the HeapBoundIT asserts only the heap bound.
# --external-sandbox serves the sandbox from its own JVM (java -jar … sandbox), so that the server's 256 MB heap
# holds only what a server against the real API holds, not the sandbox's 120,000 positions as well.
#
#   bench/distinct-pages.sh [--calls 1000] [--external-sandbox]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
calls=1000
external=0
while [ $# -gt 0 ]; do
  case "$1" in
    --calls) calls="$2"; shift 2 ;;
    --external-sandbox) external=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "distinct-pages.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
jar=target/hypertracker-mcp.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests -Dskip.npm=true >&2
if [ "$external" = 0 ]; then
  HYPERTRACKER_MCP_JAR="$jar" python3 bench/stdio_driver.py distinct-pages --calls "$calls" -- \
    bash bin/hypertracker-mcp --demo --rate-limit 1000000 2>/dev/null
  exit
fi
out="$(mktemp)"
java -Xmx2g -jar "$jar" sandbox --port 0 --token bench-token >"$out" 2>/dev/null &
sandbox_pid=$!
trap 'kill "$sandbox_pid" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 1 600); do [ -s "$out" ] && break; sleep 0.1; done
base_url="$(head -n 1 "$out")"
[ -n "$base_url" ] || { echo "distinct-pages.sh: the sandbox did not start" >&2; exit 1; }
HYPERTRACKER_MCP_JAR="$jar" HYPERTRACKER_BASE_URL="$base_url" HYPERTRACKER_API_TOKEN=bench-token \
  python3 bench/stdio_driver.py distinct-pages --calls "$calls" -- \
  bash bin/hypertracker-mcp --rate-limit 1000000 2>/dev/null
