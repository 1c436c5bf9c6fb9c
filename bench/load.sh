#!/usr/bin/env bash
# Load run of docs/reliability.md: concurrent keep-alive clients on loopback against tracksearch (embedded store)
# holding generated issues; 70 % searches, 10 % scrolls, 10 % GETs, 10 % creates and edits.
#   bench/load.sh [--clients 200] [--seconds 60] [--issues 100000] [--heap 1g] [--seed 42]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/java-env"
cd "$root"
mkdir -p bench/work
echo "building tracksearch and the load client..." >&2
mvn -q -B -DskipTests test-compile >&2
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
"$JAVA_HOME/bin/java" -Xmx1g -Dbench.root="$root" \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.tracksearch.bench.LoadMain "$@"
