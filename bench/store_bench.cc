// Ingest, snapshot and generation throughput of the issue store.
//
// Sizes come from JQL_BENCH_SIZES (default "1000000"; e.g. "1000000,10000000").
// Input files are generated once per size into JQL_BENCH_DIR (default /tmp/jql-bench)
// and reused. JSON ingest runs at one size, at most a million issues: a full Jira JSON
// export of ten million would be some thirty gigabytes.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "jql/data_loader.h"
#include "jql/generator.h"
#include "jql/snapshot.h"

namespace {

namespace fs = std::filesystem;

std::string Dir() {
  const char* dir = std::getenv("JQL_BENCH_DIR");
  std::string path = dir != nullptr ? dir : "/tmp/jql-bench";
  fs::create_directories(path);
  return path;
}

// The input file of one size and format, generated on first use.
std::string Input(int64_t issues, const std::string& format) {
  const std::string path = Dir() + "/issues_" + std::to_string(issues) + "." + format;
  if (!fs::exists(path)) {
    auto store = jql::GenerateIssueStore({.issues = issues});
    if (!store.ok()) std::abort();
    const jql::Status s = format == "csv"     ? jql::WritePeerCsv(*store, path)
                          : format == "jsonl" ? jql::WriteJiraJsonLines(*store, path)
                                              : jql::SaveSnapshot(*store, path);
    if (!s.ok()) std::abort();
  }
  return path;
}

void ReportMemory(benchmark::State& state, const jql::IssueStore& store) {
  const jql::MemoryReport m = store.Memory();
  const double rows = static_cast<double>(store.rows());
  state.counters["structured_B_per_issue"] = static_cast<double>(m.structured_bytes) / rows;
  state.counters["text_B_per_issue"] = static_cast<double>(m.text_bytes) / rows;
  state.counters["history_B_per_issue"] = static_cast<double>(m.history_bytes) / rows;
  state.counters["rows"] = rows;
}

void Ingest(benchmark::State& state, const std::string& format) {
  const std::string path = Input(state.range(0), format);
  const auto bytes = static_cast<int64_t>(fs::file_size(path));
  for (auto _ : state) {
    auto store = jql::LoadIssueStore(path);
    if (!store.ok()) {
      state.SkipWithError(store.status().message().c_str());
      return;
    }
    state.PauseTiming();
    ReportMemory(state, *store);
    store = jql::Status(jql::StatusCode::kInternal, "released");  // free outside the timing
    state.ResumeTiming();
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}

void BM_CsvIngest(benchmark::State& state) { Ingest(state, "csv"); }
void BM_JsonIngest(benchmark::State& state) { Ingest(state, "jsonl"); }
void BM_SnapshotLoad(benchmark::State& state) { Ingest(state, "snap"); }

void BM_SnapshotSave(benchmark::State& state) {
  auto store = jql::LoadSnapshot(Input(state.range(0), "snap"));
  if (!store.ok()) std::abort();
  const std::string out = Dir() + "/save_test.snap";
  for (auto _ : state) {
    if (!jql::SaveSnapshot(*store, out).ok()) std::abort();
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(fs::file_size(out)));
  ReportMemory(state, *store);
  fs::remove(out);
}

void BM_Generate(benchmark::State& state) {
  for (auto _ : state) {
    auto store = jql::GenerateIssueStore({.issues = state.range(0)});
    if (!store.ok()) std::abort();
    state.PauseTiming();
    store = jql::Status(jql::StatusCode::kInternal, "released");
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

std::vector<int64_t> Sizes() {
  const char* env = std::getenv("JQL_BENCH_SIZES");
  std::stringstream in(env != nullptr ? env : "1000000");
  std::vector<int64_t> sizes;
  for (std::string item; std::getline(in, item, ',');) sizes.push_back(std::stoll(item));
  return sizes;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<int64_t> sizes = Sizes();
  for (int64_t n : sizes) {
    benchmark::RegisterBenchmark("BM_Generate", BM_Generate)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
    benchmark::RegisterBenchmark("BM_CsvIngest", BM_CsvIngest)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1)
        ->Repetitions(3);
    benchmark::RegisterBenchmark("BM_SnapshotSave", BM_SnapshotSave)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1)
        ->Repetitions(3);
    benchmark::RegisterBenchmark("BM_SnapshotLoad", BM_SnapshotLoad)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1)
        ->Repetitions(3);
  }
  benchmark::RegisterBenchmark("BM_JsonIngest", BM_JsonIngest)
      ->Arg(std::min<int64_t>(sizes.front(), 1000000))
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1)
      ->Repetitions(3);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
