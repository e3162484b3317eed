#!/usr/bin/env bash
# Sandbox scale: start-up time of the default data set (--demo); with "million", 1,000,000 positions too.
# Usage: bench/sandbox.sh [million]
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -o test-compile
cp_file=target/bench-classpath.txt
if [[ ! -s $cp_file || pom.xml -nt $cp_file ]]; then
  mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
fi
java -cp "target/test-classes:target/classes:$(cat "$cp_file")" dev.hypertracker.mcp.bench.SandboxScaleReport "$@"
