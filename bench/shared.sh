#!/usr/bin/env bash
# Shared-state benchmark (issue 17), loopback only: one sandbox, one redis-server (Debian package) on a free port, and
# stateless instances with --redis-url; bench/shared.mjs measures cached-call throughput through 1 instance, then
# through 2 instances (round-robin from the same client), and the added latency of a shared-cache hit.
#
#   bench/shared.sh [--concurrency 16] [--duration-s 10]
#
# Output: the two JSON reports on stdout. Stops everything it started (by pid).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
concurrency=16
duration_s=10
while [ $# -gt 0 ]; do
  case "$1" in
    --concurrency) concurrency="$2"; shift 2 ;;
    --duration-s) duration_s="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "shared.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v redis-server >/dev/null || { echo "shared.sh: redis-server is missing (apt-get install redis-server)" >&2; exit 2; }
jar=target/hypertracker-mcp.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests -Dskip.npm=true -Dskip.mcpb >&2

pids=()
logs="$(mktemp -d -t hypertracker-shared.XXXXXX)"
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done; kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$logs"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { # file pattern
  for _ in $(seq 1 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "shared.sh: no '$2' in $1:" >&2; cat "$1" >&2; exit 1
}

redis_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$logs/redis.log" 2>&1 &
pids+=($!)
wait_for "$logs/redis.log" "Ready to accept connections"

java -jar "$jar" sandbox --port 0 --token bench-token >"$logs/sandbox.out" 2>"$logs/sandbox.log" &
pids+=($!)
wait_for "$logs/sandbox.out" "http://"
sandbox_url="$(head -n 1 "$logs/sandbox.out")"

start_instance() { # name
  HYPERTRACKER_BASE_URL="$sandbox_url" HYPERTRACKER_API_TOKEN=bench-token \
    java -jar "$jar" --stateless --host 127.0.0.1 --port 0 --rate-limit 100000 \
    --redis-url "redis://127.0.0.1:$redis_port" >/dev/null 2>"$logs/$1.log" &
  pids+=($!)
  wait_for "$logs/$1.log" "serving .* at http://"
  echo "$(sed -n 's/.*serving .* at \(http:\/\/[^ ]*\).*/\1/p' "$logs/$1.log" | head -n 1)/mcp"
}
url_a="$(start_instance a)"
url_b="$(start_instance b)"
echo "shared.sh: redis :$redis_port, sandbox $sandbox_url, instances $url_a $url_b; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# a discarded run lets the JIT settle
node bench/shared.mjs --urls "$url_a,$url_b" --concurrency "$concurrency" --duration-s 3 --latency-keys 0 >/dev/null
node bench/shared.mjs --urls "$url_a" --concurrency "$concurrency" --duration-s "$duration_s"
node bench/shared.mjs --urls "$url_a,$url_b" --concurrency "$concurrency" --duration-s "$duration_s"
