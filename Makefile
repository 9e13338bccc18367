# The two commands of the README:
#   make run   builds jql and runs the main job on the bundled data
#   make test  builds everything and passes every test (what CI runs)
# Both install missing Debian packages first (scripts/install-deps.sh, idempotent).

BUILD ?= build/release
ASAN_BUILD ?= build/asan
FUZZ_BUILD ?= build/fuzz
JOBS ?= 2
FUZZ_SECONDS ?= 60
DIFFERENTIAL_COUNT ?= 20000

.PHONY: all deps build run test unit-test format-check grammar-check differential asan-test fuzz bench format clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

# The main job on bundled data: load the sample data sets and show what they hold,
# validate and explain the example queries in data/, and show what an archive by JQL
# would take from the sample (the archive server replaces this when it lands).
run: build
	$(BUILD)/jql stats --data data/sample
	$(BUILD)/jql stats --data data/history-sample
	@scripts/run-examples.sh $(BUILD)/jql data/queries.jql
	$(BUILD)/jql select --data data/sample --archivable --format json --limit 10 \
	  'statusCategory = Done AND updated < -365d ORDER BY updated ASC'
	$(BUILD)/jql explain --data data/history-sample \
	  'status WAS "In Progress" DURING ("2018-01-01", "2018-12-31") AND resolution CHANGED TO Done BEFORE 2019-06-01'
	$(BUILD)/jql select --data data/history-sample --archivable --format json --limit 10 \
	  'resolution CHANGED TO Done BEFORE -2y AND NOT status CHANGED AFTER -2y'

test: format-check unit-test grammar-check differential asan-test fuzz
	@echo "make test: all checks passed"

unit-test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

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
