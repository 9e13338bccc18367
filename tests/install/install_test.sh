#!/usr/bin/env bash
# The library as others consume it (issue: installable and portable):
#  1. `cmake --install --component development` into a scratch prefix gives the
#     static libraries, include/jql/ and nothing internal, jqlConfig.cmake, jql.pc;
#  2. a consumer builds with find_package(jql) and with pkg-config, and its checks pass;
#  3. jql added with add_subdirectory builds the library alone: no tests, benchmarks
#     or server, and no search for CLI11 or OpenSSL.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(realpath "$1")
source=$(realpath "$2")
work=$(mktemp -d "$build/install-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" --component development >/dev/null
for f in include/jql/parser.h include/jql/engine.h lib/libjql_engine.a lib/libjql_grammar.a \
  lib/cmake/jql/jqlConfig.cmake lib/cmake/jql/jqlConfigVersion.cmake lib/pkgconfig/jql.pc; do
  [ -e "$prefix/$f" ] || fail "the install has no $f"
done
# Only the public API: no src/ headers, no ANTLR, no generated parser.
extra=$(cd "$prefix/include" && find . -type f ! -path './jql/*')
[ -z "$extra" ] || fail "headers outside include/jql/ were installed: $extra"
[ -z "$(find "$prefix" -name 'Jql*.h' -o -name 'antlr*' | head -1)" ] || fail "ANTLR files were installed"
[ ! -e "$prefix/bin/jql" ] || fail "the development component installed the binary"
if grep -rq "$source" "$prefix/lib/cmake/jql"; then
  fail "jqlTargets.cmake names the source tree: $(grep -rl "$source" "$prefix/lib/cmake/jql")"
fi

echo "== find_package(jql)"
cmake -S "$source/tests/install/consumer" -B "$work/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" >"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "configure"; }
cmake --build "$work/consumer" >>"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "build"; }
"$work/consumer/consumer" || fail "the find_package consumer's checks failed"

echo "== pkg-config jql"
flags=$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs jql)
# shellcheck disable=SC2086
g++ -O1 -o "$work/pc-consumer" "$source/tests/install/consumer/consumer.cc" $flags ||
  fail "g++ with pkg-config's flags: $flags"
"$work/pc-consumer" || fail "the pkg-config consumer's checks failed"

echo "== add_subdirectory(jql)"
sub=$work/subproject
cmake -S "$source/tests/install/subproject" -B "$sub" -G Ninja -DJQL_SOURCE_DIR="$source" \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="-O0 -g0" >"$work/sub.log" 2>&1 ||
  { cat "$work/sub.log"; fail "configure as a subproject"; }
grep -q "^JQL_BUILD_SERVER:BOOL=OFF" "$sub/CMakeCache.txt" || fail "JQL_BUILD_SERVER is not OFF in a subproject"
# Tests and benchmarks depend on the server option, so they are off without a cache entry.
if grep -Eq "^JQL_BUILD_(TESTS|BENCHMARKS):[A-Z]+=ON" "$sub/CMakeCache.txt"; then
  fail "tests or benchmarks are on in a subproject"
fi
if grep -Eq '^(CLI11_DIR|OPENSSL_INCLUDE_DIR|GTest_DIR|benchmark_DIR|prometheus-cpp_DIR):' "$sub/CMakeCache.txt"; then
  fail "a subproject looked for a server or test dependency: $(grep -E '^(CLI11_DIR|OPENSSL_INCLUDE_DIR|GTest_DIR|benchmark_DIR|prometheus-cpp_DIR):' "$sub/CMakeCache.txt")"
fi
if ninja -C "$sub" -t targets all | grep -Eq '^(jql/)?(jql_cli|jql_server|jql_tests)[:.]'; then
  fail "a subproject has server or test targets"
fi
cmake --build "$sub" -j 2 >>"$work/sub.log" 2>&1 || { tail -30 "$work/sub.log"; fail "build as a subproject"; }
"$sub/consumer" || fail "the subproject consumer's checks failed"
echo "install test: passed"
