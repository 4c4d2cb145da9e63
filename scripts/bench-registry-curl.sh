#!/usr/bin/env bash
# The curl baseline for RegistryBenchmark (docs/performance.md, "Registry attach and fetch"):
# records the HTTP requests our client sends for each benchmarked operation (RecordRequests, through
# a recording proxy), then replays exactly those requests (methods, paths, headers, bodies) with
# curl against a fresh Debian docker-registry 2.8.2, in two ways:
#   kept-open   one curl invocation per operation, one request after another over one kept-open
#               connection (a -K config with `next` between requests); time = the sum of curl's
#               time_total over the transfers (process start-up excluded)
#   one-by-one  one curl process (so one connection) per request, as DESIGN.md's Clarifications
#               say: time = the sum of the requests' time_total
# and prints, per operation, the request count and the median, mean, min and p90 in ms.
#
#   scripts/bench-registry-curl.sh [--repetitions R] [--no-build] [--keep DIR]
#
# R (default 30) attaches per attach operation (each a fresh attestation on a fresh subject in a
# fresh repository, as in the JMH benchmark), and R fetches of each fetch operation. Needs
# /usr/bin/docker-registry (scripts/install-test-deps.sh), curl >= 7.55, Java 17; not jq.
set -euo pipefail

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }

reps=30
build=1
keep=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repetitions) reps="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --keep) keep="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench-registry-curl.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[[ -x /usr/bin/docker-registry ]] || {
  echo "/usr/bin/docker-registry is missing: run scripts/install-test-deps.sh" >&2; exit 1; }
if [[ $build -eq 1 || ! -f benchmarks/target/benchmarks.jar ]]; then
  ./mvnw -B -q -pl benchmarks -am package -DskipTests
fi

work="$(mktemp -d /tmp/waterline-curl-bench.XXXXXX)"
reg_pid=
cleanup() {
  if [[ -n $reg_pid ]]; then kill "$reg_pid" 2>/dev/null || true; wait "$reg_pid" 2>/dev/null || true; fi
  if [[ -n $keep ]]; then mkdir -p "$keep" && cp -r "$work"/. "$keep"/; fi
  rm -rf "$work"
}
trap cleanup EXIT

rec="$work/rec"
java -cp benchmarks/target/benchmarks.jar dev.waterline.bench.registry.RecordRequests "$rec" "$reps"

# Starts a registry with DistributionRegistry.quiet's configuration (vex-attach tests); sets base and reg_pid.
start_registry() {
  local dir="$work/registry-$1"
  mkdir -p "$dir"
  cat > "$dir/config.yml" <<CONF
version: 0.1
log:
  level: info
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:0
  secret: not-a-secret-bench-only
CONF
  /usr/bin/docker-registry serve "$dir/config.yml" 2> "$dir/registry.err" > /dev/null &
  reg_pid=$!
  local port=
  for _ in $(seq 1 2000); do
    port=$(sed -n 's/.*msg="listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$dir/registry.err" | head -1)
    [[ -n $port ]] && break
    kill -0 "$reg_pid" 2>/dev/null || { cat "$dir/registry.err" >&2; exit 1; }
    sleep 0.01
  done
  [[ -n $port ]] || { echo "docker-registry did not start" >&2; exit 1; }
  base="http://127.0.0.1:$port"
}

stop_registry() {
  kill "$reg_pid"; wait "$reg_pid" 2>/dev/null || true; reg_pid=
}

f() { printf '%s/%04d' "$rec" "$1"; }

# One request in its own curl process. Sets code and secs; after a 202 to a POST, loc.
loc=
send_one() {
  local seq=$1 method=$2 target=$3 url out
  local args=()
  if [[ $target == '{upload}'* ]]; then
    url=$loc
    [[ $url == /* ]] && url="$base$url"
    if [[ $url == *\?* ]]; then url="$url&digest=${target##*digest=}"; else url="$url?digest=${target##*digest=}"; fi
  else
    url="$base$target"
  fi
  if [[ $method == HEAD ]]; then args+=(-I); else args+=(-X "$method"); fi
  [[ -s "$(f "$seq").h" ]] && args+=(-H "@$(f "$seq").h")
  [[ -e "$(f "$seq").b" ]] && args+=(--data-binary "@$(f "$seq").b")
  out=$(curl -sS -o /dev/null -D "$work/headers" -w '%{http_code} %{time_total}' "${args[@]}" "$url")
  code=${out%% *}
  secs=${out#* }
  if [[ $method == POST && $code == 202 ]]; then
    loc=$(tr -d '\r' < "$work/headers" | sed -n 's/^[Ll]ocation: //p' | head -1)
  fi
}

# Opens an upload session (untimed) for a kept-open replay; prints its URL with the digest.
open_session() {
  local target=$1 path l
  path=${target#'{upload}'}
  path=${path%%\?*}
  curl -sS -o /dev/null -D "$work/headers" -X POST "$base$path"
  l=$(tr -d '\r' < "$work/headers" | sed -n 's/^[Ll]ocation: //p' | head -1)
  [[ $l == /* ]] && l="$base$l"
  if [[ $l == *\?* ]]; then echo "$l&digest=${target##*digest=}"; else echo "$l?digest=${target##*digest=}"; fi
}

# The kind of a request, for the per-request medians (as JdkReplay names them).
kind() {
  case "$1" in
    '{upload}'*) echo 'blob upload (PUT to the session)' ;;
    */blobs/uploads/*) echo 'blob upload (POST, mount)' ;;
    */blobs/*) echo 'blob' ;;
    */tags/list) echo 'tag list' ;;
    */manifests/sha256:*) echo 'manifest by digest' ;;
    *.ref) echo 'manifest, .ref tag' ;;
    *.att) echo '.att tag' ;;
    *) echo 'fallback index tag' ;;
  esac
}

mismatches=0
results="$work/results.tsv"   # mode, operation, requests, ms, [process ms]

# Replays one operation's requests (lines "seq method target status" in $1) in mode $2.
replay_group() {
  local lines=$1 mode=$2 op=$3 n total=0 seq method target status
  n=$(wc -l < "$lines")
  if [[ $mode == one-by-one ]]; then
    while read -r seq method target status; do
      send_one "$seq" "$method" "$target"
      [[ $code == "$status" ]] || { mismatches=$((mismatches + 1)); echo "  $op: $method $target gave $code, recorded $status" >&2; }
      total=$(awk -v a="$total" -v b="$secs" 'BEGIN { print a + b }')
    done < "$lines"
    printf '%s\t%s\t%d\t%s\n' "$mode" "$op" "$n" "$(awk -v t="$total" 'BEGIN { printf "%.3f", t * 1000 }')" >> "$results"
    return
  fi
  # kept-open: sessions first (untimed), then one curl -K with every request
  local cfg="$work/op.curl" url expected=() kinds=()
  : > "$cfg"
  while read -r seq method target status; do
    if [[ $target == '{upload}'* ]]; then url=$(open_session "$target"); else url="$base$target"; fi
    {
      [[ ${#expected[@]} -gt 0 ]] && echo 'next'
      printf 'url = "%s"\n' "$url"
      if [[ $method == HEAD ]]; then echo 'head'; else printf 'request = "%s"\n' "$method"; fi
      [[ -s "$(f "$seq").h" ]] && printf 'header = "@%s.h"\n' "$(f "$seq")"
      [[ -e "$(f "$seq").b" ]] && printf 'data-binary = "@%s.b"\n' "$(f "$seq")"
      echo 'output = "/dev/null"'
      echo 'write-out = "%{http_code} %{time_total} %{num_connects}\n"'
    } >> "$cfg"
    expected+=("$status")
    kinds+=("$method $(kind "$target") $status")
  done < "$lines"
  local t0 t1 out i=0 connects=0
  t0=$(date +%s%N)
  out=$(curl -sS -K "$cfg")
  t1=$(date +%s%N)
  while read -r c s k; do
    [[ $c == "${expected[$i]}" ]] || { mismatches=$((mismatches + 1)); echo "  $op: request $((i + 1)) gave $c, recorded ${expected[$i]}" >&2; }
    total=$(awk -v a="$total" -v b="$s" 'BEGIN { print a + b }')
    printf '%s\t%s\n' "${kinds[$i]}" "$s" >> "$work/kinds.tsv"
    connects=$((connects + k))
    i=$((i + 1))
  done <<< "$out"
  [[ $i -eq $n ]] || { echo "  $op: curl ran $i of $n requests" >&2; exit 1; }
  [[ $connects -eq 1 ]] || { echo "  $op: curl opened $connects connections, not 1" >&2; exit 1; }
  printf '%s\t%s\t%d\t%s\t%s\n' "$mode" "$op" "$n" "$(awk -v t="$total" 'BEGIN { printf "%.3f", t * 1000 }')" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e6 }')" >> "$results"
}

# Replays the whole recording in one mode against a fresh registry.
replay() {
  local mode=$1 current= group="$work/group" seq phase method target status
  start_registry "$mode"
  run_group() {
    [[ -z $current || ! -s $group ]] && return
    if [[ $current == setup ]]; then
      while read -r s m t st; do
        send_one "$s" "$m" "$t"
        [[ $code == "$st" ]] || { mismatches=$((mismatches + 1)); echo "  setup: $m $t gave $code, recorded $st" >&2; }
      done < "$group"
    elif [[ $current == fetch-* ]]; then
      for _ in $(seq 1 "$reps"); do replay_group "$group" "$mode" "$current"; done
    else
      replay_group "$group" "$mode" "${current%%#*}"
    fi
  }
  : > "$group"
  while IFS=$'\t' read -r seq phase method target status; do
    if [[ $phase != "$current" ]]; then
      run_group
      current=$phase
      : > "$group"
    fi
    printf '%s %s %s %s\n' "$seq" "$method" "$target" "$status" >> "$group"
  done < "$rec/requests.tsv"
  run_group
  stop_registry
}

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime; }
: > "$results"
: > "$work/kinds.tsv"
echo "Load average (1, 5, 15 min) before: $(load); cores: $(nproc 2>/dev/null || echo '?'); $(curl --version | head -1 | cut -d' ' -f1-2)"
replay kept-open
replay one-by-one
echo "Load average after: $(load)"
[[ $mismatches -eq 0 ]] || echo "WARNING: $mismatches replayed requests got another status than recorded" >&2

echo
echo "| Operation | Requests | curl, one kept-open connection: median / mean / min / p90 ms | process wall median ms | curl, one process per request (sum of time_total): median / mean ms |"
echo "|---|---:|---:|---:|---:|"
stats() { # stdin: numbers; prints median mean min p90
  sort -n | awk '{ v[NR] = $1; s += $1 } END { if (NR == 0) { print "- - - -"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    p = v[int(NR * 0.9 + 0.999999)]; printf "%.1f %.1f %.1f %.1f", m, s / NR, v[1], p }'
}
for op in attach-bundle-referrer attach-default fetch-1 fetch-4 fetch-16; do
  n=$(awk -F'\t' -v o="$op" '$2 == o { print $3; exit }' "$results")
  read -r km kmean kmin kp90 <<< "$(awk -F'\t' -v o="$op" '$1 == "kept-open" && $2 == o { print $4 }' "$results" | stats)"
  read -r wm _ _ _ <<< "$(awk -F'\t' -v o="$op" '$1 == "kept-open" && $2 == o { print $5 }' "$results" | stats)"
  read -r om omean _ _ <<< "$(awk -F'\t' -v o="$op" '$1 == "one-by-one" && $2 == o { print $4 }' "$results" | stats)"
  echo "| $op | $n | $km / $kmean / $kmin / $kp90 | $wm | $om / $omean |"
done

echo
echo "Per request over the kept-open connection (curl's time_total), median ms (count):"
cut -f1 "$work/kinds.tsv" | sort -u | while read -r k; do
  read -r m _ _ _ <<< "$(awk -F'\t' -v k="$k" '$1 == k { print $2 * 1000 }' "$work/kinds.tsv" | stats)"
  printf '  %s: %s (%d)\n' "$k" "$m" "$(awk -F'\t' -v k="$k" '$1 == k' "$work/kinds.tsv" | wc -l)"
done
