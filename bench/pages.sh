#!/usr/bin/env bash
# Page speed of the H5 site, in one run on one machine:
#  1. server time under load: a bare Kestrel endpoint sending a copy of the home page (the baseline), then
#     Portal's home page and an article (output cache on, as deployed), with wrk;
#  2. a follower's cold load in Debian's Chromium over an emulated slow 3G network (bench/PageSpeed):
#     bytes transferred and first contentful paint.
# Portal runs published (Release, compressed static files) with the sandbox's starter site.
#   DURATION=10 CONNECTIONS=64 bench/pages.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
PORT="${PORT:-5095}"
WORK="$(mktemp -d -t portal-pages.XXXXXX)"
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "installing wrk"; apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -x /usr/bin/chromium ] || { echo "installing chromium"; apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

dotnet publish Portal.Web -c Release -o "$WORK/portal" -v q -nologo >/dev/null
dotnet build -c Release -v q -nologo bench/Baseline >/dev/null
dotnet build -c Release -v q -nologo bench/PageSpeed >/dev/null

wait_for() { for _ in $(seq 100); do curl -s -o /dev/null "$1" && return; sleep 0.1; done; echo "server did not start"; exit 1; }
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""; }
load() { # url -> "rps p50 p99"
  wrk -t2 -c"$CONNECTIONS" -d3s "$1" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" | awk '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    END { print rps, p50, p99 }'
}

# Portal first, to take a copy of its home page for the baseline.
(cd "$WORK/portal" && ASPNETCORE_ENVIRONMENT=Staging Sandbox__Enabled=true Sandbox__StarterKit=true \
  Sandbox__SelfUrl="http://127.0.0.1:$PORT/" Database__DataFolder="$WORK/data" Logging__LogLevel__Default=Warning \
  exec dotnet Portal.Web.dll --urls "http://127.0.0.1:$PORT" >"$WORK/portal.log" 2>&1) &
SERVER=$!
wait_for "http://127.0.0.1:$PORT/"
curl -s "http://127.0.0.1:$PORT/" >"$WORK/home.html"
home="$(load "http://127.0.0.1:$PORT/")"
article="$(load "http://127.0.0.1:$PORT/articles/1")"
echo "cold loads over slow 3G (400 kbit/s, 400 ms round trip), $(date -u +%F):"
dotnet bench/PageSpeed/bin/Release/net10.0/PageSpeed.dll "http://127.0.0.1:$PORT/" "http://127.0.0.1:$PORT/articles/1" "http://127.0.0.1:$PORT/contact"
stop

BASELINE_PAGE="$WORK/home.html" dotnet bench/Baseline/bin/Release/net10.0/Baseline.dll --urls "http://127.0.0.1:$PORT" >"$WORK/baseline.log" 2>&1 &
SERVER=$!
wait_for "http://127.0.0.1:$PORT/page"
base="$(load "http://127.0.0.1:$PORT/page")"
stop

echo
echo "server time under load: $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores; home page $(wc -c <"$WORK/home.html") bytes"
printf '| run | requests/s | ratio to baseline | p50 | p99 |\n|---|---|---|---|---|\n'
for row in "baseline (bare Kestrel, same bytes):$base" "Portal home page:$home" "Portal article:$article"; do
  name="${row%%:*}"; set -- ${row#*:}
  ratio="$(awk -v a="$1" -v b="${base%% *}" 'BEGIN { printf "%.2f", a / b }')"
  printf '| %s | %.0f | %s | %s | %s |\n' "$name" "$1" "$ratio" "$2" "$3"
done
