// History search (WAS, CHANGED) at 1M generated issues with about ten changes each:
// the three queries of the history issue, evaluated with the history index (steady
// state, and the first query of a fresh engine, which builds the field's layout), and
// by the plain replay of every row for comparison.
//
// Size from JQL_BENCH_HISTORY_ISSUES (default 1000000). "now" is fixed at 2025-06-01
// so that relative dates fall inside the generated years.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "jql/engine.h"
#include "jql/generator.h"

namespace {

const char* const kQueries[] = {
    "status WAS \"In Progress\" DURING (-52w, -26w)",
    "assignee CHANGED BY u00042 AFTER -90d",
    "resolution CHANGED FROM EMPTY TO Done BEFORE -1y",
};

const jql::IssueStore& Store() {
  static const jql::IssueStore* store = [] {
    const char* size = std::getenv("JQL_BENCH_HISTORY_ISSUES");
    auto generated =
        jql::GenerateIssueStore({.issues = size != nullptr ? std::atoll(size) : 1000000,
                                 .history_per_issue = 10,
                                 .long_text = false});
    if (!generated.ok()) std::abort();
    return new jql::IssueStore(std::move(generated).value());
  }();
  return *store;
}

jql::QueryContext Context() {
  jql::QueryContext context;
  context.now_ms = 1748736000000;  // 2025-06-01T00:00:00Z
  return context;
}

void Report(benchmark::State& state, const jql::QueryResult& result) {
  const jql::IssueStore& store = Store();
  state.counters["matches"] = static_cast<double>(result.total);
  state.counters["rows"] = static_cast<double>(store.rows());
  state.counters["changes_per_issue"] =
      static_cast<double>(store.history().items()) / static_cast<double>(store.rows());
  state.SetLabel(kQueries[state.range(0)]);
}

// Steady state: the layout is built, each iteration compiles nothing and evaluates.
void BM_HistoryIndexed(benchmark::State& state) {
  static const jql::Engine engine(Store());
  const auto compiled = engine.Compile(kQueries[state.range(0)], Context());
  if (!compiled.ok()) {
    state.SkipWithError(compiled.errors.front().message.c_str());
    return;
  }
  jql::QueryResult result = engine.Execute(*compiled.query);  // builds the layout
  for (auto _ : state) {
    result = engine.Execute(*compiled.query);
    benchmark::DoNotOptimize(result.total);
  }
  Report(state, result);
}

// A fresh engine: compile, build the field's layout, evaluate.
void BM_HistoryFirstQuery(benchmark::State& state) {
  Store();  // generated before the clock runs
  jql::QueryResult result;
  for (auto _ : state) {
    const jql::Engine engine(Store());
    const auto compiled = engine.Compile(kQueries[state.range(0)], Context());
    result = engine.Execute(*compiled.query);
    benchmark::DoNotOptimize(result.total);
  }
  Report(state, result);
}

// Without the index: every row's changes replayed (the reference evaluator).
void BM_HistoryReplayEveryRow(benchmark::State& state) {
  static const jql::Engine engine(Store());
  const auto compiled = engine.Compile(kQueries[state.range(0)], Context());
  jql::QueryResult result;
  for (auto _ : state) {
    result = engine.ExecuteReference(*compiled.query);
    benchmark::DoNotOptimize(result.total);
  }
  Report(state, result);
}

BENCHMARK(BM_HistoryIndexed)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_HistoryFirstQuery)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_HistoryReplayEveryRow)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
