// Keyset paging: a page ends at a position (the last issue's sort keys and id), and
// the next page starts right after it. Pages read while issues are archived and
// unarchived between them must return every issue that matched throughout exactly
// once, in the query's order.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "jql/engine.h"
#include "jql/generator.h"

namespace jql {
namespace {

class PagingTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto generated = GenerateIssueStore({.issues = 3000, .seed = 99, .long_text = false});
    ASSERT_TRUE(generated.ok());
    store_ = std::make_unique<IssueStore>(std::move(*generated));
    engine_ = std::make_unique<Engine>(*store_);
    context_.now_ms = 1764547200000;
  }

  std::unique_ptr<IssueStore> store_;
  std::unique_ptr<Engine> engine_;
  QueryContext context_;
};

TEST_P(PagingTest, PagesWithoutChangesAreTheWholeResultInOrder) {
  const CompileResult compiled = engine_->Compile(GetParam(), context_);
  ASSERT_TRUE(compiled.ok()) << compiled.errors.front().message;
  const std::vector<uint32_t> all = engine_->Execute(*compiled.query).rows;
  ASSERT_GT(all.size(), 50u);
  for (size_t page_size : {size_t{7}, size_t{50}}) {
    std::vector<uint32_t> paged;
    std::optional<PagePosition> position;
    for (int pages = 0; pages < 5000; ++pages) {
      const QueryResult page =
          engine_->Execute(*compiled.query, page_size, {}, position ? &*position : nullptr);
      paged.insert(paged.end(), page.rows.begin(), page.rows.end());
      if (page.following <= page_size) break;
      position = engine_->PositionOf(*compiled.query, page.rows.back());
    }
    EXPECT_EQ(paged, all) << GetParam() << " in pages of " << page_size;
  }
}

TEST_P(PagingTest, ArchivingBetweenPagesNeitherSkipsNorRepeats) {
  const CompileResult compiled = engine_->Compile(GetParam(), context_);
  ASSERT_TRUE(compiled.ok());
  const std::vector<uint32_t> before = engine_->Execute(*compiled.query).rows;
  std::mt19937 rng(7);
  std::vector<uint32_t> seen;
  std::set<uint32_t> touched;  // archived or unarchived at some point
  std::optional<PagePosition> position;
  for (int pages = 0; pages < 5000; ++pages) {
    const QueryResult page =
        engine_->Execute(*compiled.query, 10, {}, position ? &*position : nullptr);
    seen.insert(seen.end(), page.rows.begin(), page.rows.end());
    if (page.following <= 10) break;
    position = engine_->PositionOf(*compiled.query, page.rows.back());
    // The admin's workflow: archive what was just shown, plus some issues not shown
    // yet, and bring a few back.
    std::vector<uint32_t> archive(page.rows.begin(), page.rows.begin() + 5);
    for (int i = 0; i < 3; ++i) archive.push_back(before[rng() % before.size()]);
    store_->SetArchived(archive, true);
    touched.insert(archive.begin(), archive.end());
    if (pages % 3 == 2) {
      std::vector<uint32_t> back = {archive[5], archive[6]};
      store_->SetArchived(back, false);
    }
  }
  std::map<uint32_t, int> times;
  for (uint32_t row : seen) ++times[row];
  for (const auto& [row, n] : times) EXPECT_EQ(n, 1) << store_->Key(row) << " repeated";
  // Every issue that matched throughout (never archived) was seen.
  for (uint32_t row : before) {
    if (!touched.contains(row)) {
      EXPECT_EQ(times.count(row), 1u) << store_->Key(row) << " skipped";
    }
  }
  // The order held: what was seen is in the query's order.
  std::vector<uint32_t> order_now;
  store_->SetArchived(std::vector<uint32_t>(touched.begin(), touched.end()), false);
  for (uint32_t row : engine_->Execute(*compiled.query).rows) {
    if (times.contains(row)) order_now.push_back(row);
  }
  EXPECT_EQ(seen, order_now);
}

INSTANTIATE_TEST_SUITE_P(Queries, PagingTest,
                         ::testing::Values("votes >= 0", "status != Done ORDER BY key",
                                           "ORDER BY priority DESC, created ASC",
                                           "labels is not EMPTY ORDER BY updated DESC",
                                           "ORDER BY assignee, fixVersion",
                                           "issuetype = Bug ORDER BY due"));

}  // namespace
}  // namespace jql
