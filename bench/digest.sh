#!/usr/bin/env bash
# Digest benchmarks: the size/speed report (1,000,000 streamed positions in a 64 MB heap), then the JMH benchmarks.
# Usage: bench/digest.sh [report|jmh|all] [extra JMH args, e.g. -f 1 -wi 1 -i 3 DigestBenchmark.streamedPositions]
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"; shift || true

mvn -B -q -o test-compile
cp_file=target/bench-classpath.txt
if [[ ! -s $cp_file || pom.xml -nt $cp_file ]]; then
  mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
fi
cp="target/test-classes:target/classes:$(cat "$cp_file")"

if [[ $what == report || $what == all ]]; then
  # a small heap on purpose: the streamed digest must not grow with the number of rows
  java -Xmx64m -XX:+UseSerialGC -cp "$cp" dev.hypertracker.mcp.bench.DigestSizeReport 1000000
fi
if [[ $what == jmh || $what == all ]]; then
  java -cp "$cp" org.openjdk.jmh.Main DigestBenchmark "$@"
fi
