// Test helpers: compare two issue stores value by value.
#ifndef JQL_TESTS_STORE_STORE_MATCHERS_H_
#define JQL_TESTS_STORE_STORE_MATCHERS_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jql/issue_store.h"

namespace jql::testing_util {

inline std::vector<int64_t> Values(const IntColumn& c, size_t rows) {
  std::vector<int64_t> out;
  for (size_t r = 0; r < rows; ++r) out.push_back(c.IsValid(r) ? c.values.Get(r) : INT64_MIN);
  return out;
}

inline std::vector<std::vector<int64_t>> Values(const MultiColumn& c, size_t rows) {
  std::vector<std::vector<int64_t>> out(rows);
  if (!c.present()) return out;
  for (size_t r = 0; r < rows; ++r) {
    const uint64_t begin = c.Begin(r);
    for (uint32_t i = 0; i < c.Count(r); ++i) out[r].push_back(c.codes().Get(begin + i));
  }
  return out;
}

inline std::vector<std::string> Values(const TextColumn& c, size_t rows) {
  std::vector<std::string> out(rows);
  if (!c.present()) return out;
  for (size_t r = 0; r < rows; ++r) out[r] = std::string(c.Get(r));
  return out;
}

inline std::vector<int64_t> Values(const PackedInts& p) {
  std::vector<int64_t> out;
  for (size_t i = 0; i < p.size(); ++i) out.push_back(p.Get(i));
  return out;
}

// Every column, text, history item, link and the archived state are equal.
inline void ExpectSameStore(const IssueStore& a, const IssueStore& b) {
  ASSERT_EQ(a.rows(), b.rows());
  const size_t n = a.rows();
  const IssueColumns& x = a.columns();
  const IssueColumns& y = b.columns();
  const std::pair<const IntColumn*, const IntColumn*> ints[] = {{&x.id, &y.id},
                                                                {&x.project, &y.project},
                                                                {&x.number, &y.number},
                                                                {&x.issue_type, &y.issue_type},
                                                                {&x.status, &y.status},
                                                                {&x.resolution, &y.resolution},
                                                                {&x.priority, &y.priority},
                                                                {&x.assignee, &y.assignee},
                                                                {&x.reporter, &y.reporter},
                                                                {&x.creator, &y.creator},
                                                                {&x.created, &y.created},
                                                                {&x.updated, &y.updated},
                                                                {&x.resolved, &y.resolved},
                                                                {&x.due, &y.due},
                                                                {&x.parent, &y.parent},
                                                                {&x.votes, &y.votes}};
  for (size_t i = 0; i < std::size(ints); ++i) {
    EXPECT_EQ(Values(*ints[i].first, n), Values(*ints[i].second, n)) << "int column " << i;
  }
  const std::pair<const MultiColumn*, const MultiColumn*> multis[] = {
      {&x.labels, &y.labels},
      {&x.components, &y.components},
      {&x.fix_versions, &y.fix_versions},
      {&x.affected_versions, &y.affected_versions},
      {&x.sprints, &y.sprints},
      {&x.watchers, &y.watchers}};
  for (size_t i = 0; i < std::size(multis); ++i) {
    EXPECT_EQ(Values(*multis[i].first, n), Values(*multis[i].second, n)) << "multi column " << i;
  }
  EXPECT_EQ(Values(a.text().summary, n), Values(b.text().summary, n));
  EXPECT_EQ(Values(a.text().description, n), Values(b.text().description, n));
  EXPECT_EQ(Values(a.text().environment, n), Values(b.text().environment, n));
  EXPECT_EQ(Values(a.text().comments, n), Values(b.text().comments, n));
  ASSERT_EQ(x.custom.size(), y.custom.size());
  for (size_t i = 0; i < x.custom.size(); ++i) {
    EXPECT_EQ(x.custom[i].field, y.custom[i].field);
    EXPECT_EQ(x.custom[i].scale, y.custom[i].scale);
    EXPECT_EQ(Values(x.custom[i].ints, n), Values(y.custom[i].ints, n));
    EXPECT_EQ(Values(x.custom[i].multi, n), Values(y.custom[i].multi, n));
    EXPECT_EQ(Values(x.custom[i].text, n), Values(y.custom[i].text, n));
  }
  const History& h = a.history();
  const History& k = b.history();
  for (auto [p, q] : {std::pair{&h.row_begin, &k.row_begin},
                      {&h.field, &k.field},
                      {&h.from, &k.from},
                      {&h.to, &k.to},
                      {&h.time, &k.time},
                      {&h.author, &k.author}}) {
    EXPECT_EQ(Values(*p), Values(*q));
  }
  EXPECT_EQ(Values(a.links().row_begin), Values(b.links().row_begin));
  EXPECT_EQ(Values(a.links().other), Values(b.links().other));
  EXPECT_EQ(Values(a.links().type), Values(b.links().type));
  for (size_t r = 0; r < n; ++r) ASSERT_EQ(a.IsArchived(r), b.IsArchived(r)) << "row " << r;
  const Catalog& c = a.catalog();
  const Catalog& d = b.catalog();
  ASSERT_EQ(c.projects.size(), d.projects.size());
  for (Code i = 0; i < c.projects.size(); ++i) {
    EXPECT_EQ(c.projects[i].key, d.projects[i].key);
    EXPECT_EQ(c.projects[i].id, d.projects[i].id);
    EXPECT_EQ(c.projects[i].type, d.projects[i].type);
  }
  ASSERT_EQ(c.statuses.size(), d.statuses.size());
  for (Code i = 0; i < c.statuses.size(); ++i) EXPECT_EQ(c.statuses[i].name, d.statuses[i].name);
  ASSERT_EQ(c.users.size(), d.users.size());
  ASSERT_EQ(c.versions.size(), d.versions.size());
  for (Code i = 0; i < c.versions.size(); ++i)
    EXPECT_EQ(c.versions[i].sequence, d.versions[i].sequence);
  EXPECT_EQ(c.labels.items(), d.labels.items());
  ASSERT_EQ(c.custom_fields.size(), d.custom_fields.size());
}

}  // namespace jql::testing_util

#endif  // JQL_TESTS_STORE_STORE_MATCHERS_H_
