# Sourced by load.sh and loadgen.sh (from the repository root): parses --seconds/--runs, checks wrk, hey and curl,
# builds Release, trains the sales example in a temp folder and serves it on 127.0.0.1:$port with "${serve_args[@]}".
# Leaves: seconds, runs, sextant (the command), work, url, body, server (its pid, killed on exit), $work/train.json.

seconds=${seconds:-30}
runs=${runs:-3}
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
port=${port:-5089}
url="http://127.0.0.1:$port"
body='{"QUANTITYORDERED":30,"PRICEEACH":100.5,"ORDERLINENUMBER":2,"MSRP":120.0,"QTR_ID":2,"MONTH_ID":5,"YEAR_ID":2004,"PRODUCTLINE":"Classic Cars","COUNTRY":"USA","DEALSIZE":"Medium"}'
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "preparing the sales example in $work ..." >&2
"${sextant[@]}" init "$work/sales" --example sales >/dev/null 2>&1
"${sextant[@]}" ingest -p "$work/sales" >/dev/null 2>&1
"${sextant[@]}" train -p "$work/sales" --format json 2>/dev/null > "$work/train.json"
learner=$(sed -n 's/.*"learner": *"\([^"]*\)".*/\1/p' "$work/train.json" | head -n 1)

"${sextant[@]}" serve -p "$work/sales" --urls "$url" ${serve_args[@]+"${serve_args[@]}"} >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -sf "$url/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$url/ready" >/dev/null || { echo "error: the server did not become ready" >&2; cat "$work/serve.log" >&2; exit 1; }
