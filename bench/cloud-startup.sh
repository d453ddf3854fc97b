#!/usr/bin/env bash
# Start-up of a non-cloud command (validate) with the cloud SDKs in the jar, against a baseline jar
# built from another revision (default: main) without them. Prints both means and the ratio.
#   bench/cloud-startup.sh [BASELINE_REV] [RUNS]
# Needs hyperfine. The baseline is exported with git archive into a temporary directory and built
# offline; both sides run through bin/pci-segment (AOT cache on), as users run them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rev=${1:-main}
runs=${2:-30}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
baseline=$(mktemp -d /tmp/pci-startup-baseline.XXXXXX)
trap 'rm -rf "$baseline"' EXIT
git -C "$root" archive "$rev" | tar -x -C "$baseline"
for dir in "$baseline" "$root"; do
  (cd "$dir" && ./mvnw -B -q -o -ntp -pl cli -am package -DskipTests -Djacoco.skip=true \
      -Dspotless.check.skip=true -Denforcer.skip=true >/dev/null)
  touch "$dir/cli/target/pci-segment.jar"
  rm -f "$dir/cli/target/pci-segment.aot"
  (cd "$dir" && bin/pci-segment version >/dev/null) # trains the AOT cache
done
command=(validate -f examples/policies --inventory examples/inventory.yaml)
json=$(mktemp)
hyperfine -N -i --warmup 3 --runs "$runs" --export-json "$json" \
  -n "baseline ($rev, $(du -h "$baseline/cli/target/pci-segment.jar" | cut -f1) jar)" \
  "$baseline/bin/pci-segment ${command[*]}" \
  -n "with cloud SDKs ($(du -h "$root/cli/target/pci-segment.jar" | cut -f1) jar)" \
  "$root/bin/pci-segment ${command[*]}" >/dev/null
python3 - "$json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base, cloud = results[0], results[1]
for r in results:
    print(f"{r['command']}: mean {r['mean']*1000:.0f} ms ± {r['stddev']*1000:.0f} ms (median {r['median']*1000:.0f} ms)")
print(f"ratio with/without cloud SDKs: {cloud['mean']/base['mean']:.2f}")
PY
rm -f "$json"
