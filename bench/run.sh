#!/usr/bin/env bash
# Benchmarks of the audit log on PostgreSQL: sealing and verification throughput.
#   bench/run.sh [--quick] [--jdbc URL] --out FILE
# Without --jdbc an embedded PostgreSQL is started (for --jdbc, BENCH_DB_USER and BENCH_DB_PASSWORD give the
# credentials). --quick uses a log of 200,000 events instead of 1,000,000.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests install -pl bench -am
mvn -B -ntp -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
exec java -Xmx6g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.auditrail.bench.LogBenchmark "$@"
