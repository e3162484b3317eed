#!/usr/bin/env bash
# Builds the floor variants of bench/startup.sh (FLOOR=1): target/floor/floor.jar (TrivialMain, MinimalSdkServer,
# compiled against the shaded jar for the MCP SDK 2.1.0), and an AppCDS archive for each, trained the way the
# build trains ours: a class list recorded from a session that answers `initialize`, then -Xshare:dump.
set -euo pipefail
cd "$(dirname "$0")/../.."
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac_bin="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
out=target/floor
jar=target/hypertracker-mcp.jar
mkdir -p "$out/classes"
"$javac_bin" --release 17 -nowarn -cp "$jar" -d "$out/classes" bench/floor/*.java
(cd "$out/classes" && jar cf ../floor.jar ./*.class)
init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}'
flags=(-Xlog:disable -Xlog:all=warning:stderr -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
# with a base URL (bench/startup.sh's sandbox), the sdk-call archive also holds a first `fetch` call's classes
call='{"jsonrpc":"2.0","method":"notifications/initialized"}
{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"fetch","arguments":{}}}'
train() { # NAME MAIN CLASSPATH [SESSION]
  local name="$1" main="$2" cp="$3" session="${4:-$init}"
  rm -f "$out/$name.classlist" "$out/$name.jsa"
  { echo "$session"; sleep 1.5; } | "$java_bin" "${flags[@]}" -Xshare:off -XX:DumpLoadedClassList="$out/$name.classlist" \
    -cp "$cp" "$main" > /dev/null
  "$java_bin" "${flags[@]}" -Xshare:dump -XX:SharedClassListFile="$out/$name.classlist" \
    -XX:SharedArchiveFile="$out/$name.jsa" -cp "$cp" > /dev/null
  echo "$name: $(wc -l < "$out/$name.classlist") classes, $(du -k "$out/$name.jsa" | cut -f1) KB" >&2
}
train trivial TrivialMain "$out/floor.jar"
train sdk MinimalSdkServer "$out/floor.jar:$jar"
if [ -n "${HYPERTRACKER_BASE_URL:-}" ]; then
  train sdk-call MinimalSdkServer "$out/floor.jar:$jar" "$init
$call"
fi
# JDK 25+: the minimal server's AOT cache, recorded from the same session (one step: -XX:AOTCacheOutput)
if [ -n "${J25:-}" ] && [ -x "$J25/bin/java" ]; then
  rm -f "$out/sdk.aot"
  { echo "$init"; sleep 1; } | "$J25/bin/java" "${flags[@]}" -XX:AOTCacheOutput="$out/sdk.aot" \
    -cp "$out/floor.jar:$jar" MinimalSdkServer > /dev/null
  echo "sdk (JDK 25 AOT cache): $(du -k "$out/sdk.aot" | cut -f1) KB" >&2
fi
