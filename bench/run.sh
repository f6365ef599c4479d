#!/usr/bin/env bash
# Benchmarks (figures, not tests): the plugin's cost to a process engine (history FULL, plugin off against on, in
# rotating rounds, with a history NONE engine beside them for the engine's own history cost) and the log's sealing
# and verification throughput.
#   bench/run.sh [--quick] [--jdbc URL | --server URL] [--only SECTION] --out FILE
# Without --jdbc or --server an embedded PostgreSQL is started. --server jdbc:postgresql://host:port/ runs on that
# server instead, each engine and log on a database of its own that the run creates anew (dropping one of the same
# name: nohistory, control, baseline, audited, logbench, reportbench); --jdbc runs everything on one given database.
# BENCH_DB_USER and BENCH_DB_PASSWORD give the credentials for both; BENCH_JAVA_OPTS the JVM's options (-Xmx6g
# unless set; -Xmx256m shows the log benchmark's verification in bounded memory). --quick: 5 rounds of 200 instances, a log of 200,000 events and the report month, about four
# minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests install -pl bench -am
mvn -B -ntp -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
exec java ${BENCH_JAVA_OPTS:--Xmx6g} -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.auditrail.bench.Benchmarks "$@"
