// The same queries in process and on a ClickHouse cluster (JQL_CLICKHOUSE names it; see
// with_cluster.sh, which starts two shards): 200,000 generated issues with histories
// and text are pushed, then 2,000 random queries of the engine's own generator either
// give the same issues in the same order and the same count, or are refused with the
// construct named (never a different answer). How many lowered is printed and checked.
// Every fourth query also runs the archive rule on both sides, with varying caps.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <map>

#include "../engine/query_generator.h"
#include "clickhouse/clickhouse_store.h"
#include "jql/engine.h"
#include "jql/generator.h"

namespace jql {
namespace {

class ClickHouseDifferentialTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* url = std::getenv("JQL_CLICKHOUSE");
    ASSERT_NE(url, nullptr) << "JQL_CLICKHOUSE names no cluster; run through with_cluster.sh";
    auto target = clickhouse::ParseTarget(url);
    ASSERT_TRUE(target.ok()) << target.status().message();
    auto generated = GenerateIssueStore(
        {.issues = 200000, .seed = 20, .history_per_issue = 6, .long_text = false});
    ASSERT_TRUE(generated.ok());
    store_ = new IssueStore(std::move(*generated));
    // Some issues archived before the push: invisible on both sides.
    std::vector<uint32_t> archived;
    for (uint32_t r = 0; r < store_->rows(); r += 17) archived.push_back(r);
    store_->SetArchived(archived, true);
    auto cluster = clickhouse::ClickHouseStore::Open(*target, *store_);
    ASSERT_TRUE(cluster.ok()) << cluster.status().message();
    cluster_ = cluster->release();
    auto pushed = cluster_->Push();
    ASSERT_TRUE(pushed.ok()) << pushed.status().message();
    // Again: nothing is pushed twice.
    auto again = cluster_->Push();
    ASSERT_TRUE(again.ok()) << again.status().message();
    EXPECT_EQ(*again, clickhouse::PushOutcome::kAlreadyThere);
  }
  static void TearDownTestSuite() {
    delete cluster_;
    delete store_;
  }

  static IssueStore* store_;
  static clickhouse::ClickHouseStore* cluster_;
};

IssueStore* ClickHouseDifferentialTest::store_ = nullptr;
clickhouse::ClickHouseStore* ClickHouseDifferentialTest::cluster_ = nullptr;

TEST_F(ClickHouseDifferentialTest, EveryQueryAgreesOrIsRefused) {
  ASSERT_NE(cluster_, nullptr);
  Engine engine(*store_);
  QueryContext context;
  context.now_ms = 1748736000000;
  context.current_user = "u00042";
  QueryGenerator generator(*store_, 2026);
  size_t lowered = 0, nonempty = 0, selections = 0, capped = 0, with_subtasks = 0;
  std::map<std::string, size_t> refused;  // by the construct named
  for (int i = 0; i < 2000; ++i) {
    std::string jql = generator.Query();
    if (i % 5 == 0) jql += generator.Order();
    const CompileResult compiled = engine.Compile(jql, context);
    ASSERT_TRUE(compiled.ok()) << jql << ": " << compiled.errors.front().message;
    const QueryResult expected = engine.Execute(*compiled.query);
    auto rows = cluster_->Select(*compiled.query);
    if (!rows.ok()) {
      const std::string& why = rows.status().message();
      ASSERT_NE(why.find("does not run on ClickHouse yet"), std::string::npos)
          << jql << ": " << why;
      const size_t colon = why.find(": ");
      refused[why.substr(colon + 2, why.find(" is not lowered") - colon - 2)]++;
      continue;
    }
    ++lowered;
    nonempty += !expected.rows.empty();
    ASSERT_EQ(*rows, expected.rows) << jql;
    auto count = cluster_->Count(*compiled.query);
    ASSERT_TRUE(count.ok()) << jql << ": " << count.status().message();
    ASSERT_EQ(*count, expected.total) << jql;
    // The archive rule, with caps that cut some selections short.
    if (i % 4 == 0) {
      const size_t cap = 1 + static_cast<size_t>(i) * 37 % 5000;
      const ArchiveSelection in_process = engine.SelectForArchive(*compiled.query, cap, true);
      auto there = cluster_->SelectForArchive(*compiled.query, cap);
      ASSERT_TRUE(there.ok()) << jql << ": " << there.status().message();
      ASSERT_EQ(there->rows, in_process.rows) << jql << " (cap " << cap << ")";
      ASSERT_EQ(there->subtasks, in_process.subtasks) << jql;
      ASSERT_EQ(there->matched, in_process.matched) << jql;
      ASSERT_EQ(there->skipped_subtasks, in_process.skipped_subtasks) << jql;
      ASSERT_EQ(there->skipped_unlicensed, in_process.skipped_unlicensed) << jql;
      ASSERT_EQ(there->skipped_over_cap, in_process.skipped_over_cap) << jql;
      ASSERT_EQ(there->sample_subtasks, in_process.sample_subtasks) << jql;
      ASSERT_EQ(there->sample_unlicensed, in_process.sample_unlicensed) << jql;
      ++selections;
      capped += in_process.skipped_over_cap > 0;
      with_subtasks += !in_process.subtasks.empty();
    }
  }
  std::cout << "clickhouse differential: " << lowered << " of 2000 queries lowered and agreed ("
            << nonempty << " with issues)";
  for (const auto& [what, n] : refused) std::cout << "; " << n << " refused for " << what;
  std::cout << "; " << selections << " archive selections agreed (" << capped << " cut by the cap, "
            << with_subtasks << " with subtasks)\n";
  // Every construct the generator makes lowers now; one that stops lowering fails here.
  EXPECT_EQ(lowered, 2000u);
  EXPECT_GE(nonempty, 1000u);
  EXPECT_GE(capped, 50u);
  EXPECT_GE(with_subtasks, 100u);
}

// What `jql serve --backend` relies on: archive marks recorded in the cluster change what
// every query sees exactly as the same flags change it in process (the latest mark of an
// issue wins; an issue archived at push can be unarchived), and pages that start after
// a position agree with the engine's.
TEST_F(ClickHouseDifferentialTest, MarksAndPagesAgree) {
  ASSERT_NE(cluster_, nullptr);
  ASSERT_TRUE(cluster_->EnsureArchiveMarks().ok());
  // Archived now: every 13th issue; unarchived: every 51st (archived at push); and of
  // those, every 102nd archived again by a later mark.
  std::vector<archive::SharedMark> first, second;
  std::vector<uint32_t> archive, unarchive, again;
  for (uint32_t r = 0; r < store_->rows(); ++r) {
    if (r % 13 == 5 && !store_->IsArchived(r)) archive.push_back(r);
    if (r % 51 == 0) unarchive.push_back(r);
    if (r % 102 == 0) again.push_back(r);
  }
  for (uint32_t r : archive) first.push_back({r, true, "10001", "u00001", 1000});
  for (uint32_t r : unarchive) first.push_back({r, false, "", "u00002", 2000});
  for (uint32_t r : again) second.push_back({r, true, "", "u00003", 3000});
  ASSERT_TRUE(cluster_->RecordMarks(first).ok());
  ASSERT_TRUE(cluster_->RecordMarks(second).ok());
  store_->SetArchived(archive, true);
  store_->SetArchived(unarchive, false);
  store_->SetArchived(again, true);
  auto count = cluster_->MarkCount();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, first.size() + second.size());
  auto marks = cluster_->CurrentMarks();
  ASSERT_TRUE(marks.ok()) << marks.status().message();
  size_t archived_marks = 0;
  for (const auto& m : *marks) {
    ASSERT_EQ(m.archived, store_->IsArchived(m.row)) << "row " << m.row;
    archived_marks += m.archived;
    if (m.row % 102 == 0) {
      EXPECT_EQ(m.by, "u00003");
    }
  }
  EXPECT_EQ(marks->size(), archive.size() + unarchive.size());
  EXPECT_EQ(archived_marks, archive.size() + again.size());

  Engine engine(*store_);
  QueryContext context;
  context.now_ms = 1748736000000;
  context.current_user = "u00042";
  QueryGenerator generator(*store_, 7);
  size_t paged = 0;
  for (int i = 0; i < 300; ++i) {
    const std::string jql = generator.Query() + (i % 3 == 0 ? "" : generator.Order());
    const CompileResult compiled = engine.Compile(jql, context);
    ASSERT_TRUE(compiled.ok()) << jql;
    const QueryResult expected = engine.Execute(*compiled.query, 100);
    auto there = cluster_->Execute(*compiled.query, 100);
    ASSERT_TRUE(there.ok()) << jql << ": " << there.status().message();
    ASSERT_EQ(there->rows, expected.rows) << jql;
    ASSERT_EQ(there->total, expected.total) << jql;
    if (expected.rows.size() < 2) continue;
    // The next page after a row in the middle of this one.
    const PagePosition at =
        engine.PositionOf(*compiled.query, expected.rows[expected.rows.size() / 2]);
    const QueryResult next = engine.Execute(*compiled.query, 100, {}, &at);
    auto next_there = cluster_->Execute(*compiled.query, 100, &at);
    ASSERT_TRUE(next_there.ok()) << jql << ": " << next_there.status().message();
    ASSERT_EQ(next_there->rows, next.rows) << jql;
    ASSERT_EQ(next_there->following, next.following) << jql;
    ++paged;
    if (i % 10 == 0) {
      const ArchiveSelection in_process = engine.SelectForArchive(*compiled.query, 2000, true);
      auto selected = cluster_->SelectForArchive(*compiled.query, 2000);
      ASSERT_TRUE(selected.ok()) << jql;
      ASSERT_EQ(selected->rows, in_process.rows) << jql;
      ASSERT_EQ(selected->subtasks, in_process.subtasks) << jql;
      ASSERT_EQ(selected->matched, in_process.matched) << jql;
    }
  }
  std::cout << "clickhouse marks and pages: " << marks->size() << " issues marked, " << paged
            << " of 300 queries paged after a position and agreed\n";
  EXPECT_GE(paged, 150u);
}

// The server's --query-timeout reaches the cluster: a query that would scan ten
// billion numbers is stopped after a second, with ClickHouse's message.
TEST(ClickHouseConnectionTest, QueryTimeoutStopsALongQuery) {
  const char* url = std::getenv("JQL_CLICKHOUSE");
  ASSERT_NE(url, nullptr);
  auto target = clickhouse::ParseTarget(url);
  ASSERT_TRUE(target.ok());
  auto connection = clickhouse::Connection::Open(target->nodes.front(), target->database);
  ASSERT_TRUE(connection.ok());
  const std::string endless = "SELECT count() FROM system.numbers_mt WHERE number < 10000000000";
  (*connection)->set_max_execution_seconds(1);
  auto answer = (*connection)->Query(endless);
  ASSERT_FALSE(answer.ok()) << *answer;
  EXPECT_NE(answer.status().message().find("Timeout exceeded"), std::string::npos)
      << answer.status().message();
  // Without a limit the same connection runs queries again.
  (*connection)->set_max_execution_seconds(0);
  auto short_one = (*connection)->Query("SELECT 1");
  ASSERT_TRUE(short_one.ok()) << short_one.status().message();
}

}  // namespace
}  // namespace jql
