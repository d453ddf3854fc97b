#!/usr/bin/env bash
# Issue 3 performance: (1) one small file, whole process, through bin/pci-segment (AOT cache, the
# start-up measure) against plain `java -jar` on the same jar (baseline, same run), and `java
# -version` as the floor; (2) validate of a generated set of 10,000 policies with 100,000 peers
# (1,000 workloads), whole process through bin/pci-segment: wall time, CPU time and peak RSS, with
# the fast YAML reader and, as its baseline, with snakeyaml alone (-Dpcisegment.yaml.snakeyamlOnly).
# Prints the load average, because the machine may be shared. Needs hyperfine.
#   bench/validate-startup.sh [RUNS]        Aims: one file < 0.3 s, 10,000 policies < 2 s.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source bin/java-home
runs=${1:-20}
if [[ ! -f bench/target/benchmarks.jar ]]; then
  ./mvnw -B -q -ntp -o -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true package -pl bench -am >&2
fi
bin/pci-segment version >/dev/null # builds the jar and trains the AOT cache outside the measurement
jar=cli/target/pci-segment.jar
small=(validate -f examples/policies/cde-isolation.yaml)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
json=$(mktemp)
dir=$(mktemp -d)
trap 'rm -rf "$json" "$dir"' EXIT
hyperfine -N --warmup 3 --runs "$runs" --export-json "$json" \
  -n "java -version (floor)" "$JAVA_HOME/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -version" \
  -n "java -jar (baseline)" "$JAVA_HOME/bin/java -jar $jar ${small[*]}" \
  -n "bin/pci-segment (AOT cache)" "bin/pci-segment ${small[*]}" >/dev/null
python3 - "$json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
for r in results:
    cpu = r["user"] + r["system"]
    print(f"{r['command']}: median {r['median']*1000:.0f} ms, mean {r['mean']*1000:.0f} ± {r['stddev']*1000:.0f} ms,"
          f" CPU {cpu*1000:.0f} ms")
base, launcher = results[1], results[2]
print(f"one file, baseline/launcher: median {base['median']/launcher['median']:.2f}x,"
      f" CPU {(base['user']+base['system'])/(launcher['user']+launcher['system']):.2f}x")
PY
"$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar org.pcisegment.bench.PolicySetGenerator \
  "$dir" 10000 100000 1000 >/dev/null
# Baseline in the same run: YAML read by snakeyaml alone (the fast reader off); same output expected.
for reader in fast snakeyaml; do
  options=${PCI_SEGMENT_JAVA_OPTS:-}
  [[ $reader == snakeyaml ]] && options="$options -Dpcisegment.yaml.snakeyamlOnly=true"
  PCI_SEGMENT_JAVA_OPTS=$options /usr/bin/time -f "%e %U %S %M" -o "$dir/time.$reader" bin/pci-segment validate \
    -f "$dir/policies.yaml" --inventory "$dir/inventory.yaml" --format json >"$dir/out.$reader" || true
  read -r wall user sys rss <"$dir/time.$reader"
  echo "10,000 policies ($(du -h "$dir/policies.yaml" | cut -f1) of YAML), $reader YAML reader: wall ${wall} s," \
    "CPU $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') s, peak RSS $((rss / 1024)) MiB"
done
cmp -s "$dir/out.fast" "$dir/out.snakeyaml" || echo "OUTPUTS DIFFER between the two YAML readers"
read -r fast_wall fast_user fast_sys _ <"$dir/time.fast"
read -r snake_wall snake_user snake_sys _ <"$dir/time.snakeyaml"
awk -v fw="$fast_wall" -v sw="$snake_wall" -v fc="$(awk -v u="$fast_user" -v s="$fast_sys" 'BEGIN { print u + s }')" \
  -v sc="$(awk -v u="$snake_user" -v s="$snake_sys" 'BEGIN { print u + s }')" \
  'BEGIN { printf "10,000 policies, snakeyaml/fast reader: wall %.2fx, CPU %.2fx\n", sw / fw, sc / fc }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
