#!/usr/bin/env bash
# Whole-process time and peak memory of `pci-segment analyze` on a generated policy set
# (default: 1,000 workloads, 10,000 policies with 10 peers each), and of `validate` on the same
# input in the same run as the baseline: analyze = load + validate + compile + reachability, so
# the ratio is what compiling and analysing add on top of loading and validating.
# Usage: bench/analyze.sh [WORKLOADS] [POLICIES]      Aim: analyze < 5 s and < 1 GiB.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source bin/java-home
workloads=${1:-1000}
policies=${2:-10000}
if [[ ! -f bench/target/benchmarks.jar || ! -f cli/target/pci-segment.jar ]]; then
  ./mvnw -B -q -ntp -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true package -pl cli,bench -am >&2
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar org.pcisegment.bench.PolicySetGenerator \
  "$dir" "$policies" $((policies * 10)) "$workloads"

source bench/measure.sh

# Runs the launcher on the generated set; prints "seconds peak-MiB exit-code".
measure() {
  local wall cpu rss code
  read -r wall cpu rss code < <(measure_process "$dir/out" "$dir/time" \
    bin/pci-segment "$@" -f "$dir/policies.yaml" --inventory "$dir/inventory.yaml")
  echo "$wall $rss $code"
}

bin/pci-segment version >/dev/null # builds the jar and AOT cache outside the measurement
read -r v_time v_rss v_code < <(measure validate --format json)
read -r a_time a_rss a_code < <(measure analyze --format json)
connections=$(grep -m1 '"connections"' "$dir/out" | tr -dc '0-9')
echo "input: $workloads workloads, $policies policies ($(du -h "$dir/policies.yaml" | cut -f1) of YAML)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf 'validate (baseline): %6.2f s  peak RSS %5d MiB  exit %s\n' "$v_time" "$v_rss" "$v_code"
printf 'analyze:             %6.2f s  peak RSS %5d MiB  exit %s  (%s connections)\n' \
  "$a_time" "$a_rss" "$a_code" "$connections"
awk -v a="$a_time" -v v="$v_time" 'BEGIN { printf "ratio analyze/validate: %.2fx\n", a / v }'
