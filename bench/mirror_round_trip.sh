#!/bin/bash
# Mirror, plan, apply, sync against a local `jql serve` playing the site, on generated
# data: the figures of docs/mirror.md. Usage: bench/mirror_round_trip.sh [ISSUES] [BUILD]
# (default 100000 and build/release). Everything is on 127.0.0.1, so the figures are of
# this program and the local server, not of a network or of Jira's rate limits.
set -euo pipefail
issues=${1:-100000}
jql=$(realpath "${2:-build/release}")/jql
work=$(mktemp -d /tmp/jql-mirror-bench.XXXXXX)
trap 'kill $site 2>/dev/null && wait $site 2>/dev/null; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
site_url=http://127.0.0.1:$port

"$jql" gen "$issues" --out "$work/site.jsonl" --quiet
"$jql" serve --data "$work/site.jsonl" --state "$work/state" --listen "127.0.0.1:$port" \
  --lazy-indexes > "$work/serve.log" 2>&1 &
site=$!
until curl -sf "$site_url/healthz" > /dev/null; do sleep 0.2; done
cp "$work/state/default-admin-token" "$work/token"
access=(--user admin@example.com --token-file "$work/token")

# Runs a command under /usr/bin/time; prints "<what>: <seconds> s, <max RSS> MB".
timed() {
  local what=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/out" 2> "$work/err" || {
    cat "$work/err"
    exit 1
  }
  read -r seconds kb < "$work/time"
  echo "$what: $seconds s, $((kb / 1024)) MB max RSS"
}

echo "site: $issues generated issues on $site_url"
timed "import (--jobs 4)" "$jql" import --from "$site_url" "${access[@]}" --out "$work/mirror"
grep -o 'imported.*' "$work/err"
timed "sync, nothing changed" "$jql" import --since-last "$work/mirror" "${access[@]}"
head -1 "$work/out"
query='created < now()'
timed "plan '$query'" "$jql" archive --plan "$query" --data "$work/mirror" --out "$work/plan.json"
head -1 "$work/out"
timed "apply (batches of 1000)" "$jql" archive --apply "$work/plan.json" --to "$site_url" "${access[@]}"
head -1 "$work/out"
timed "sync after the apply" "$jql" import --since-last "$work/mirror" "${access[@]}"
head -1 "$work/out"
