#!/usr/bin/env bash
# Builds the Debian packages from BUILD (cpack -G DEB), installs jql with dpkg -i, and
# starts the server the way its systemd unit does (ExecStart with /etc/default/jql),
# then checks it serves, reloads on SIGHUP and stops on SIGTERM; purges the package
# at the end, also on failure. Needs root (dpkg -i). Usage: check-deb-package.sh BUILD
set -euo pipefail
build=$(realpath "$1")
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "dpkg -i needs root"

out=$build/packages
rm -rf "$out" && mkdir -p "$out"
(cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log"; fail "cpack"; }
deb=$(ls "$out"/jql_*.deb)
dev=$(ls "$out"/libjql-dev_*.deb)
echo "packages: $(basename "$deb") $(stat -c %s "$deb") bytes, $(basename "$dev") $(stat -c %s "$dev") bytes"

contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/jql ./usr/lib/systemd/system/jql.service ./usr/share/jql/jql.default \
  ./usr/share/jql/sample/; do
  grep -q " $f\$" <<<"$contents" || fail "$(basename "$deb") has no $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libantlr4-runtime libboost-json libssl3 libstemmer; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
dev_contents=$(dpkg-deb -c "$dev")
grep -q " ./usr/include/jql/engine.h$" <<<"$dev_contents" || fail "libjql-dev has no headers"

state=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  dpkg --purge jql >/dev/null 2>&1 || true
  rm -rf "$state"
}
trap cleanup EXIT
dpkg --purge jql >/dev/null 2>&1 || true
dpkg -i "$deb" >"$out/dpkg.log" 2>&1 || { cat "$out/dpkg.log"; fail "dpkg -i"; }
[ -x /usr/bin/jql ] || fail "no /usr/bin/jql after dpkg -i"
[ -f /etc/default/jql ] || fail "postinst made no /etc/default/jql"
/usr/bin/jql --version | grep -q '^jql ' || fail "/usr/bin/jql --version"
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify /usr/lib/systemd/system/jql.service 2>&1 | grep -v "^$" |
    grep -iv "cgroup\|bpf\|Failed to .* Operation not permitted\|No such file.*system.slice" |
    tee "$out/verify.log" | grep -q . && fail "systemd-analyze verify: $(cat "$out/verify.log")"
fi

# Run ExecStart as systemd would: the unit's command line with /etc/default/jql's
# settings, a free port instead of the default 8080, and a scratch state directory.
exec_start=$(sed -n 's/^ExecStart=//p' /usr/lib/systemd/system/jql.service)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cmdline=$(
  set -a
  # shellcheck disable=SC1091
  . /etc/default/jql
  JQL_LISTEN=127.0.0.1:$port
  eval "echo $exec_start" | sed "s#/var/lib/jql#$state#"
)
echo "starting: $cmdline"
# shellcheck disable=SC2086
$cmdline >"$out/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$out/serve.log"; fail "the server exited"; }
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$out/serve.log"; fail "/readyz never said ready"; }
token=$(cat "$state/default-admin-token")
total=$(curl -sf -u "admin@example.com:$token" -H 'Content-Type: application/json' \
  -d '{"jql":"created >= 2000-01-01"}' "http://127.0.0.1:$port/rest/api/3/search/approximate-count" |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
[ "$total" -gt 0 ] || fail "the packaged sample data has no issues"
echo "the packaged server counts $total issues"
kill -HUP "$pid"
sleep 0.5
kill -0 "$pid" 2>/dev/null || fail "SIGHUP (ExecReload) stopped the server"
kill -TERM "$pid"
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$pid" 2>/dev/null && fail "SIGTERM did not stop the server within 10 s"
pid=""

dpkg --purge jql >"$out/purge.log" 2>&1 || { cat "$out/purge.log"; fail "dpkg --purge"; }
[ ! -e /usr/bin/jql ] && [ ! -e /etc/default/jql ] || fail "purge left files behind"
echo "deb package test: passed"
