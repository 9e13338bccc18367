#!/usr/bin/env bash
# Runs the archive console's browser test (console_test.mjs) in Debian's headless
# Chromium with puppeteer-core, installed from npm at a pinned version into the build
# tree once. Screenshots of the main states are left in SHOT_DIR for CI to keep.
# Usage: console_test.sh JQL_BINARY DATA_DIR NPM_DIR SHOT_DIR
set -euo pipefail
jql=$(realpath "$1") data=$(realpath "$2") modules=$(realpath -m "$3") shots=$(realpath -m "$4")
here=$(cd "$(dirname "$0")" && pwd)
version=24.40.0
if [ ! -f "$modules/node_modules/puppeteer-core/package.json" ] ||
  ! grep -q "\"version\": \"$version\"" "$modules/node_modules/puppeteer-core/package.json"; then
  mkdir -p "$modules"
  # puppeteer-core downloads no browser; Debian's chromium is the one driven.
  npm install --prefix "$modules" --no-audit --no-fund --silent "puppeteer-core@$version" >/dev/null
fi
command -v chromium >/dev/null || { echo "FAIL: chromium is not installed (scripts/install-deps.sh)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$shots"
node "$here/console_test.mjs" "$jql" "$data" "$work" "$shots" "$modules/node_modules/puppeteer-core"
