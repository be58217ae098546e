#!/usr/bin/env bash
# 'sextant loadtest' beside wrk and hey on the same 'sextant serve' (sales example, POST /predict, loopback):
# saturated throughput (32 connections) against wrk's, and p50 at a steady 1,000 requests/s against hey's.
#   bench/serve/loadgen.sh [--seconds 10] [--runs 3]
# Needs wrk and hey (Debian: apt-get install -y wrk hey). Builds Release; writes a scratch project in a temp folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=10
runs=3
port=5088
# The prediction log off: it competes with the load generators for the two cores and is not what is compared here.
serve_args=(--log-capacity 0)
source bench/serve/serve-sales.sh
echo "$body" > "$work/record.json"
json() { sed -n "s/.*\"$1\": *\([0-9.]*\).*/\1/p" "$2" | head -n 1; }

echo "warming up ..." >&2
wrk -t1 -c32 -d5s -s bench/serve/predict.lua "$url/predict" >/dev/null
echo "| run | wrk saturated/s | loadtest saturated/s | hey p50 at 1,000/s | loadtest p50 at 1,000/s (open) |"
echo "|---|---|---|---|---|"
for i in $(seq 1 "$runs"); do
  wrk_rate=$(wrk -t1 -c32 -d"${seconds}s" -s bench/serve/predict.lua "$url/predict" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
  "${sextant[@]}" loadtest --url "$url" -c 32 -d "${seconds}s" --warmup 1s --body-from "$work/record.json" --format json 2>/dev/null > "$work/closed.json"
  lt_rate=$(json achieved_rate "$work/closed.json")
  hey_p50=$(hey -z "${seconds}s" -c 10 -q 100 -m POST -T application/json -d "$body" "$url/predict" | awk '/50% in/ { printf "%.3f", $3 * 1000 }')
  "${sextant[@]}" loadtest --url "$url" --rate 1000 -d "${seconds}s" --warmup 1s --body-from "$work/record.json" --format json 2>/dev/null > "$work/open.json"
  lt_p50=$(sed -n '/"latency_ms"/,/}/p' "$work/open.json" | sed -n 's/.*"p50": *\([0-9.]*\).*/\1/p')
  printf '| %s | %s | %.0f | %s ms | %.3f ms |\n' "$i" "$wrk_rate" "$lt_rate" "$hey_p50" "$lt_p50"
done
echo
echo "- $(nproc) logical cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(date -u '+%Y-%m-%d %H:%M UTC'); \`bench/serve/loadgen.sh --seconds $seconds --runs $runs\`."
