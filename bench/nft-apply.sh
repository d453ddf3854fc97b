#!/usr/bin/env bash
# Times nftables enforcement: NftEnforcer.apply of 1k/10k/100k compiled rules and a one-rule change
# on 10k, against nft -f of the same text, an empty apply and an incremental nft add element, all
# in one run inside a scratch network namespace (nothing outside it is touched). Needs root.
# Usage: bench/nft-apply.sh [SIZES]   e.g. bench/nft-apply.sh 1000,10000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bin/java-home"
if [[ $(id -u) -ne 0 ]]; then
  echo "bench/nft-apply.sh: needs root (it creates a network namespace and nftables tables in it)" >&2
  exit 2
fi
jar=$root/bench/target/benchmarks.jar
if [[ ! -f $jar || -n $(find "$root/core/src" "$root/enforce/src/main" "$root/bench/src" -newer "$jar" -print -quit) ]]; then
  (cd "$root" && ./mvnw -B -q -ntp -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true package -pl bench -am)
fi
ns=pcis-bench-$$
ip netns add "$ns"
trap 'ip netns delete "$ns"' EXIT
echo "machine: $(nproc) cores, $(uname -sr), $(nft --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
ip netns exec "$ns" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g \
  -cp "$jar" org.pcisegment.bench.NftApplyBenchmark "$@"
