#!/usr/bin/env bash
# Data-plane cost of the eBPF backend against no filter, the nftables backend and plain iptables
# rulesets, in one run, through a pair of scratch network namespaces joined by a veth pair (the
# client's 200 source addresses, the server 10.199.0.1; no address outside the two namespaces is
# used, both are removed on exit). For each rule count: TCP throughput (iperf3, one stream) and new
# TCP connections per second from the 200 sources (bench/connrate.c; every connection a new flow,
# reset as soon as its handshake completes), the median of REPEATS runs of POINT_SECONDS each. At
# the largest size it also times a one-rule change through the eBPF backend. Needs root.
#
# Rules: the server admits TCP 5201 from one /32 peer per rule; the client's sources sit evenly
# spread through the rule list (see DataPlaneBench). "0 rules" means the filter is installed but
# nothing restricts the server (eBPF program attached, nftables table, iptables ESTABLISHED rule).
# iptables = Debian's default iptables-restore (nf_tables backend); iptables-legacy = the classic
# x_tables one. Each is "accept established, one ACCEPT per peer, DROP".
#
# Usage: bench/ebpf-dataplane.sh [SIZES]   e.g. bench/ebpf-dataplane.sh 0,1000,10000
# Env: POINT_SECONDS (default 2), REPEATS (3), BACKENDS ("none ebpf nft iptables iptables-legacy"),
#      UPDATES (rounds of two one-rule changes timed at the largest size, after one warm-up round; 2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bin/java-home"
if [[ $(id -u) -ne 0 ]]; then
  echo "bench/ebpf-dataplane.sh: needs root (network namespaces, TC programs, firewall rules)" >&2
  exit 2
fi
for tool in iperf3 jq clang nc ss iptables-restore iptables-legacy-restore nft; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench/ebpf-dataplane.sh: '$tool' is missing: run bin/setup" >&2
    exit 2
  fi
done
IFS=, read -r -a sizes <<<"${1:-0,1000,10000,100000}"
point_seconds=${POINT_SECONDS:-2}
repeats=${REPEATS:-3}
read -r -a backends <<<"${BACKENDS:-none ebpf nft iptables iptables-legacy}"
updates=${UPDATES:-2}
source_count=200
inflight=64
server=10.199.0.1
port=5201

jar=$root/bench/target/benchmarks.jar
if [[ ! -f $jar || -n $(find "$root/core/src" "$root/enforce/src/main" "$root/bench/src" -newer "$jar" -print -quit) ]]; then
  (cd "$root" && ./mvnw -B -q -ntp -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true package -pl bench -am)
fi

id=$$
pins=/sys/fs/bpf/pci-segment-bench-$id
work=$(mktemp -d)
cleanup() {
  local ns
  for ns in $(ip netns list | awk -v prefix="pcis-dp-$id-" 'index($1, prefix) == 1 {print $1}'); do
    ip netns delete "$ns" || true # takes the veth pair, TC programs and rules with it
  done
  rm -rf "$pins" "$work"
}
trap cleanup EXIT

clang -O2 -Wall -o "$work/connrate" "$root/bench/connrate.c" # clang: bin/setup installs it for BPF
sources=()
for ((j = 1; j <= source_count; j++)); do
  sources+=("10.100.0.$j")
  echo "addr add 10.100.0.$j/32 dev eth0"
done >"$work/addresses"
iperf_source=${sources[$((source_count / 2))]}
unlisted=10.199.0.2 # the client's own address: no rule admits it

srv_of() { echo "pcis-dp-$id-$1-s"; }
cli_of() { echo "pcis-dp-$id-$1-c"; }
in_srv() { local b=$1; shift; ip netns exec "$(srv_of "$b")" "$@"; }
in_cli() { local b=$1; shift; ip netns exec "$(cli_of "$b")" "$@"; }

# A namespace pair of its own for a backend: server 10.199.0.1 on eth0, client 10.199.0.2 and the
# sources on eth0, joined by a veth pair. New for every rule count, so nothing of a previous
# ruleset (an emptied iptables chain still runs) weighs on the next.
fresh_pair() {
  local srv cli ns
  srv=$(srv_of "$1")
  cli=$(cli_of "$1")
  ip netns delete "$srv" 2>/dev/null || true
  ip netns delete "$cli" 2>/dev/null || true
  ip netns add "$srv"
  ip netns add "$cli"
  ip -n "$srv" link add eth0 type veth peer name eth0 netns "$cli"
  ip -n "$srv" addr add "$server/24" dev eth0
  ip -n "$cli" addr add 10.199.0.2/24 dev eth0
  ip -n "$cli" -batch "$work/addresses"
  for ns in "$srv" "$cli"; do
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
  done
  ip -n "$srv" route add 10.100.0.0/24 via 10.199.0.2
}

java_bench() {
  local b=$1; shift
  in_srv "$b" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx3g -XX:+UseParallelGC \
    -cp "$jar" org.pcisegment.bench.DataPlaneBench "$@"
}
median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }

# Installs N rules of a backend in its server namespace.
install() {
  local backend=$1 size=$2 timed=0 start
  case $backend in
    none) ;;
    ebpf | nft)
      [[ $backend == ebpf && $size -eq $largest ]] && timed=$updates
      java_bench "$backend" apply "$backend" "$size" "$source_count" eth0 "$pins" "$timed" | sed 's/^/  /'
      ;;
    iptables | iptables-legacy)
      java_bench "$backend" iptables "$size" "$source_count" >"$work/rules"
      start=$(date +%s%N)
      in_srv "$backend" "$backend-restore" <"$work/rules"
      echo "  $backend: $size rules loaded by $backend-restore in $(ms_since "$start") ms"
      ;;
    *)
      echo "bench/ebpf-dataplane.sh: unknown backend $backend" >&2
      exit 2
      ;;
  esac
}

# Removes what install put outside the namespaces (the eBPF pins), then the namespaces.
uninstall() {
  [[ $1 == ebpf ]] && java_bench ebpf disable ebpf eth0 "$pins"
  ip netns delete "$(srv_of "$1")"
  ip netns delete "$(cli_of "$1")"
}

# Waits until the server answers an allowed source, so that a measurement never starts early.
wait_for_server() {
  for _ in $(seq 50); do
    if in_cli "$1" nc -z -w 1 -s "${sources[0]}" "$server" "$port" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "bench/ebpf-dataplane.sh: $1: the server never answered an allowed source" >&2
  exit 1
}

# Checks that the filter is really in force: the unlisted source is refused exactly when
# something is restricted. Prints yes or no.
check_enforced() {
  local backend=$1 size=$2 refused=no listener
  in_srv "$backend" "$work/connrate" serve "$port" 4 2>/dev/null &
  listener=$!
  wait_for_server "$backend"
  if ! in_cli "$backend" nc -z -w 1 -s "$unlisted" "$server" "$port" 2>/dev/null; then refused=yes; fi
  wait "$listener" || true
  local expected=yes
  [[ $backend == none || $size -eq 0 ]] && expected=no
  if [[ $refused != "$expected" ]]; then
    echo "bench/ebpf-dataplane.sh: $backend with $size rules: unlisted source refused=$refused, expected $expected" >&2
    exit 1
  fi
  echo "$refused"
}

one_throughput() {
  local backend=$1 listener
  in_srv "$backend" timeout $((point_seconds + 15)) iperf3 -s -p "$port" -1 >/dev/null 2>&1 &
  listener=$!
  for _ in $(seq 100); do
    [[ -n $(in_srv "$backend" ss -Hltn "sport = :$port") ]] && break
    sleep 0.05
  done
  in_cli "$backend" iperf3 -c "$server" -p "$port" -B "$iperf_source" -t "$point_seconds" -J \
    >"$work/iperf.json" || true
  wait "$listener" || true
  if jq -e '.error' "$work/iperf.json" >/dev/null; then
    echo "bench/ebpf-dataplane.sh: $backend: iperf3 failed: $(jq -r .error "$work/iperf.json")" >&2
  fi
  jq -r '(.end.sum_received.bits_per_second // 0) / 1e9' "$work/iperf.json"
}

one_rate() {
  local backend=$1 listener
  in_srv "$backend" "$work/connrate" serve "$port" $((point_seconds + 3)) 2>/dev/null &
  listener=$!
  wait_for_server "$backend"
  in_cli "$backend" "$work/connrate" connect "$server" "$port" "$point_seconds" "$inflight" "${sources[@]}" \
    >"$work/rate"
  wait "$listener" || true
  awk '{print $8}' "$work/rate"
}

declare -A gbits rate
echo "machine: $(nproc) cores, $(uname -sr), $(iperf3 --version | head -1 | cut -d' ' -f1-2), $(iptables -V)"
echo "load average at start: $(cat /proc/loadavg)"
echo "each figure: median of $repeats runs of ${point_seconds} s, backends interleaved;" \
  "$source_count client sources, $inflight connects in flight"
largest=0
for size in "${sizes[@]}"; do ((size > largest)) && largest=$size; done
table=$work/table
printf '%-16s %8s %10s %10s  %s\n' backend rules "Gbit/s" "conn/s" "unlisted refused" >"$table"
for size in "${sizes[@]}"; do
  echo "== $size rules (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  declare -A refused=()
  for backend in "${backends[@]}"; do
    fresh_pair "$backend"
    install "$backend" "$size"
    refused[$backend]=$(check_enforced "$backend" "$size")
  done
  for backend in "${backends[@]}"; do : >"$work/gbits-$backend"; : >"$work/rate-$backend"; done
  for ((r = 0; r < repeats; r++)); do
    for backend in "${backends[@]}"; do one_throughput "$backend" >>"$work/gbits-$backend"; done
    for backend in "${backends[@]}"; do one_rate "$backend" >>"$work/rate-$backend"; done
  done
  for backend in "${backends[@]}"; do
    gbits[$backend,$size]=$(median <"$work/gbits-$backend")
    rate[$backend,$size]=$(median <"$work/rate-$backend")
    printf '%-16s %8d %10.2f %10.0f  %s   (runs: %s / %s)\n' "$backend" "$size" "${gbits[$backend,$size]}" \
      "${rate[$backend,$size]}" "${refused[$backend]}" \
      "$(xargs printf '%.2f ' <"$work/gbits-$backend")" "$(xargs printf '%.0f ' <"$work/rate-$backend")" \
      | tee -a "$table"
    uninstall "$backend"
  done
done
echo "load average at end: $(cat /proc/loadavg)"
echo
cat "$table"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo
echo "ratios (same rule count, same rounds):"
for size in "${sizes[@]}"; do
  line="  $size rules:"
  if [[ -n ${gbits[ebpf,$size]:-} && -n ${gbits[none,$size]:-} ]]; then
    line+=" eBPF/no-filter Gbit/s $(ratio "${gbits[ebpf,$size]}" "${gbits[none,$size]}"),"
    line+=" conn/s $(ratio "${rate[ebpf,$size]}" "${rate[none,$size]}");"
  fi
  for other in nft iptables iptables-legacy; do
    if [[ -n ${rate[ebpf,$size]:-} && -n ${rate[$other,$size]:-} ]]; then
      line+=" eBPF/$other conn/s $(ratio "${rate[ebpf,$size]}" "${rate[$other,$size]}"),"
      line+=" Gbit/s $(ratio "${gbits[ebpf,$size]}" "${gbits[$other,$size]}");"
    fi
  done
  echo "$line"
done
