#!/usr/bin/env bash
# Installs the Debian 12 packages the project builds with (`build`, for make run) or
# builds and tests with (`test`, the default, for make test). Idempotent:
# it asks apt only when something is missing. Needs root when it installs.
set -euo pipefail

# What building and running need (make run) ...
packages=(
  cmake ninja-build g++ make pkg-config tzdata
  libantlr4-runtime-dev uuid-dev
  libboost1.81-dev libboost-json1.81-dev libcli11-dev libssl-dev libstemmer-dev
  prometheus-cpp-dev  # GET /metrics (the server)
)
# ... and what only the tests need (make test).
mode=${1:-test}
case "$mode" in
  build) ;;
  test)
    packages+=(
      antlr4 default-jre-headless  # regenerates the parser; CI checks the committed copy
      libgtest-dev libgmock-dev libbenchmark-dev libsqlite3-dev
      clang libclang-rt-14-dev clang-format  # fuzzers and formatting
      python3 curl
      python3-jira  # the jira-python end-to-end test (tests/server/jira_python_e2e.sh)
      python3-jsonschema  # validates the tests' responses against Atlassian's OpenAPI schemas
      dpkg-dev file  # cpack -G DEB (dpkg-shlibdeps) for the package test
      chromium  # the archive console's browser test (tests/console), with puppeteer-core
      clickhouse-server  # the two-shard cluster of tests/clickhouse
    )
    # The differential test runs Atlassian's reference parser under node; use the
    # machine's node when there is one, else Debian's.
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
      packages+=(nodejs npm)
    fi
    ;;
  *)
    echo "usage: install-deps.sh [build|test]" >&2
    exit 2
    ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: must run as root to install packages" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
