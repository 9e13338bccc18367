#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "jql/issue_store.h"
#include "store_matchers.h"

namespace jql {
namespace {

IssueRow Row(IssueStoreBuilder& b, int64_t id, const char* project, int64_t number) {
  IssueRow row;
  row.id = id;
  row.project = b.catalog().InternProject(project);
  row.number = number;
  row.status = b.catalog().InternStatus("Open", StatusCategory::kToDo);
  return row;
}

TEST(IssueStoreBuilderTest, EmptiesAndAbsentColumns) {
  IssueStoreBuilder b;
  IssueRow a = Row(b, 10, "ABC", 1);
  a.assignee = b.catalog().InternUser("u1");
  a.created = 1000;
  IssueRow c = Row(b, 11, "ABC", 2);  // no assignee, no created
  b.Add(a);
  b.Add(c);
  auto store = b.Build();
  ASSERT_TRUE(store.ok()) << store.status().message();
  const IssueColumns& cols = store->columns();
  EXPECT_TRUE(cols.assignee.IsValid(0));
  EXPECT_FALSE(cols.assignee.IsValid(1));
  EXPECT_TRUE(cols.created.IsValid(0));
  EXPECT_FALSE(cols.created.IsValid(1));
  // Nobody has a due date or a resolution: the columns are absent, not all-empty.
  EXPECT_FALSE(cols.due.present());
  EXPECT_FALSE(cols.due.IsValid(0));
  EXPECT_FALSE(cols.resolution.present());
  EXPECT_FALSE(cols.labels.present());
  EXPECT_EQ(store->Key(1), "ABC-2");
}

TEST(IssueStoreBuilderTest, MultiValuedFields) {
  IssueStoreBuilder b;
  IssueRow a = Row(b, 1, "ABC", 1);
  for (const char* l : {"x", "y", "z"}) a.labels.push_back(b.catalog().InternLabel(l));
  IssueRow c = Row(b, 2, "ABC", 2);
  IssueRow d = Row(b, 3, "ABC", 3);
  d.labels.push_back(b.catalog().InternLabel("y"));
  for (const IssueRow* r : {&a, &c, &d}) b.Add(*r);
  auto store = b.Build();
  ASSERT_TRUE(store.ok());
  const auto labels = testing_util::Values(store->columns().labels, 3);
  EXPECT_EQ(labels[0], (std::vector<int64_t>{0, 1, 2}));
  EXPECT_TRUE(labels[1].empty());
  EXPECT_EQ(labels[2], (std::vector<int64_t>{1}));
}

TEST(IssueStoreBuilderTest, DuplicateIdIsAnErrorNamingBothRows) {
  IssueStoreBuilder b;
  b.Add(Row(b, 5, "ABC", 1));
  b.Add(Row(b, 5, "ABC", 2));
  auto store = b.Build();
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(), "duplicate issue id 5: row 1 and row 2");
}

TEST(IssueStoreBuilderTest, DuplicateKeyIsAnError) {
  IssueStoreBuilder b;
  b.Add(Row(b, 5, "ABC", 1));
  b.Add(Row(b, 6, "abc", 1));  // keys are case-insensitive: the same project
  auto store = b.Build();
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(), "duplicate issue key ABC-1: row 1 and row 2");
}

TEST(IssueStoreBuilderTest, ParentsAndLinksResolveToRows) {
  IssueStoreBuilder b;
  IssueRow parent = Row(b, 100, "ABC", 1);
  IssueRow child = Row(b, 200, "ABC", 2);
  child.parent_id = 100;
  IssueRow orphan = Row(b, 300, "ABC", 3);
  orphan.parent_id = 999;  // not in the data
  const Code blocks = b.catalog().InternLinkType("Blocks");
  parent.links.push_back({blocks, 300, true});
  parent.links.push_back({blocks, 12345, true});  // not in the data
  for (const IssueRow* r : {&parent, &child, &orphan}) b.Add(*r);
  auto store = b.Build();
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(b.dropped_parents(), 1u);
  EXPECT_EQ(b.dropped_links(), 1u);
  const IssueColumns& c = store->columns();
  EXPECT_FALSE(c.parent.IsValid(0));
  ASSERT_TRUE(c.parent.IsValid(1));
  EXPECT_EQ(c.parent.values.Get(1), 0);
  EXPECT_FALSE(c.parent.IsValid(2));
  const Links& links = store->links();
  ASSERT_EQ(links.count(), 2u);  // stored at both ends
  EXPECT_EQ(links.row_begin.Get(0), 0);
  EXPECT_EQ(links.other.Get(0), 2);
  EXPECT_TRUE(links.outward.Get(0));
  EXPECT_EQ(links.other.Get(static_cast<size_t>(links.row_begin.Get(2))), 0);
  EXPECT_FALSE(links.outward.Get(static_cast<size_t>(links.row_begin.Get(2))));
}

// Rows with every kind of field, interned into `b`'s catalog in a fixed order, so two
// builders given the same seed hold the same codes.
std::vector<IssueRow> VariedRows(IssueStoreBuilder& b, int count, uint32_t seed) {
  Catalog& c = b.catalog();
  CustomField points;
  points.id = 10016;
  points.name = "Story Points";
  points.type = CustomFieldType::kNumber;
  const Code points_field = c.custom_fields.Add(points, points.id, points.name);
  CustomField tags;
  tags.id = 10040;
  tags.name = "Tags";
  tags.type = CustomFieldType::kLabels;
  tags.options = {"a", "b", "c"};
  const Code tags_field = c.custom_fields.Add(tags, tags.id, tags.name);
  const Code blocks = c.InternLinkType("Blocks");
  std::mt19937 rng(seed);
  std::vector<IssueRow> rows;
  for (int i = 0; i < count; ++i) {
    const char* project = rng() % 3 == 0 ? "AB" : "XY";
    IssueRow row = Row(b, 1000 + i, project, i + 1);
    row.created = 1500000000000 + i * 1000;
    if (rng() % 2) row.assignee = c.InternUser("u" + std::to_string(rng() % 5));
    for (uint32_t l = rng() % 3; l > 0; --l)
      row.labels.push_back(c.InternLabel("l" + std::to_string(l)));
    if (rng() % 4 == 0) row.sprints.push_back(c.InternSprint("S" + std::to_string(rng() % 3)));
    row.summary = "issue " + std::to_string(i);
    if (rng() % 3 == 0) row.description = std::string(rng() % 40, 'd');
    for (uint32_t h = rng() % 4; h > 0; --h) {
      row.history.push_back({HistoryField::kStatus, -1, row.status, row.created + h, -1});
    }
    if (i > 0 && rng() % 5 == 0) row.links.push_back({blocks, 1000 + i - 1, rng() % 2 == 0});
    if (i > 0 && rng() % 7 == 0) row.parent_id = 1000 + i / 2;
    if (rng() % 3 == 0) {
      CustomValue v;
      v.field = points_field;
      v.number = rng() % 13;
      row.custom.push_back(v);
    }
    if (rng() % 4 == 0) {
      CustomValue v;
      v.field = tags_field;
      v.codes = {static_cast<Code>(rng() % 3)};
      row.custom.push_back(v);
    }
    row.archived = rng() % 10 == 0;
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST(IssueStoreBuilderTest, BatchesAppendAsIfTheirRowsWereAddedOneByOne) {
  IssueStoreBuilder one_by_one;
  for (const IssueRow& row : VariedRows(one_by_one, 300, 4)) one_by_one.Add(row);
  auto expected = one_by_one.Build();
  ASSERT_TRUE(expected.ok()) << expected.status().message();

  IssueStoreBuilder batched;
  const std::vector<IssueRow> rows = VariedRows(batched, 300, 4);
  IssueStoreBuilder::Batch batch;  // reused: Append leaves it empty
  size_t next = 0;
  for (size_t size : {size_t{1}, size_t{0}, size_t{7}, size_t{100}, size_t{192}}) {
    std::thread([&] {  // batches are meant to be filled on other threads
      for (size_t i = 0; i < size; ++i) batch.Add(rows[next + i]);
    })
        .join();
    EXPECT_EQ(batch.rows(), size);
    batched.Append(batch);
    EXPECT_EQ(batch.rows(), 0u);
    next += size;
    EXPECT_EQ(batched.rows(), next);
  }
  ASSERT_EQ(next, rows.size());
  auto store = batched.Build();
  ASSERT_TRUE(store.ok()) << store.status().message();
  testing_util::ExpectSameStore(*expected, *store);
  EXPECT_GT(store->links().count(), 0u);
  EXPECT_GT(store->ArchivedCount(), 0u);
  EXPECT_EQ(store->links().count(), expected->links().count());
  EXPECT_EQ(store->ArchivedCount(), expected->ArchivedCount());
}

TEST(IssueStoreBuilderTest, KeysOutOfOrderWithinAProjectAreStillFound) {
  IssueStoreBuilder b;
  const int64_t numbers[] = {5, 3, 9, 1, 7};  // ids in order, numbers not
  for (int i = 0; i < 5; ++i) b.Add(Row(b, i + 1, i % 2 ? "AB" : "XY", numbers[i]));
  auto store = b.Build();
  ASSERT_TRUE(store.ok());
  for (int i = 0; i < 5; ++i) {
    const std::string key = std::string(i % 2 ? "AB" : "XY") + "-" + std::to_string(numbers[i]);
    EXPECT_EQ(store->FindRowByKey(key), static_cast<size_t>(i)) << key;
    EXPECT_EQ(store->FindRowById(i + 1), static_cast<size_t>(i));
  }
  const auto xy = store->ProjectRows(*store->catalog().FindProjectByKey("XY"));
  EXPECT_EQ(std::vector<uint32_t>(xy.begin(), xy.end()),
            (std::vector<uint32_t>{0, 4, 2}));  // XY-5, XY-7, XY-9
  EXPECT_FALSE(store->FindRowById(0).has_value());
  EXPECT_FALSE(store->FindRowById(6).has_value());
}

TEST(IssueStoreBuilderTest, FindsRowsByIdAndKey) {
  IssueStoreBuilder b;
  b.Add(Row(b, 30, "XY", 7));
  b.Add(Row(b, 10, "AB", 2));
  b.Add(Row(b, 20, "AB", 1));
  auto store = b.Build();
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(store->FindRowById(10), 1u);
  EXPECT_EQ(store->FindRowById(30), 0u);
  EXPECT_FALSE(store->FindRowById(15).has_value());
  EXPECT_EQ(store->FindRowByKey("ab-1"), 2u);
  EXPECT_EQ(store->FindRowByKey("XY-7"), 0u);
  EXPECT_FALSE(store->FindRowByKey("XY-8").has_value());
  EXPECT_FALSE(store->FindRowByKey("XY").has_value());
  EXPECT_FALSE(store->FindRowByKey("ZZ-1").has_value());
  const auto rows = store->ProjectRows(*store->catalog().FindProjectByKey("AB"));
  EXPECT_EQ(std::vector<uint32_t>(rows.begin(), rows.end()), (std::vector<uint32_t>{2, 1}));
}

TEST(IssueStoreTest, ArchivedStateChangesThroughOneThreadSafeDoor) {
  IssueStoreBuilder b;
  for (int i = 0; i < 1000; ++i) b.Add(Row(b, i + 1, "ABC", i + 1));
  auto built = b.Build();
  ASSERT_TRUE(built.ok());
  IssueStore& store = *built;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&store, t] {
      for (uint32_t row = static_cast<uint32_t>(t); row < 1000; row += 4) {
        const uint32_t one[] = {row};
        store.SetArchived(one, true);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(store.ArchivedCount(), 1000u);
  const std::vector<uint32_t> some{1, 2, 3, 3};
  EXPECT_EQ(store.SetArchived(some, false), 3u);
  EXPECT_EQ(store.SetArchived(some, false), 0u);
  EXPECT_FALSE(store.IsArchived(2));
  EXPECT_TRUE(store.IsArchived(4));
  EXPECT_EQ(store.ArchivedCount(), 997u);
}

}  // namespace
}  // namespace jql
