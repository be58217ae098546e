#!/usr/bin/env bash
# 'sextant loadtest' beside wrk and hey on the same 'sextant serve' (sales example, POST /predict, loopback):
# saturated throughput (32 connections) against wrk's, and p50 at a steady 1,000 requests/s against hey's.
#   bench/serve/loadgen.sh [--seconds 10] [--runs 3]
# Needs wrk and hey (Debian: apt-get install -y wrk hey). Builds Release; writes a scratch project in a temp folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=10
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

for tool in wrk hey curl; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed (apt-get install -y wrk hey curl)" >&2; exit 2; }
done

dotnet build src/Sextant.Cli -c Release -v quiet -nologo >/dev/null
sextant=(dotnet "$(pwd)/src/Sextant.Cli/bin/Release/net10.0/sextant.dll")
work=$(mktemp -d)
port=5088
url="http://127.0.0.1:$port"
body='{"QUANTITYORDERED":30,"PRICEEACH":100.5,"ORDERLINENUMBER":2,"MSRP":120.0,"QTR_ID":2,"MONTH_ID":5,"YEAR_ID":2004,"PRODUCTLINE":"Classic Cars","COUNTRY":"USA","DEALSIZE":"Medium"}'
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "preparing the sales example in $work ..." >&2
"${sextant[@]}" init "$work/sales" --example sales >/dev/null 2>&1
"${sextant[@]}" ingest -p "$work/sales" >/dev/null 2>&1
"${sextant[@]}" train -p "$work/sales" >/dev/null 2>&1
echo "$body" > "$work/record.json"
# The prediction log off: it competes with the load generators for the two cores and is not what is compared here.
"${sextant[@]}" serve -p "$work/sales" --urls "$url" --log-capacity 0 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -sf "$url/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$url/ready" >/dev/null || { echo "error: the server did not become ready" >&2; cat "$work/serve.log" >&2; exit 1; }
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
