#!/usr/bin/env bash
# The crash loop of docs/reliability.md: SIGKILL in the middle of a bulk import with concurrent creates and
# edits, N times (default 10), then a check of every acknowledged write after each restart; on the embedded
# store and on OpenSearch (tracksearch killed N times, then the OpenSearch node).
#   bench/crash.sh [--kills 10] [--seed S] [--backends lucene,opensearch]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/java-env"
cd "$root"
kills=10 seed="" backends="lucene,opensearch"
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills="$2"; shift 2 ;;
    --seed) seed="-Dtracksearch.crash.seed=$2"; shift 2 ;;
    --backends) backends="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
mvn -B -q verify -Dtest='CrashLoopTest' -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
    -Dtracksearch.crash.kills="$kills" $seed -Dtracksearch.backends="$backends" 2>&1 | grep -E "crash loop|FAIL|expected|Tests run" || true
grep -h "Tests run" target/surefire-reports/io.tracksearch.crash.CrashLoopTest.txt
