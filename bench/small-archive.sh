#!/usr/bin/env bash
# A/B helper (docs/performance.md, fifth round): an AppCDS archive of only the classes a session loads up to and
# including tools/list (the first call's classes then load from the jar, the warm-up's too), beside the build's
# archive. Use it with: OPTS_AB="small=-XX:SharedArchiveFile=$PWD/target/hypertracker-mcp-small.jsa" bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar=target/hypertracker-mcp.jar
list="$(mktemp)"
archive="${1:-target/hypertracker-mcp-small.jsa}"
session='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"small-archive","version":"1"}}}
{"jsonrpc":"2.0","method":"notifications/initialized"}
{"jsonrpc":"2.0","id":2,"method":"tools/list"}'
# the launcher's flags, no archive, the first-call warm-up off: what the answers up to tools/list load, nothing more
{ echo "$session"; sleep 2; } | HYPERTRACKER_MCP_CDS=off HYPERTRACKER_BASE_URL=http://127.0.0.1:9 \
  HYPERTRACKER_API_TOKEN=unused HYPERTRACKER_LOG_LEVEL=ERROR \
  HYPERTRACKER_MCP_JAVA_OPTS="-XX:DumpLoadedClassList=$list -Dhypertracker.warmUp=none" bin/hypertracker-mcp > /dev/null
rm -f "$archive"
"$java_bin" -Xshare:dump -XX:+UseSerialGC -Xlog:disable -Xlog:all=error:stderr -XX:SharedClassListFile="$list" \
  -XX:SharedArchiveFile="$archive" -cp "$jar" > /dev/null
echo "$archive: $(wc -l < "$list") classes, $(du -k "$archive" | cut -f1) KB" >&2
rm -f "$list"
