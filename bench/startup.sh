#!/usr/bin/env bash
# Cold-start benchmark: process spawn -> `initialize` response over stdio, N runs per variant, interleaved with the
# reference (a minimal stdio server on the official MCP TypeScript SDK) in the same run. Prints one JSON line per
# variant and the ratios to the TypeScript reference. Only loopback/stdio: no network.
#
#   bench/startup.sh [RUNS]          (default 15; needs target/hypertracker-mcp.jar and e2e/clients/node_modules)
#   BASELINE_JAR=/path/old.jar bench/startup.sh    adds `java -jar` of another build (e.g. before a change)
#   BASELINE_LAUNCHER=/old/checkout/bin/hypertracker-mcp   adds another checkout's launcher (its jar and archive)
#   J25=/path/to/jdk-25 bench/startup.sh           the JDK 25+ for the AOT-cache variant (default: one under /usr/lib/jvm)
#   IDLE_MS=3000 bench/startup.sh                  how long the variants without a call idle before their RSS is read
#   BEFORE_LAUNCHER=/tmp/before/bin/hypertracker-mcp   A/B: another checkout of this version (before a change), with
#                                                  its JDK 17 and JDK 25 variants, with and without a call
#   WARMUP_AB=1 bench/startup.sh                   also the launcher without the first-call warm-up
#                                                  (-Dhypertracker.warmUp=none), with and without a call
#   OPTS_AB='reloc0=-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0;small=-XX:SharedArchiveFile=x.jsa'
#                                                  A/B of JVM options: per NAME=OPTIONS (';'-separated), the JDK 17
#                                                  launcher with HYPERTRACKER_MCP_JAVA_OPTS=OPTIONS, idle and +call,
#                                                  and the launcher as is ("launcher[as-is]"), each run through a
#                                                  one-line wrapper script
#   SKIP='^jar-plain' bench/startup.sh             leaves out the variants whose name matches (grep -E)
#   FLOOR=1 bench/startup.sh                       also the floor of this stack (bench/floor/build.sh): a trivial
#                                                  main (no libraries) on the JDK's default archive; a minimal MCP
#                                                  server on the same SDK 2.1.0 that only answers initialize, with
#                                                  the launcher's flags and its own AppCDS archive (JDK 25: its AOT
#                                                  cache); and our jar with the launcher's flags without the bash
#                                                  launcher (what the script itself costs)
# The "+list" variants idle IDLE_MS after a tools/list instead (their client lists the tools, as clients do).
# The "+call" variants also time spawn -> the answer of a first tool call (the reference: its echo tool; this
# server: get_open_exposure_by_coin, a full digest, against the sandbox on loopback), the first and second call's
# latency and the resident set size after them.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
jar=target/hypertracker-mcp.jar
jsa=target/hypertracker-mcp.jsa
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -f "$jar" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
[ -d e2e/clients/node_modules ] || (cd e2e/clients && npm ci --no-audit --no-fund >&2)
out="$(mktemp -d)"

# the upstream of the "+call" variants: the sandbox on a loopback port
sandbox_log="$out/sandbox.out"
"$java_bin" -XX:+UseSerialGC -jar "$jar" sandbox --port 0 --token bench-token > "$sandbox_log" 2>/dev/null &
sandbox_pid=$!
trap 'kill $sandbox_pid 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 1 300); do grep -q '^http' "$sandbox_log" && break; sleep 0.1; done
base_url="$(grep -m1 -o '^http://[^/ ]*' "$sandbox_log")"
[ -n "$base_url" ] || { echo "sandbox did not start" >&2; exit 1; }
upstream=(env HYPERTRACKER_BASE_URL="$base_url" HYPERTRACKER_API_TOKEN=bench-token HYPERTRACKER_LOG_LEVEL=WARN)
# the variants without a call also record the idle RSS, IDLE_MS after `initialize` (0: close at once)
idle_ms="${IDLE_MS:-3000}"
call_ts=(--call echo --args '{"text":"x"}')
call_ours=(--call get_open_exposure_by_coin --args '{"top":5}' --args2 '{"top":5,"fresh":true}')

variants=(
  "ts-sdk-reference|node bench/reference-server.mjs"
  "ts-sdk-reference+call|node bench/reference-server.mjs"
  "jar-plain|$java_bin -jar $jar"
  "launcher-flags-no-cds|env HYPERTRACKER_MCP_CDS=off bin/hypertracker-mcp"
)
if [ -n "${BASELINE_JAR:-}" ]; then variants+=("baseline-jar-plain|$java_bin -jar $BASELINE_JAR"); fi
if [ -n "${BASELINE_LAUNCHER:-}" ]; then
  variants+=("baseline-launcher|$BASELINE_LAUNCHER" "baseline-launcher+call|${upstream[*]} $BASELINE_LAUNCHER")
fi
if [ -n "${BEFORE_LAUNCHER:-}" ]; then
  variants+=("before-launcher|$BEFORE_LAUNCHER" "before-launcher+call|${upstream[*]} $BEFORE_LAUNCHER"
    "before-launcher+list|$BEFORE_LAUNCHER")
fi
j25="${J25:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}"
if [ -n "$j25" ] && [ -x "$j25/bin/java" ]; then
  # train the AOT cache now (the launcher does it on its first run with this JDK): not part of any timing
  JAVA_HOME="$j25" bin/hypertracker-mcp < /dev/null > /dev/null 2>&1 || true
  variants+=("launcher-jdk25-aot|env JAVA_HOME=$j25 bin/hypertracker-mcp" "launcher-jdk25-aot+call|${upstream[*]} JAVA_HOME=$j25 bin/hypertracker-mcp")
  if [ -n "${BEFORE_LAUNCHER:-}" ]; then
    JAVA_HOME="$j25" "$BEFORE_LAUNCHER" < /dev/null > /dev/null 2>&1 || true
    variants+=("before-jdk25-aot|env JAVA_HOME=$j25 $BEFORE_LAUNCHER" "before-jdk25-aot+call|${upstream[*]} JAVA_HOME=$j25 $BEFORE_LAUNCHER")
  fi
fi
if [ -n "${WARMUP_AB:-}" ]; then
  no_warmup=(env HYPERTRACKER_MCP_JAVA_OPTS=-Dhypertracker.warmUp=none)
  variants+=("launcher-no-warmup|${no_warmup[*]} bin/hypertracker-mcp" "launcher-no-warmup+call|${upstream[*]} ${no_warmup[*]} bin/hypertracker-mcp")
fi
if [ -f "$jsa" ]; then
  variants+=("jar-plain+appcds|$java_bin -Xlog:disable -Xlog:all=warning:stderr -XX:SharedArchiveFile=$jsa -jar $jar")
  variants+=("launcher(flags+appcds)|bin/hypertracker-mcp" "launcher(flags+appcds)+call|${upstream[*]} bin/hypertracker-mcp")
  # idle after the client's tools/list (every client lists them): the first-call warm-up has run
  variants+=("launcher(flags+appcds)+list|bin/hypertracker-mcp")
else
  echo "note: $jsa not found (built with -Dskip.cds?): AppCDS variants skipped" >&2
fi

if [ -n "${OPTS_AB:-}" ]; then
  # each through a wrapper script, the plain launcher ("launcher[as-is]") too, so the wrapper's cost is the same
  IFS=';' read -r -a ab <<< "as-is=;$OPTS_AB"
  for entry in "${ab[@]}"; do
    name="${entry%%=*}"; wrapper="$out/ab-$name.sh"
    printf '#!/usr/bin/env bash\nHYPERTRACKER_MCP_JAVA_OPTS=%q exec %q "$@"\n' "${entry#*=}" "$PWD/bin/hypertracker-mcp" > "$wrapper"
    chmod +x "$wrapper"
    variants+=("launcher[$name]|$wrapper" "launcher[$name]+call|${upstream[*]} $wrapper")
  done
fi
if [ -n "${FLOOR:-}" ]; then
  J25="$j25" HYPERTRACKER_BASE_URL="$base_url" HYPERTRACKER_API_TOKEN=bench-token bench/floor/build.sh
  # the launcher's JVM flags for stdio (bin/hypertracker-mcp), without its archive
  stdio_flags="-Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr -XX:+UseSerialGC -Xss512k -Xms16m
    -Xmx256m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 -XX:MaxMetaspaceSize=128m -XX:+ExitOnOutOfMemoryError
    -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m"
  stdio_flags="$(echo $stdio_flags)"
  variants+=("floor-trivial-main|$java_bin -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp target/floor/floor.jar TrivialMain")
  variants+=("floor-minimal-sdk(flags+appcds)|$java_bin $stdio_flags -XX:SharedArchiveFile=target/floor/sdk.jsa -Xshare:auto -cp target/floor/floor.jar:$jar MinimalSdkServer")
  if [ -f target/floor/sdk-call.jsa ]; then
    floor_call="$java_bin $stdio_flags -XX:SharedArchiveFile=target/floor/sdk-call.jsa -Xshare:auto -cp target/floor/floor.jar:$jar MinimalSdkServer"
    variants+=("floor-minimal-sdk+echo|$floor_call" "floor-minimal-sdk+call|${upstream[*]} $floor_call")
  fi
  if [ -f target/floor/sdk.aot ]; then
    variants+=("floor-minimal-sdk-jdk25-aot|$j25/bin/java $stdio_flags -XX:AOTCache=target/floor/sdk.aot -cp target/floor/floor.jar:$jar MinimalSdkServer")
  fi
  if [ -f "$jsa" ]; then
    variants+=("direct-java(flags+appcds)|$java_bin $stdio_flags -XX:SharedArchiveFile=$jsa -Xshare:auto -jar $jar")
  fi
fi
if [ -n "${SKIP:-}" ]; then
  kept=()
  for v in "${variants[@]}"; do grep -qE "$SKIP" <<< "${v%%|*}" || kept+=("$v"); done
  variants=("${kept[@]}")
fi

echo "# $(date -u +%H:%M:%S) UTC, $(nproc) cores, $(uname -sr), $("$java_bin" -version 2>&1 | head -1), node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# interleave: one batch of runs per variant at a time, several rounds, so background load hits every variant alike
rounds=3
per=$(( (runs + rounds - 1) / rounds ))
for ((r = 0; r < rounds; r++)); do
  for v in "${variants[@]}"; do
    name="${v%%|*}"; cmd="${v#*|}"
    # shellcheck disable=SC2086
    call=(--idle "$idle_ms")
    case "$name" in
      ts-sdk-reference+call|*+echo) call=("${call_ts[@]}") ;;
      floor-*+call) call=(--call fetch --args '{}') ;;
      *+call) call=("${call_ours[@]}") ;;
      *+list) call=(--idle "$idle_ms" --list) ;;
    esac
    node bench/startup.mjs --runs "$per" --warmup $(( r == 0 ? 1 : 0 )) --raw --name "$name" "${call[@]}" -- $cmd >> "$out/$name.raw"
  done
  echo "# round $((r + 1)) of $rounds done $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
node bench/startup.mjs --summarize "$out"/*.raw
