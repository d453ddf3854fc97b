# Sourced by the whole-process benchmark scripts (analyze.sh, kube-analyze.sh).
# measure_process OUT REPORT COMMAND...: runs COMMAND under /usr/bin/time -v, its standard output
# to OUT and its standard error plus time's report to REPORT; prints
# "wall-seconds cpu-seconds peak-MiB exit-code" (CPU = user + system of all threads: on a shared
# machine the steadier figure).
measure_process() {
  local out=$1 report=$2
  shift 2
  local code=0
  /usr/bin/time -v "$@" >"$out" 2>"$report" || code=$?
  local elapsed cpu rss
  elapsed=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$report" |
    awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { print s }' "$report")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$report")
  echo "$elapsed $cpu $((rss / 1024)) $code"
}
