// Parse-to-AST time after warm-up, for short, typical and long queries, valid and not.
#include <benchmark/benchmark.h>

#include "jql/parser.h"
#include "parse_queries.h"

namespace {

void ParseQuery(benchmark::State& state, const std::string& query) {
  for (auto _ : state) {
    jql::ParseResult result = jql::Parse(query);
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * query.size()));
  state.counters["chars"] = static_cast<double>(query.size());
}

void BM_ParseShort(benchmark::State& state) { ParseQuery(state, jql::bench::kShortQuery); }
void BM_ParseTypical(benchmark::State& state) { ParseQuery(state, jql::bench::kTypicalQuery); }
void BM_ParseLong(benchmark::State& state) { ParseQuery(state, jql::bench::LongQuery()); }
void BM_ParseInvalid(benchmark::State& state) {
  ParseQuery(state, "project in (PAYJ, PBUV) AND status = Done AND updated < -365d assignee");
}
void BM_PrintCanonical(benchmark::State& state) {
  const jql::ParseResult parsed = jql::Parse(jql::bench::kTypicalQuery);
  for (auto _ : state) {
    std::string text = jql::ToJql(*parsed.query);
    benchmark::DoNotOptimize(text);
  }
}

BENCHMARK(BM_ParseShort);
BENCHMARK(BM_ParseTypical);
BENCHMARK(BM_ParseLong);
BENCHMARK(BM_ParseInvalid);
BENCHMARK(BM_PrintCanonical);

}  // namespace

BENCHMARK_MAIN();
