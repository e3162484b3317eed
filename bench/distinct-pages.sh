#!/usr/bin/env bash
# Issue 11 item 1 target, measured: N distinct 1,000-row list_positions pages in a row (start moves by a minute)
# through the launcher at its defaults (-Xmx256m, SerialGC) in demo mode (rate limit lifted: the limiter is not
# what is measured). Prints calls, errors, per-call latency median/p99/max, heap after a full GC against the
# maximum, and RSS. The latency figures are this script's job: the HeapBoundIT asserts only the heap bound.
#
#   bench/distinct-pages.sh [--calls 1000]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
calls=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --calls) calls="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "distinct-pages.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
jar=target/hypertracker-mcp.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests -Dskip.npm=true >&2
HYPERTRACKER_MCP_JAR="$jar" python3 bench/stdio_driver.py distinct-pages --calls "$calls" -- \
  bash bin/hypertracker-mcp --demo --rate-limit 1000000 2>/dev/null
