// The compiled-query cache cannot be grown by a stream of queries: invalid and
// oversized queries are not kept, entries leave when they are too old to serve
// anybody, and the estimated bytes stay within the budget.
#include <gtest/gtest.h>

#include "jql/data_loader.h"
#include "server/query_cache.h"

namespace jql::server {
namespace {

class QueryCacheTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = LoadIssueStore(JQL_SOURCE_DIR "/data/sample");
    ASSERT_TRUE(loaded.ok());
    store_ = new IssueStore(std::move(*loaded));
    engine_ = new Engine(*store_);
  }
  static void TearDownTestSuite() {
    delete engine_;
    delete store_;
  }
  static IssueStore* store_;
  static Engine* engine_;
};

IssueStore* QueryCacheTest::store_ = nullptr;
Engine* QueryCacheTest::engine_ = nullptr;

TEST_F(QueryCacheTest, InvalidAndOversizedQueriesAreNotKept) {
  QueryCache cache(*engine_);
  for (int i = 0; i < 50; ++i) {
    // Distinct invalid queries of 100 KB each.
    const std::string bad = "nosuchfield" + std::to_string(i) + " = " + std::string(100'000, 'a');
    EXPECT_FALSE(cache.Compile(bad, "acc", 1000 + i)->ok());
  }
  EXPECT_EQ(cache.entries(), 0u);
  const std::string phrase = "summary ~ \"" + std::string(20'000, 'b') + "\"";
  EXPECT_TRUE(cache.Compile(phrase, "acc", 2000)->ok());
  EXPECT_EQ(cache.entries(), 0u) << "a query over the text limit was kept";
  EXPECT_TRUE(cache.Compile("project = PCVX", "acc", 2000)->ok());
  EXPECT_EQ(cache.entries(), 1u);
  EXPECT_EQ(cache.bytes(), QueryCache::EstimatedBytes(std::string("acc").size() + 1 + 14));
}

TEST_F(QueryCacheTest, EntriesLeaveOnceTooOldAndRepeatsAreHits) {
  QueryCache cache(*engine_, QueryCacheLimits{.reuse_ms = 1000});
  cache.Compile("project = PCVX", "a", 0);
  cache.Compile("project = PCVX", "a", 500);
  EXPECT_EQ(cache.hits(), 1u);
  for (int i = 0; i < 100; ++i) cache.Compile("votes > " + std::to_string(i), "a", 600);
  EXPECT_EQ(cache.entries(), 101u);
  // A second later every one of them is stale: the next insert sweeps them out.
  cache.Compile("votes > 1000", "a", 1700);
  EXPECT_EQ(cache.entries(), 1u);
  EXPECT_EQ(cache.bytes(), QueryCache::EstimatedBytes(std::string("a").size() + 1 + 12));
}

TEST_F(QueryCacheTest, TheByteBudgetHolds) {
  const QueryCacheLimits limits{.reuse_ms = 1'000'000, .byte_budget = 200'000};
  QueryCache cache(*engine_, limits);
  for (int i = 0; i < 2000; ++i) {
    cache.Compile("summary ~ \"word" + std::to_string(i) + "\" AND votes > " + std::to_string(i),
                  "acc", 10 + i);
    ASSERT_LE(cache.bytes(), limits.byte_budget);
  }
  EXPECT_GT(cache.entries(), 100u);
  EXPECT_LT(cache.entries(), 2000u);
}

}  // namespace
}  // namespace jql::server
