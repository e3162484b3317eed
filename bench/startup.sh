#!/usr/bin/env bash
# Cold-start benchmark: process spawn -> `initialize` response over stdio, N runs per variant, interleaved with the
# reference (a minimal stdio server on the official MCP TypeScript SDK) in the same run. Prints one JSON line per
# variant and the ratios to the TypeScript reference. Only loopback/stdio: no network.
#
#   bench/startup.sh [RUNS]          (default 15; needs target/hypertracker-mcp.jar and e2e/clients/node_modules)
#   BASELINE_JAR=/path/old.jar bench/startup.sh    adds `java -jar` of another build (e.g. before a change)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
jar=target/hypertracker-mcp.jar
jsa=target/hypertracker-mcp.jsa
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -f "$jar" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
[ -d e2e/clients/node_modules ] || (cd e2e/clients && npm ci --no-audit --no-fund >&2)
out="$(mktemp -d)"

variants=(
  "ts-sdk-reference|node bench/reference-server.mjs"
  "jar-plain|$java_bin -jar $jar"
  "launcher-flags-no-cds|env HYPERTRACKER_MCP_CDS=off bin/hypertracker-mcp"
)
if [ -n "${BASELINE_JAR:-}" ]; then variants+=("baseline-jar-plain|$java_bin -jar $BASELINE_JAR"); fi
if [ -f "$jsa" ]; then
  variants+=("jar-plain+appcds|$java_bin -Xlog:disable -Xlog:all=warning:stderr -XX:SharedArchiveFile=$jsa -jar $jar")
  variants+=("launcher(flags+appcds)|bin/hypertracker-mcp")
else
  echo "note: $jsa not found (built with -Dskip.cds?): AppCDS variants skipped" >&2
fi

echo "# $(nproc) cores, $(uname -sr), $("$java_bin" -version 2>&1 | head -1), node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# interleave: one batch of runs per variant at a time, several rounds, so background load hits every variant alike
rounds=3
per=$(( (runs + rounds - 1) / rounds ))
for ((r = 0; r < rounds; r++)); do
  for v in "${variants[@]}"; do
    name="${v%%|*}"; cmd="${v#*|}"
    # shellcheck disable=SC2086
    node bench/startup.mjs --runs "$per" --warmup $(( r == 0 ? 1 : 0 )) --raw --name "$name" -- $cmd >> "$out/$name.raw"
  done
done
node bench/startup.mjs --summarize "$out"/*.raw
rm -rf "$out"
