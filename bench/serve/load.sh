#!/usr/bin/env bash
# Load test of 'sextant serve' on loopback: the sales example behind POST /predict, with the prediction log and
# metrics on (the defaults). Prints a Markdown summary for docs/BENCHMARKS.md.
#   bench/serve/load.sh [--seconds 30] [--runs 3]
# Needs wrk and hey (Debian: apt-get install -y wrk hey). Builds Release; writes a scratch project in a temp folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/serve/serve-sales.sh
rss() { awk -v k="$1" '$1 == k":" { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }
metric() { curl -s "$url/metrics" | awk -v m="$1" '$1 == m { print $2 }'; }
drain() { for _ in $(seq 1 120); do [ "$(metric sextant_prediction_log_queue_depth)" = "0" ] && return; sleep 0.5; done; }

rss_loaded=$(rss VmRSS)
echo "warming up (10 s saturated) ..." >&2
wrk -t1 -c32 -d10s -s bench/serve/predict.lua "$url/predict" >/dev/null
drain
sleep 2

echo "steady 1,000 requests/s (hey, 10 clients x 100/s), $runs x ${seconds} s ..." >&2
buckets() { curl -s "$url/metrics" | sed -n 's/^sextant_http_request_duration_seconds_bucket{route="\/predict",le="\([^"]*\)"} \(.*\)$/\1 \2/p'; }
steady=()
before=$(buckets)
for i in $(seq 1 "$runs"); do
  out=$(hey -z "${seconds}s" -c 10 -q 100 -m POST -T application/json -d "$body" "$url/predict")
  rate=$(printf '%s\n' "$out" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
  p50=$(printf '%s\n' "$out" | awk '/50% in/ { printf "%.2f", $3 * 1000 }')
  p99=$(printf '%s\n' "$out" | awk '/99% in/ { printf "%.2f", $3 * 1000 }')
  ok=$(printf '%s\n' "$out" | awk '$1 == "[200]" { print $2; exit }')
  other=$(printf '%s\n' "$out" | awk '$1 ~ /^\[[0-9]+\]$/ && $1 != "[200]" { n += $2 } END { print n + 0 }')
  after=$(buckets)
  inside=$(printf '%s\n%s\n' "$before" "$after" | awk '
    NR <= 16 { b[$1] = $2; next }
    { d[$1] = $2 - b[$1] }
    END { printf "%.2f%% under 0.25 ms, %.2f%% under 1 ms", 100 * d["0.00025"] / d["+Inf"], 100 * d["0.001"] / d["+Inf"] }')
  steady+=("| steady /predict, run $i | $rate | $p50 ms | $p99 ms | ${ok:-0} ok, $other other; in the server: $inside |")
  drain
  before=$(buckets)
done

# The floor of this machine and tool: the same load against GET /health, which does no work.
out=$(hey -z "${seconds}s" -c 10 -q 100 "$url/health")
floor_p50=$(printf '%s\n' "$out" | awk '/50% in/ { printf "%.2f", $3 * 1000 }')
floor_p99=$(printf '%s\n' "$out" | awk '/99% in/ { printf "%.2f", $3 * 1000 }')
steady+=("| steady GET /health (floor: no work) | 1000 | $floor_p50 ms | $floor_p99 ms | |")

echo "saturated (wrk, 1 thread, 32 connections), ${seconds} s ..." >&2
out=$(wrk -t1 -c32 -d"${seconds}s" --latency -s bench/serve/predict.lua "$url/predict")
sat_rate=$(printf '%s\n' "$out" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
sat_p50=$(printf '%s\n' "$out" | awk '$1 == "50%" { print $2 }')
sat_p99=$(printf '%s\n' "$out" | awk '$1 == "99%" { print $2 }')
sat_errors=$(printf '%s\n' "$out" | awk '/Non-2xx|Socket errors/ { print }' | tr '\n' ' ')
rss_peak=$(rss VmHWM)
drain
written=$(metric sextant_prediction_log_written_total)
dropped=$(metric sextant_prediction_log_dropped_total)

cat <<MD
- Machine: $(nproc) logical cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version) SDK (Release build); load generator on the same cores.
- Date: $(date -u +%Y-%m-%d). Command: \`bench/serve/load.sh --seconds $seconds --runs $runs\`. Model: the sales example's selected candidate ($learner), served with the prediction log (SQLite) and metrics on.

| case | requests/s | p50 | p99 | responses |
|---|---|---|---|---|
$(printf '%s\n' "${steady[@]}")
| saturated | $sat_rate | $sat_p50 | $sat_p99 | ${sat_errors:-no errors} |

- Server memory: ${rss_loaded} MiB resident with the model loaded, ${rss_peak} MiB peak during the load.
- Prediction log: ${written} records written, ${dropped} dropped.
MD
