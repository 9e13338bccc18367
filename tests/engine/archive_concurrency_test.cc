// Searches and archive batches at the same time. Queries read a pinned archived
// state and hold no lock meanwhile, so a batch never waits for searches (with the
// reader-preferring lock queries used to hold, two overlapping searches kept a
// 5-batch archive waiting for minutes), and a query sees one state throughout.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "jql/engine.h"
#include "jql/generator.h"

namespace jql {
namespace {

IssueStore Generate(int64_t issues) {
  GenerateOptions options;
  options.issues = issues;
  options.seed = 11;
  options.history_per_issue = 0;
  auto store = GenerateIssueStore(options);
  EXPECT_TRUE(store.ok());
  return std::move(*store);
}

TEST(ArchiveConcurrencyTest, APinnedStateNeverChangesAndWritersDoNotWaitForIt) {
  IssueStore store = Generate(5000);
  const auto before = store.PinArchived();
  const size_t archived_before = store.ArchivedCount();
  // Holding a pin, on this very thread, a batch goes through (a held read lock
  // would deadlock here).
  std::vector<uint32_t> rows;
  for (uint32_t r = 0; r < 5000; r += 3)
    if (!before->Has(r)) rows.push_back(r);
  ASSERT_EQ(store.SetArchived(rows, true), rows.size());
  for (uint32_t r : rows) EXPECT_FALSE(before->Has(r));
  const auto after = store.PinArchived();
  for (uint32_t r : rows) EXPECT_TRUE(after->Has(r));
  EXPECT_EQ(store.ArchivedCount(), archived_before + rows.size());
  // Pins of one generation share one copy.
  EXPECT_EQ(store.PinArchived().get(), after.get());
}

TEST(ArchiveConcurrencyTest, ArchiveBatchesProceedWhileTwoSearchesRunWithoutPause) {
  IssueStore store = Generate(40'000);
  Engine engine(store);
  QueryContext context;
  context.now_ms = 1764547200000;
  // A slow query: the row-at-a-time evaluator analysing text on every row.
  const CompileResult slow =
      engine.Compile("summary ~ \"a*\" OR description ~ \"e*\" OR comment ~ \"s*\"", context);
  ASSERT_TRUE(slow.ok());
  std::atomic<bool> stop{false};
  std::atomic<int> searches{0};
  auto search = [&] {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!stop && std::chrono::steady_clock::now() < give_up) {
      engine.ExecuteReference(*slow.query);
      ++searches;
    }
  };
  std::thread a(search), b(search);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // both are searching
  const auto start = std::chrono::steady_clock::now();
  for (uint32_t batch = 0; batch < 5; ++batch) {
    std::vector<uint32_t> rows;
    for (uint32_t r = batch * 1000; r < (batch + 1) * 1000; ++r) rows.push_back(r);
    store.SetArchived(rows, true);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stop = true;
  a.join();
  b.join();
  // A liveness bound, not a speed claim: the batches need microseconds; a writer
  // starved by readers waits for as long as the searches keep overlapping.
  EXPECT_LT(seconds, 2.0) << "5 archive batches waited for the searches";
  EXPECT_GT(searches.load(), 0);
  // And a query after the batches sees them all.
  const CompileResult all = engine.Compile("created <= now() OR created > now()", context);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(engine.Execute(*all.query).total, store.rows() - store.ArchivedCount());
}

}  // namespace
}  // namespace jql
