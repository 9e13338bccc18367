// The fast evaluator against the reference evaluator: random queries over a generated
// data set with many empties and multi-valued fields. Bounded by count.
#include <gtest/gtest.h>

#include <cctype>
#include <functional>
#include <random>

#include "jql/engine.h"
#include "jql/generator.h"
#include "query_generator.h"

namespace jql {
namespace {

TEST(EngineDifferentialTest, FastPathAgreesWithTheReference) {
  auto store =
      GenerateIssueStore({.issues = 4000, .seed = 11, .history_per_issue = 8, .long_text = false});
  ASSERT_TRUE(store.ok());
  // Archive some rows so invisibility is exercised too.
  std::vector<uint32_t> archived;
  for (uint32_t r = 0; r < store->rows(); r += 13) archived.push_back(r);
  store->SetArchived(archived, true);
  Engine engine(*store);
  QueryContext context;
  context.now_ms = 1748736000000;
  context.current_user = "u00042";
  QueryGenerator generator(*store, 2024);
  size_t tried = 0, nonempty = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string jql = generator.Query();
    if (i % 5 == 0) jql += generator.Order();
    const CompileResult compiled = engine.Compile(jql, context);
    ASSERT_TRUE(compiled.ok()) << jql << ": " << compiled.errors.front().message;
    const QueryResult fast = engine.Execute(*compiled.query);
    const QueryResult slow = engine.ExecuteReference(*compiled.query);
    ASSERT_EQ(fast.total, slow.total) << jql;
    ASSERT_EQ(fast.rows, slow.rows) << jql;
    // The archive rule: stopping at the cap selects what the full count selects.
    const size_t cap = 1 + i % 200;
    const ArchiveSelection full = engine.SelectForArchive(*compiled.query, cap, true);
    const ArchiveSelection quick = engine.SelectForArchive(*compiled.query, cap, false);
    ASSERT_EQ(full.rows, quick.rows) << jql;
    ASSERT_EQ(full.subtasks, quick.subtasks) << jql;
    // The subtasks are each selected issue's subtasks not yet archived, in order, as
    // the per-issue lookup gives them.
    std::vector<uint32_t> expected;
    for (uint32_t parent : full.rows) {
      for (uint32_t subtask : engine.SubtasksOf(parent))
        if (!store->IsArchived(subtask)) expected.push_back(subtask);
    }
    ASSERT_EQ(full.subtasks, expected) << jql;
    ASSERT_LE(full.rows.size(), cap);
    ASSERT_EQ(full.matched, full.skipped_subtasks + full.skipped_unlicensed +
                                full.skipped_over_cap + full.rows.size());
    ++tried;
    nonempty += fast.total > 0 ? 1 : 0;
  }
  EXPECT_EQ(tried, 1500u);
  EXPECT_GT(nonempty, 600u);  // the queries are not trivially empty
}

// How many of a run's queries matched something, and how many matched neither
// nothing nor every issue.
struct Answers {
  size_t nonempty = 0, partial = 0;
};

// Runs `count` clauses from `next` through both evaluators, which must agree.
void ExpectAgreement(const IssueStore& store, const QueryContext& context, int count,
                     const std::function<std::string()>& next, Answers* answers) {
  Engine engine(store);
  for (int i = 0; i < count; ++i) {
    const std::string jql = next();
    const CompileResult compiled = engine.Compile(jql, context);
    ASSERT_TRUE(compiled.ok()) << jql << ": " << compiled.errors.front().message;
    const QueryResult fast = engine.Execute(*compiled.query);
    const QueryResult slow = engine.ExecuteReference(*compiled.query);
    ASSERT_EQ(fast.rows, slow.rows) << jql;
    answers->nonempty += fast.total > 0 ? 1 : 0;
    answers->partial += fast.total > 0 && fast.total < store.rows() ? 1 : 0;
  }
}

TEST(EngineDifferentialTest, HistoryIndexAgreesWithTheReplay) {
  auto store =
      GenerateIssueStore({.issues = 3000, .seed = 5, .history_per_issue = 10, .long_text = false});
  ASSERT_TRUE(store.ok());
  QueryContext context;
  context.now_ms = 1748736000000;
  context.current_user = "u00042";
  QueryGenerator generator(*store, 77);
  Answers answers;
  ExpectAgreement(
      *store, context, 800, [&] { return generator.HistoryClause(); }, &answers);
  if (testing::Test::HasFatalFailure()) return;
  EXPECT_GT(answers.nonempty, 400u);
  EXPECT_GT(answers.partial, 300u);  // neither nothing nor everything: the predicates bite
}

TEST(EngineDifferentialTest, TextIndexAgreesWithPlainAnalysis) {
  auto store =
      GenerateIssueStore({.issues = 2000, .seed = 8, .history_per_issue = 0, .long_text = true});
  ASSERT_TRUE(store.ok());
  QueryContext context;
  context.now_ms = 1748736000000;
  QueryGenerator generator(*store, 99);
  Answers answers;
  ExpectAgreement(
      *store, context, 500, [&] { return generator.TextClause(); }, &answers);
  if (testing::Test::HasFatalFailure()) return;
  EXPECT_GT(answers.partial, 250u);  // neither nothing nor everything
}

}  // namespace
}  // namespace jql
