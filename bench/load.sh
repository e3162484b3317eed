#!/usr/bin/env bash
# Load benchmark of the real server: builds the jar if needed, starts `java -jar target/hypertracker-mcp.jar --demo
# --transport http --port 0` on loopback, warms up (a first call of each tool fills the response cache, then a short
# discarded load run lets the JIT settle), runs N concurrent Streamable HTTP sessions (official TS SDK client,
# bench/load-http.mjs) calling cached tools in turn for a bounded time, prints the report, then stops the server.
#
#   bench/load.sh [--sessions 64] [--duration-s 20] [--warmup-s 8]
#                 [--tools get_open_exposure_by_coin,list_cohorts,get_positions_heatmap]
#   BENCH_JAVA_OPTS="-XX:+UseSerialGC -Xmx256m" bench/load.sh     # JVM flags of the server (default: none)
#
# Output: one summary line per run on stderr, the JSON report of the measured run on stdout
# (throughputPerS, latencyMs p50/p90/p99/max, byTool, errors, server peak RSS from /proc/PID/status VmHWM).
# Exit code: 0 when the measured run had no errors.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

sessions=64
duration_s=20
warmup_s=8
tools="get_open_exposure_by_coin,list_cohorts,get_positions_heatmap"
while [ $# -gt 0 ]; do
  case "$1" in
    --sessions) sessions="$2"; shift 2 ;;
    --duration-s) duration_s="$2"; shift 2 ;;
    --warmup-s) warmup_s="$2"; shift 2 ;;
    --tools) tools="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "load.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

jar=target/hypertracker-mcp.jar
if [ ! -f "$jar" ]; then
  echo "load.sh: building $jar" >&2
  mvn -B -q package -DskipTests -Dskip.npm=true >&2
fi
if [ ! -d e2e/clients/node_modules/@modelcontextprotocol/sdk ]; then
  echo "load.sh: installing the TypeScript SDK client (npm ci in e2e/clients)" >&2
  (cd e2e/clients && npm ci --no-audit --no-fund >&2)
fi

log="$(mktemp -t hypertracker-load.XXXXXX.log)"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of flags
java ${BENCH_JAVA_OPTS:-} -jar "$jar" --demo --transport http --host 127.0.0.1 --port 0 --rate-limit 100000 \
  >/dev/null 2>"$log" &
pid=$!
stop_server() {
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap stop_server EXIT

base=""
for _ in $(seq 1 300); do
  base="$(sed -n 's/.*serving .* at \(http:\/\/[^ ]*\).*/\1/p' "$log" | head -n 1)"
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "load.sh: the server exited:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$base" ] || { echo "load.sh: the server did not report its address within 60 s" >&2; cat "$log" >&2; exit 1; }
url="$base/mcp"
echo "load.sh: server pid $pid at $url; tools $tools; $sessions sessions" >&2

# A first call of each tool fetches from the sandbox and fills the cache; every later call is a cache hit.
steps="$(printf '%s' "$tools" | tr ',' '\n' | sed 's/.*/{"op":"callTool","name":"&","expectError":false}/' | paste -sd, -)"
node e2e/clients/run-scenario.mjs --transport http --url "$url" --scenario-json "{\"steps\":[$steps]}" >/dev/null \
  || { echo "load.sh: the warm-up calls failed" >&2; exit 1; }

summary() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
    if (r.error) { console.error(`load.sh: ${process.argv[1]}: ${r.error}`); process.exit(0); }
    const tools = r.byTool ? " | " + Object.entries(r.byTool).map(([t, v]) => `${t} p50 ${v.p50} p99 ${v.p99}`).join(", ") : "";
    console.error(`load.sh: ${process.argv[1]}: ${r.sessions} sessions, ${r.calls} calls in ${r.elapsedS} s = ${r.throughputPerS}/s, `
      + `p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms, errors ${r.errors}, `
      + `server peak RSS ${r.server?.peakRssSinceStartMiB} MiB, CPU per call: server ${r.server?.cpuMsPerCall} ms, `
      + `client ${r.client?.cpuMsPerCall} ms${tools}`);' "$1"
}

if [ "$warmup_s" != "0" ]; then
  node bench/load-http.mjs --url "$url" --sessions "$sessions" --duration-s "$warmup_s" --tool "$tools" \
    --arguments '{}' --pid "$pid" | summary "warm-up (discarded)" || true
fi
set +e
report="$(node bench/load-http.mjs --url "$url" --sessions "$sessions" --duration-s "$duration_s" --tool "$tools" \
  --arguments '{}' --pid "$pid")"
status=$?
set -e
printf '%s\n' "$report" | summary "measured"
printf '%s\n' "$report"
exit "$status"
