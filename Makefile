# The two commands of the README:
#   make run   builds jql and runs the main job on the bundled data
#   make test  builds everything and passes every test (what CI runs)
# Both install missing Debian packages first (scripts/install-deps.sh, idempotent):
# make run only what building and running need, make test also the test toolchain.

BUILD ?= build/release
ASAN_BUILD ?= build/asan
FUZZ_BUILD ?= build/fuzz
JOBS ?= 2
FUZZ_SECONDS ?= 60
DIFFERENTIAL_COUNT ?= 20000

.PHONY: all deps deps-build build build-jql run package-test test unit-test format-check grammar-check differential asan-test fuzz bench format clean

all: build

deps:
	@scripts/install-deps.sh test

deps-build:
	@scripts/install-deps.sh build

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DJQL_BUILD_TESTS=ON -DJQL_BUILD_BENCHMARKS=ON
	cmake --build $(BUILD) -j $(JOBS)

# Only the jql binary: no test or benchmark dependencies needed.
build-jql: deps-build
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DJQL_BUILD_TESTS=OFF -DJQL_BUILD_BENCHMARKS=OFF
	cmake --build $(BUILD) -j $(JOBS) --target jql_cli

# The main job on bundled data: the archive server over the sample data set, on
# 127.0.0.1:8080, with a default admin whose token it prints (see the README for a
# curl session). Ctrl-C stops it; its state stays in build/run-state.
PORT ?= 8080
run: build-jql
	$(BUILD)/jql serve --data data/sample --state build/run-state --listen 127.0.0.1:$(PORT)

test: format-check unit-test package-test grammar-check differential asan-test fuzz
	@echo "make test: all checks passed"

# Every JSON response the tests cause is recorded, then checked against the response
# schemas of Atlassian's OpenAPI document (scripts/check-openapi-responses.sh).
RESPONSES = $(abspath $(BUILD))/responses
unit-test: build
	rm -rf $(RESPONSES)
	JQL_RECORD_RESPONSES=$(RESPONSES) ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	scripts/check-openapi-responses.sh $(RESPONSES)

# The .deb: built by cpack, installed with dpkg -i, started as its systemd unit would.
package-test: build
	scripts/check-deb-package.sh $(BUILD)

grammar-check: deps
	scripts/check-generated-grammar.sh

differential: build
	scripts/run-differential.sh $(BUILD)/jql $(DIFFERENTIAL_COUNT)

asan-test: deps
	cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan -j $(JOBS)

fuzz: deps
	cmake --preset fuzz
	cmake --build --preset fuzz
	scripts/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: build
	bench/run_parse_bench.sh $(BUILD)

FORMATTED = $(shell find include src tests bench \( -name '*.h' -o -name '*.cc' \) -not -path '*/antlr_shim/*')

format:
	clang-format -i $(FORMATTED)

format-check: deps
	clang-format --dry-run --Werror $(FORMATTED)

clean:
	rm -rf build
