#!/usr/bin/env bash
# Whole-process time and peak memory of `pci-segment kube analyze` on a generated cluster
# (default: 500 Deployments of 10 running Pods each = 5,000 Pods in 50 namespaces, and 2,000
# NetworkPolicies), against a baseline in the same run: `kube analyze` of the same cluster without
# its NetworkPolicies (same reading of 5,000 Pods, same 500 workloads and output size order, every
# pair open). The ratio is what the policies cost on top of reading and reporting the cluster.
# Usage: bench/kube-analyze.sh [DEPLOYMENTS] [PODS-PER-DEPLOYMENT] [POLICIES]
# Aim: kube analyze < 10 s and < 1 GiB.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source bin/java-home
deployments=${1:-500}
replicas=${2:-10}
policies=${3:-2000}
if [[ ! -f bench/target/benchmarks.jar || ! -f cli/target/pci-segment.jar ]]; then
  ./mvnw -B -q -ntp -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true package -pl cli,bench -am >&2
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar org.pcisegment.bench.ClusterGenerator \
  "$dir" "$deployments" "$replicas" "$policies"

source bench/measure.sh

# Runs the launcher; prints "wall-seconds cpu-seconds peak-MiB exit-code output-lines".
measure() {
  local wall cpu rss code
  read -r wall cpu rss code < <(measure_process "$dir/out" "$dir/time" bin/pci-segment "$@")
  if [[ $code -ne 0 ]]; then
    grep -v '^\s' "$dir/time" | head -5 >&2
  fi
  echo "$wall $cpu $rss $code $(wc -l <"$dir/out")"
}

bin/pci-segment version >/dev/null # builds the jar and AOT cache outside the measurement
read -r b_time b_cpu b_rss b_code b_lines < <(measure kube analyze -f "$dir/workloads.yaml")
read -r a_time a_cpu a_rss a_code a_lines < <(measure kube analyze -f "$dir/workloads.yaml" -f "$dir/policies.yaml")
pods=$(grep -c '^kind: Pod$' "$dir/workloads.yaml")
echo "input: $pods pods in $deployments deployments ($(du -h "$dir/workloads.yaml" | cut -f1) of YAML)," \
  "$(grep -c '^kind: NetworkPolicy$' "$dir/policies.yaml") NetworkPolicies ($(du -h "$dir/policies.yaml" | cut -f1))"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf 'kube analyze, no policies (baseline): %6.2f s wall  %6.2f s CPU  peak RSS %5d MiB  exit %s  (%s lines)\n' \
  "$b_time" "$b_cpu" "$b_rss" "$b_code" "$b_lines"
printf 'kube analyze, %5d policies:          %6.2f s wall  %6.2f s CPU  peak RSS %5d MiB  exit %s  (%s lines)\n' \
  "$policies" "$a_time" "$a_cpu" "$a_rss" "$a_code" "$a_lines"
awk -v a="$a_time" -v b="$b_time" -v ac="$a_cpu" -v bc="$b_cpu" \
  'BEGIN { printf "ratio with policies / without: %.2fx wall, %.2fx CPU\n", a / b, ac / bc }'
