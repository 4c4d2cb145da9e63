#!/usr/bin/env bash
# Builds the JMH benchmarks and runs them, writing JMH's JSON results to benchmarks/results/
# (not committed; docs/performance.md is the record) and printing a Markdown summary with the
# targets. See docs/performance.md.
#
#   scripts/bench.sh                  # the full suite (about 9 minutes on 2 cores)
#   scripts/bench.sh --quick          # fewer, shorter iterations (about 4 minutes)
#   scripts/bench.sh -- indexQuery -prof stack   # anything after -- goes to JMH as is
#   scripts/bench.sh --registry       # attach/fetch on docker-registry 2.8.2 against curl: the curl
#                                     # baseline, RegistryBenchmark, the baseline again (about 6 min),
#                                     # then AuditBenchmark (audit of 1,000 images, about 10 min)
set -euo pipefail

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
}

quick=0
registry=0
jmh_extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --registry) registry=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; jmh_extra=("$@"); break ;;
    *) echo "bench.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

./mvnw -B -q -pl benchmarks -am package -DskipTests

mkdir -p benchmarks/results
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
if [[ $quick -eq 1 ]]; then
  results="benchmarks/results/jmh-$stamp-quick.json"
  jmh_args=(-wi 3 -w 1s -i 3 -r 1s -f 1)
else
  results="benchmarks/results/jmh-$stamp.json"
  jmh_args=()
fi

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime; }

if [[ $registry -eq 1 ]]; then
  # Interleaved, because the machine's load moves between runs: curl, ours, curl.
  scripts/bench-registry-curl.sh --no-build
  echo
  echo "RegistryBenchmark, load average before: $(load)"
  java -jar benchmarks/target/benchmarks.jar RegistryBenchmark "${jmh_args[@]}" \
    -rf json -rff "${results%.json}-registry.json" ${jmh_extra[@]+"${jmh_extra[@]}"}
  echo "RegistryBenchmark, load average after: $(load); JMH results: ${results%.json}-registry.json"
  echo
  scripts/bench-registry-curl.sh --no-build
  echo
  # waterline audit over 1,000 signed images against the same requests sent with the JDK's
  # HttpClient alone; it prints its requests per image and the CPU time of this JVM and of the
  # registry per image (the fleet is built once and kept in ~/.cache/waterline/audit-bench-<n>).
  echo "AuditBenchmark, load average before: $(load)"
  # (single-shot: one operation per iteration, so --quick means 3 warm-up and 3 measured ones)
  java -jar benchmarks/target/benchmarks.jar AuditBenchmark "${jmh_args[@]}" \
    -rf json -rff "${results%.json}-audit.json"
  echo "AuditBenchmark, load average after: $(load); JMH results: ${results%.json}-audit.json"
  exit 0
fi

load_before="$(load)"

# -prof gc adds the bytes allocated per operation and the CPU time profiler the CPU time of the
# whole JVM per operation: unlike wall-clock times, neither depends much on the machine's load.
# RegistryBenchmark and AuditBenchmark need a registry process and have their own run (--registry).
if [[ ${#jmh_extra[@]} -eq 0 ]]; then jmh_extra=(-e 'RegistryBenchmark|AuditBenchmark'); fi
java -jar benchmarks/target/benchmarks.jar "${jmh_args[@]}" \
  -prof gc -prof dev.waterline.bench.CpuTimeProfiler -rf json -rff "$results" \
  ${jmh_extra[@]+"${jmh_extra[@]}"}

echo
echo "JMH results: $results"
echo "Load average (1, 5, 15 min) before: $load_before; after: $(load); cores: $(nproc 2>/dev/null || echo '?')"
echo
java -cp benchmarks/target/benchmarks.jar dev.waterline.bench.Summary "$results"
