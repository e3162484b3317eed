#!/usr/bin/env bash
# Reproducible release build check: two clean builds must give a byte-identical target/hypertracker-mcp.jar.
# (project.build.outputTimestamp in the pom fixes every zip entry's time; the shade plugin keeps entry order.)
#
#   bench/reproducible.sh [extra maven args, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/.."
sums=()
for i in 1 2; do
  mvn -B -q "$@" clean package -DskipTests -Dskip.cds >&2
  sums+=("$(sha256sum target/hypertracker-mcp.jar | cut -d' ' -f1)")
  echo "build $i: ${sums[-1]}  target/hypertracker-mcp.jar" >&2
done
if [ "${sums[0]}" = "${sums[1]}" ]; then echo "reproducible: ${sums[0]}"; else echo "NOT reproducible" >&2; exit 1; fi
