#!/usr/bin/env bash
# Hostile HTTP over raw sockets against every route (docs/reliability.md):
#   bench/fuzz.sh [--requests 1000000] [--workers 4] [--seed N]
# Starts a server on the embedded store, sends the requests, prints the status counts, the slowest answer
# and any failure (a 5xx, an answer not in the Tracker format, a wait over 5 s); exits 1 on a failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/java-env"
cd "$root"
echo "building tracksearch and the fuzzer..." >&2
mvn -q -B -DskipTests test-compile >&2
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    io.tracksearch.http.FuzzMain "$@"
