#!/usr/bin/env bash
# Side-by-side benchmark of tracksearch (embedded Lucene), OpenSearch 3.8.0 and tracksearch on OpenSearch: see docs/benchmarks.md.
#   bench/run.sh [--issues 1000000] [--checkpoint N] [--report docs/benchmarks.md] [--port 19400] [--heap 1g] [--seed 42] [--rounds 30] [--warmup 100]
# Generates the issues into bench/work/ (reused when present), starts the servers, loads, verifies
# that all answer the same, measures, writes the table into the report and stops the servers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/java-env"
cd "$root"
mkdir -p bench/work
echo "building tracksearch and the benchmark..." >&2
mvn -q -B -DskipTests test-compile >&2
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
# the runner stops both servers itself (also on Ctrl-C); this covers a runner killed outright
trap '"$root/bin/opensearch-node" stop "$root/bench/work/opensearch-node" || true
      "$root/bin/opensearch-node" stop "$root/bench/work/opensearch-node-tracksearch" || true' EXIT
"$JAVA_HOME/bin/java" -Xmx2g -Dbench.root="$root" \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.tracksearch.bench.BenchMain "$@"
