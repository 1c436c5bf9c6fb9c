#!/usr/bin/env bash
# JMH micro-benchmarks of the server's hot paths (query compile, page collection, page serialization).
#   bench/jmh.sh                      # all benchmarks on a 100,000-issue index (built once into bench/work/jmh-100000)
#   bench/jmh.sh SearchBenchmarks.compile -p issues=20000   # any JMH options
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/java-env"
cd "$root"
mkdir -p bench/work
mvn -q -B -DskipTests test-compile >&2
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
exec "$JAVA_HOME/bin/java" -Dbench.root="$root" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.openjdk.jmh.Main "${@:-io.tracksearch}"
