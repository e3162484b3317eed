#!/usr/bin/env bash
# Per-call overhead (stdio tool call vs the bare HTTP GET to the sandbox) and resident memory (idle, after 10,000
# calls) of the server started by bin/hypertracker-mcp (its default JVM flags). Loopback only. See bench/overhead.mjs.
#
#   bench/overhead.sh [--calls 2000] [--memory-calls 10000] ...
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/hypertracker-mcp.jar ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
echo "# $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1), node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec node bench/overhead.mjs "$@"
