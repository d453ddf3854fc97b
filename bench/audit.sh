#!/usr/bin/env bash
# Audit log benchmarks (JMH): append throughput forced per event (baseline) vs batched, and
# verification time of a 1,000,000-event log vs the floor of reading and hashing its lines.
# Prints each figure, its baseline from the same run, and the ratio, then the CPU cost of the same
# work (AuditCpuCost). Extra arguments go to JMH.
# Logs are written under bench/out (the disk being measured) and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/java-home
if [[ ! -f bench/target/benchmarks.jar ]]; then
  ./mvnw -B -q -ntp -pl bench -am package -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true
fi
mkdir -p bench/out
results=bench/out/audit.json
"$JAVA_HOME/bin/java" -jar bench/target/benchmarks.jar 'org.pcisegment.bench.Audit.*Benchmark' \
  -rf json -rff "$results" "$@"

score() { jq -r --arg name "$1" '.[] | select(.benchmark | endswith($name)) | .primaryMetric.score' "$results"; }
durable=$(score AuditAppendBenchmark.durable)
batched=$(score AuditAppendBenchmark.batched)
verify=$(score AuditVerifyBenchmark.verify)
hash=$(score AuditVerifyBenchmark.readAndHash)
echo
awk -v d="$durable" -v b="$batched" 'BEGIN {
  printf "append, forced per event (baseline): %10.0f events/s\n", d
  printf "append, batched (200 ms delay):      %10.0f events/s   ratio %.0fx\n", b, b / d }'
awk -v v="$verify" -v h="$hash" 'BEGIN {
  printf "verify 1,000,000 events:             %10.0f ms (%.0f events/s)\n", v, 1e9 / v
  printf "read+SHA-256 only (baseline):        %10.0f ms   ratio %.2fx\n", h, v / h }'

# The same work measured in CPU time as well as wall time (what one free core sustains).
echo
"$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar org.pcisegment.bench.AuditCpuCost
