#include "jql/generator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "jql/data_loader.h"
#include "store_matchers.h"

namespace jql {
namespace {

namespace fs = std::filesystem;

std::string TempPath(const std::string& name) {
  return (fs::temp_directory_path() / ("jql_gen_test_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(GeneratorTest, SameSeedSameData) {
  auto a = GenerateIssueStore({.issues = 2000, .seed = 9});
  auto b = GenerateIssueStore({.issues = 2000, .seed = 9});
  ASSERT_TRUE(a.ok() && b.ok());
  testing_util::ExpectSameStore(*a, *b);
  auto c = GenerateIssueStore({.issues = 2000, .seed = 10});
  ASSERT_TRUE(c.ok());
  EXPECT_NE(testing_util::Values(a->text().summary, 2000),
            testing_util::Values(c->text().summary, 2000));
}

TEST(GeneratorTest, CsvIsThePeersData) {
  // data/sample/issues.csv was written by `jql gen 3000 --seed 42`, which writes what
  // the peers' generator writes for 3000 issues and seed 42 (docs/store.md).
  auto store = GenerateIssueStore({.issues = 3000, .seed = 42});
  ASSERT_TRUE(store.ok());
  const std::string path = TempPath("peers.csv");
  ASSERT_TRUE(WritePeerCsv(*store, path).ok());
  EXPECT_EQ(Slurp(path), Slurp(JQL_SOURCE_DIR "/data/sample/issues.csv"));
  fs::remove(path);
  const std::string params = GeneratedParamsJson({.issues = 1000000, .seed = 42});
  EXPECT_NE(params.find("\"q4_word\": \"crailis\""), std::string::npos) << params;
}

TEST(GeneratorTest, HistoriesEndInTheCurrentValues) {
  auto store = GenerateIssueStore({.issues = 5000, .seed = 3, .history_per_issue = 8});
  ASSERT_TRUE(store.ok());
  const History& h = store->history();
  const IssueColumns& c = store->columns();
  size_t changes = 0;
  for (size_t row = 0; row < store->rows(); ++row) {
    int64_t last_status = -2, last_assignee = -2, last_resolution = -2;
    int64_t previous_time = INT64_MIN;
    for (int64_t i = h.row_begin.Get(row); i < h.row_begin.Get(row + 1); ++i) {
      const auto k = static_cast<size_t>(i);
      ++changes;
      ASSERT_GE(h.time.Get(k), previous_time) << "oldest first, row " << row;
      previous_time = h.time.Get(k);
      ASSERT_GE(h.time.Get(k), c.created.values.Get(row));
      switch (static_cast<HistoryField>(h.field.Get(k))) {
        case HistoryField::kStatus:
          last_status = h.to.Get(k);
          break;
        case HistoryField::kAssignee:
          last_assignee = h.to.Get(k);
          break;
        case HistoryField::kResolution:
          last_resolution = h.to.Get(k);
          break;
        default:
          break;
      }
    }
    if (last_status != -2) {
      ASSERT_EQ(last_status, c.status.values.Get(row)) << row;
    }
    if (last_assignee != -2) {
      ASSERT_EQ(last_assignee, c.assignee.IsValid(row) ? c.assignee.values.Get(row) : -1) << row;
    }
    if (last_resolution != -2) {
      ASSERT_EQ(last_resolution, c.resolution.values.Get(row)) << row;
    }
    if (c.resolution.IsValid(row)) {
      ASSERT_NE(last_resolution, -2) << "a resolved issue records its resolution";
    }
  }
  const double per_issue = static_cast<double>(changes) / static_cast<double>(store->rows());
  EXPECT_GT(per_issue, 6.5);
  EXPECT_LT(per_issue, 9.5);
}

TEST(GeneratorTest, JsonLinesRoundTrip) {
  auto store = GenerateIssueStore({.issues = 1500, .seed = 5});
  ASSERT_TRUE(store.ok());
  const std::string path = TempPath("issues.jsonl");
  ASSERT_TRUE(WriteJiraJsonLines(*store, path).ok());
  LoadReport report;
  auto loaded = LoadIssueStore(path, &report);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_TRUE(report.unknown_fields.empty());
  ASSERT_EQ(loaded->rows(), store->rows());
  const size_t n = store->rows();
  const IssueColumns& a = store->columns();
  const IssueColumns& b = loaded->columns();
  using testing_util::Values;
  EXPECT_EQ(Values(a.id, n), Values(b.id, n));
  EXPECT_EQ(Values(a.created, n), Values(b.created, n));
  EXPECT_EQ(Values(a.resolved, n), Values(b.resolved, n));
  EXPECT_EQ(Values(a.due, n), Values(b.due, n));
  EXPECT_EQ(Values(a.parent, n), Values(b.parent, n));
  EXPECT_EQ(Values(store->text().summary, n), Values(loaded->text().summary, n));
  EXPECT_EQ(Values(store->text().comments, n), Values(loaded->text().comments, n));
  EXPECT_EQ(store->history().items(), loaded->history().items());
  EXPECT_EQ(store->links().count(), loaded->links().count());
  EXPECT_EQ(store->ArchivedCount(), loaded->ArchivedCount());
  const Catalog& x = store->catalog();
  const Catalog& y = loaded->catalog();
  for (size_t row = 0; row < n; row += 37) {
    EXPECT_EQ(store->Key(row), loaded->Key(row));
    EXPECT_EQ(x.statuses[static_cast<Code>(a.status.values.Get(row))].name,
              y.statuses[static_cast<Code>(b.status.values.Get(row))].name);
    EXPECT_EQ(a.labels.Count(row), b.labels.Count(row));
    EXPECT_EQ(a.sprints.Count(row), b.sprints.Count(row));
    for (size_t i = 0; i < a.custom.size(); ++i) {
      const auto field = y.custom_fields.FindById(x.custom_fields[a.custom[i].field].id);
      ASSERT_TRUE(field.has_value());
    }
  }
  fs::remove(path);
}

}  // namespace
}  // namespace jql
