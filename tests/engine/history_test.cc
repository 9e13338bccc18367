// WAS, WAS NOT, WAS IN, WAS NOT IN and CHANGED with every predicate, on hand-built
// histories: values at creation, repeated changes, EMPTY transitions, multi-valued
// fixVersion, and day boundaries in two time zones. Every query runs through both
// evaluators (the history index and the plain replay), which must agree.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine_test_base.h"
#include "jql/engine.h"

namespace jql {
namespace {

constexpr int64_t kHour = 3600000;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kJan1 = 1704067200000;  // 2024-01-01T00:00:00Z; "day N" is kJan1 + N days

using testing_util::KeyList;

class HistoryTest : public testing_util::EngineTestBase {
 protected:
  void SetUp() override {
    IssueStoreBuilder b;
    Catalog& c = b.catalog();
    AddAlphabetProject(c);
    const Code task = c.InternIssueType("Task", false);
    const Code open = c.InternStatus("Open", StatusCategory::kToDo);
    const Code progress = c.InternStatus("In Progress", StatusCategory::kInProgress);
    const Code done = c.InternStatus("Done", StatusCategory::kDone);
    const Code resolved = c.InternResolution("Done");
    const Code alice = c.InternUser("alice"), bob = c.InternUser("bob"),
               carol = c.InternUser("carol");
    Group leavers;
    leavers.name = "leavers";
    leavers.members = {carol};
    c.groups.Add(leavers, 9, "leavers");
    const Code v1 = c.InternVersion(0, "v1"), v2 = c.InternVersion(0, "v2");
    auto issue = [&](int64_t number, int64_t created_day, Code status) {
      IssueRow r;
      r.id = number;
      r.project = 0;
      r.number = number;
      r.issue_type = task;
      r.status = status;
      r.reporter = alice;
      r.creator = alice;
      r.created = kJan1 + created_day * kDay;
      return r;
    };
    auto change = [](HistoryField field, int64_t from, int64_t to, int64_t time, Code author) {
      return HistoryItem{field, from, to, time, static_cast<int64_t>(author)};
    };
    const auto kStatus = HistoryField::kStatus, kAssignee = HistoryField::kAssignee,
               kResolution = HistoryField::kResolution, kFixVersion = HistoryField::kFixVersion;
    // ABC-1: Open -> In Progress (day 2, bob) -> Done (day 5, alice), resolved then;
    // assignee EMPTY -> carol (day 1, alice) -> bob (day 3, carol).
    IssueRow r1 = issue(1, 0, done);
    r1.resolution = resolved;
    r1.assignee = bob;
    r1.history = {change(kAssignee, -1, carol, kJan1 + 1 * kDay, alice),
                  change(kStatus, open, progress, kJan1 + 2 * kDay, bob),
                  change(kAssignee, carol, bob, kJan1 + 3 * kDay, carol),
                  change(kStatus, progress, done, kJan1 + 5 * kDay, alice),
                  change(kResolution, -1, resolved, kJan1 + 5 * kDay, alice)};
    // ABC-2: created on day 1 by bob, never changed: Open, alice, fixVersion v2.
    IssueRow r2 = issue(2, 1, open);
    r2.creator = bob;
    r2.assignee = alice;
    r2.fix_versions = {v2};
    // ABC-3: In Progress at creation -> Open (day 4, bob) -> In Progress (day 6, alice).
    IssueRow r3 = issue(3, 0, progress);
    r3.history = {change(kStatus, progress, open, kJan1 + 4 * kDay, bob),
                  change(kStatus, open, progress, kJan1 + 6 * kDay, alice)};
    // ABC-4: Done from creation; fixVersion {} -> {v1} (day 1, bob) -> {} (day 3, alice)
    // -> {v2} (day 4, carol).
    IssueRow r4 = issue(4, 0, done);
    r4.assignee = alice;
    r4.fix_versions = {v2};
    r4.history = {change(kFixVersion, -1, v1, kJan1 + 1 * kDay, bob),
                  change(kFixVersion, v1, -1, kJan1 + 3 * kDay, alice),
                  change(kFixVersion, -1, v2, kJan1 + 4 * kDay, carol)};
    // ABC-5: Open -> Done at 23:30 UTC on 2024-01-03 (01:30 on the 4th at UTC+2).
    IssueRow r5 = issue(5, 0, done);
    r5.history = {change(kStatus, open, done, kJan1 + 2 * kDay + 23 * kHour + kHour / 2, alice)};
    for (const IssueRow* r : {&r1, &r2, &r3, &r4, &r5}) b.Add(*r);
    Use(b);
    if (HasFatalFailure()) return;
    context_.now_ms = kJan1 + 10 * kDay;
    context_.current_user = "bob";
  }

  // Every issue's key but these.
  KeyList AllBut(const KeyList& keys) {
    KeyList rest;
    for (const char* k : {"ABC-1", "ABC-2", "ABC-3", "ABC-4", "ABC-5"}) {
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) rest.push_back(k);
    }
    return rest;
  }
};

struct Case {
  const char* jql;
  KeyList keys;
};

// Each WAS / WAS IN case also checks its WAS NOT / WAS NOT IN twin (the complement)
// and NOT in front of it.
TEST_F(HistoryTest, WasWithEveryPredicate) {
  const Case cases[] = {
      // The current value, the value at creation, and values in between.
      {"status WAS \"In Progress\"", {"ABC-1", "ABC-3"}},
      {"status WAS Open", {"ABC-1", "ABC-2", "ABC-3", "ABC-5"}},
      {"status WAS Done", {"ABC-1", "ABC-4", "ABC-5"}},
      // BEFORE: held at some moment before the instant (the day's start).
      {"status WAS Open BEFORE 2024-01-02", {"ABC-1", "ABC-5"}},
      {"status WAS Done BEFORE 2024-01-06", {"ABC-4", "ABC-5"}},
      // AFTER: held at some moment at or after the day's start.
      {"status WAS Open AFTER 2024-01-06", {"ABC-2", "ABC-3"}},
      {"status WAS \"In Progress\" AFTER 2024-01-06", {"ABC-3"}},
      // ON: held during that day.
      {"status WAS \"In Progress\" ON 2024-01-05", {"ABC-1"}},
      {"status WAS Open ON 2024-01-05", {"ABC-2", "ABC-3"}},
      // DURING: overlaps the period, whose end date counts whole.
      {"status WAS \"In Progress\" DURING (2024-01-05, 2024-01-06)", {"ABC-1"}},
      {"status WAS \"In Progress\" DURING (2024-01-05, 2024-01-07)", {"ABC-1", "ABC-3"}},
      {"status WAS \"In Progress\" DURING (\"2024/01/06 12:00\", \"2024/01/07 00:00\")", {"ABC-3"}},
      // BY: who set the value; the value at creation was set by the creator.
      {"status WAS \"In Progress\" BY bob", {"ABC-1"}},
      {"status WAS \"In Progress\" BY alice", {"ABC-3"}},
      {"status WAS Open BY (bob, carol)", {"ABC-2", "ABC-3"}},
      {"status WAS Open BY currentUser()", {"ABC-2", "ABC-3"}},
      {"status WAS \"In Progress\" BY alice BEFORE 2024-01-07", {"ABC-3"}},
      {"status WAS \"In Progress\" BY alice AFTER 2024-01-05 BEFORE 2024-01-07", {}},
      // WAS IN.
      {"status WAS IN (Open, Done) AFTER 2024-01-08", {"ABC-1", "ABC-2", "ABC-4", "ABC-5"}},
      {"status WAS IN (Open, \"In Progress\") BEFORE 2024-01-02", {"ABC-1", "ABC-3", "ABC-5"}},
      {"status WAS IN (Open) ON 2024-01-04", {"ABC-2"}},
      {"status WAS IN (\"In Progress\") DURING (2024-01-04, 2024-01-05)", {"ABC-1", "ABC-3"}},
      {"status WAS IN (Done, Open) BY bob", {"ABC-2", "ABC-3"}},
      // Users, EMPTY, and membersOf / currentUser.
      {"assignee WAS EMPTY", {"ABC-1", "ABC-3", "ABC-5"}},
      {"assignee WAS EMPTY AFTER 2024-01-03", {"ABC-3", "ABC-5"}},
      {"assignee WAS carol", {"ABC-1"}},
      {"assignee WAS carol BY alice", {"ABC-1"}},
      {"assignee WAS carol BY bob", {}},
      {"assignee WAS IN membersOf(leavers)", {"ABC-1"}},
      {"assignee WAS IN membersOf(leavers) AFTER 2024-01-05", {}},
      {"assignee WAS currentUser()", {"ABC-1"}},
      {"assignee WAS alice BY alice", {"ABC-4"}},
      {"assignee WAS alice BY bob", {"ABC-2"}},
      {"assignee WAS IN (alice, EMPTY) ON 2024-01-03", {"ABC-2", "ABC-3", "ABC-4", "ABC-5"}},
      // Resolution: Unresolved is EMPTY.
      {"resolution WAS Unresolved BEFORE 2024-01-06",
       {"ABC-1", "ABC-2", "ABC-3", "ABC-4", "ABC-5"}},
      {"resolution WAS Done", {"ABC-1"}},
      {"resolution WAS Unresolved AFTER 2024-01-07", {"ABC-2", "ABC-3", "ABC-4", "ABC-5"}},
      // Multi-valued fixVersion: added and removed values, EMPTY between them.
      {"fixVersion WAS v1", {"ABC-4"}},
      {"fixVersion WAS v1 AFTER 2024-01-05", {}},
      {"fixVersion WAS v1 AFTER 2024-01-03", {"ABC-4"}},
      {"fixVersion WAS v2", {"ABC-2", "ABC-4"}},
      {"fixVersion WAS v2 BY carol", {"ABC-4"}},
      {"fixVersion WAS EMPTY ON 2024-01-04", {"ABC-1", "ABC-3", "ABC-4", "ABC-5"}},
      {"fixVersion WAS EMPTY ON 2024-01-03", {"ABC-1", "ABC-3", "ABC-5"}},
      {"fixVersion WAS IN (v1, v2) DURING (2024-01-04, 2024-01-04)", {"ABC-2"}},
  };
  for (const Case& c : cases) {
    const std::string jql = c.jql;
    EXPECT_EQ(Keys(jql), c.keys) << jql;
    std::string negated = jql;
    const size_t was = negated.find(" WAS ");
    negated.replace(was, 5, " WAS NOT ");
    EXPECT_EQ(Keys(negated), AllBut(c.keys)) << negated;
    EXPECT_EQ(Keys("NOT " + jql), AllBut(c.keys)) << "NOT " << jql;
    EXPECT_EQ(Keys("NOT " + negated), c.keys) << "NOT " << negated;
  }
}

TEST_F(HistoryTest, ChangedWithEveryPredicate) {
  const Case cases[] = {
      {"status CHANGED", {"ABC-1", "ABC-3", "ABC-5"}},
      {"status CHANGED FROM \"In Progress\" TO Done", {"ABC-1"}},
      {"status CHANGED FROM Open", {"ABC-1", "ABC-3", "ABC-5"}},
      {"status CHANGED TO Open", {"ABC-3"}},
      {"status CHANGED TO Open BY bob", {"ABC-3"}},
      {"status CHANGED TO Open BY alice", {}},
      {"status CHANGED FROM (Open, \"In Progress\") TO (Done)", {"ABC-1", "ABC-5"}},
      // BEFORE is strictly before the day's start; AFTER at or after it.
      {"status CHANGED BY alice BEFORE 2024-01-06", {"ABC-5"}},
      {"status CHANGED AFTER 2024-01-06", {"ABC-1", "ABC-3"}},
      {"status CHANGED AFTER 2024-01-02 AFTER 2024-01-05", {"ABC-1", "ABC-3"}},
      {"status CHANGED ON 2024-01-05", {"ABC-3"}},
      {"status CHANGED DURING (2024-01-03, 2024-01-05)", {"ABC-1", "ABC-3", "ABC-5"}},
      {"status CHANGED DURING (2024-01-04, 2024-01-05) FROM Open", {}},
      {"status CHANGED BY membersOf(leavers)", {}},
      {"assignee CHANGED BY membersOf(leavers)", {"ABC-1"}},
      {"assignee CHANGED FROM EMPTY", {"ABC-1"}},
      {"assignee CHANGED TO EMPTY", {}},
      {"assignee CHANGED FROM carol TO currentUser()", {"ABC-1"}},
      {"assignee CHANGED BEFORE 2024-01-02", {}},
      {"resolution CHANGED FROM EMPTY TO Done", {"ABC-1"}},
      {"resolution CHANGED FROM EMPTY TO Done BEFORE 2024-01-06", {}},
      {"resolution CHANGED TO Done ON 2024-01-06 BY alice", {"ABC-1"}},
      {"fixVersion CHANGED", {"ABC-4"}},
      {"fixVersion CHANGED TO EMPTY", {"ABC-4"}},
      {"fixVersion CHANGED FROM v1", {"ABC-4"}},
      {"fixVersion CHANGED FROM v1 BY bob", {}},
      {"fixVersion CHANGED TO v2 AFTER 2024-01-05", {"ABC-4"}},
      {"priority CHANGED", {}},
      // A predicate given twice must hold twice: no change is from both.
      {"status CHANGED FROM Open FROM \"In Progress\"", {}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Keys(c.jql), c.keys) << c.jql;
    EXPECT_EQ(Keys(std::string("NOT ") + c.jql), AllBut(c.keys)) << "NOT " << c.jql;
  }
}

TEST_F(HistoryTest, DaysAreTheUsersDays) {
  // 23:30 UTC on the 3rd is 01:30 on the 4th two hours east; ABC-1's change at
  // midnight UTC on the 3rd stays on the 3rd.
  EXPECT_EQ(Keys("status CHANGED ON 2024-01-03"), (KeyList{"ABC-1", "ABC-5"}));
  EXPECT_EQ(Keys("status CHANGED ON 2024-01-04"), KeyList{});
  EXPECT_EQ(Keys("status WAS Open ON 2024-01-04 AND key = ABC-5"), KeyList{});
  context_.time_zone = TimeZone::Fixed(120);
  EXPECT_EQ(Keys("status CHANGED ON 2024-01-03"), (KeyList{"ABC-1"}));
  EXPECT_EQ(Keys("status CHANGED ON 2024-01-04"), (KeyList{"ABC-5"}));
  EXPECT_EQ(Keys("status WAS Open ON 2024-01-04 AND key = ABC-5"), (KeyList{"ABC-5"}));
  EXPECT_EQ(Keys("status CHANGED BEFORE \"2024-01-04 01:31\" AFTER \"2024-01-04 01:30\""),
            (KeyList{"ABC-5"}));
}

TEST_F(HistoryTest, DateFunctionsAndRelativeDates) {
  // now is day 10 (2024-01-11 00:00).
  EXPECT_EQ(Keys("status CHANGED AFTER -5d"), (KeyList{"ABC-1", "ABC-3"}));
  EXPECT_EQ(Keys("status CHANGED AFTER startOfDay(-4)"), (KeyList{"ABC-3"}));
  EXPECT_EQ(Keys("status WAS Open DURING (-7d, now())"), (KeyList{"ABC-2", "ABC-3"}));
}

TEST_F(HistoryTest, UpdatedByFindsCreationsAndChanges) {
  EXPECT_EQ(Keys("key in updatedBy(carol)"), (KeyList{"ABC-1", "ABC-4"}));
  EXPECT_EQ(Keys("key in updatedBy(bob, 2024-01-01, 2024-01-02)"), (KeyList{"ABC-2", "ABC-4"}));
  EXPECT_EQ(Keys("key in updatedBy(alice, 2024-01-06)"), (KeyList{"ABC-1", "ABC-3"}));
  EXPECT_EQ(Keys("key not in updatedBy(carol)"), (KeyList{"ABC-2", "ABC-3", "ABC-5"}));
  EXPECT_EQ(Keys("key in issueHistory()"), KeyList{});
}

TEST_F(HistoryTest, JirasMessages) {
  EXPECT_EQ(FirstError("summary WAS x"),
            "The operator 'WAS' is not supported by the 'summary' field.");
  EXPECT_EQ(FirstError("created CHANGED"),
            "The operator 'CHANGED' is not supported by the 'created' field.");
  EXPECT_EQ(FirstError("labels WAS NOT IN (a1)"),
            "The operator 'WAS NOT IN' is not supported by the 'labels' field.");
  EXPECT_EQ(FirstError("statusCategory WAS Done"),
            "The operator 'WAS' is not supported by the 'statusCategory' field.");
  EXPECT_EQ(FirstError("status WAS \"No such\""),
            "The value 'No such' does not exist for the field 'status'.");
  // Each value of a list is checked, not only the first.
  EXPECT_EQ(FirstError("status WAS IN (Open, \"No such\")"),
            "The value 'No such' does not exist for the field 'status'.");
  EXPECT_EQ(FirstError("status CHANGED FROM Gone"),
            "The value 'Gone' does not exist for the field 'status'.");
  EXPECT_EQ(FirstError("status WAS EMPTY"),
            "The field 'status' does not support searching for EMPTY values.");
  EXPECT_EQ(FirstError("status CHANGED BY nobody"),
            "The value 'nobody' does not exist for the field 'by'.");
  EXPECT_EQ(FirstError("status CHANGED BY EMPTY"),
            "The predicate 'by' does not support EMPTY; name a user.");
  EXPECT_EQ(FirstError("assignee WAS membersOf(leavers)"),
            "Operator 'was' does not support the list value 'membersOf()' for field 'assignee'.");
  EXPECT_EQ(FirstError("assignee WAS IN membersOf(nogroup)"),
            "Function 'membersOf' can not generate a list of usernames for group 'nogroup'; the "
            "group does not exist.");
  EXPECT_EQ(FirstError("status WAS Open DURING (2024-01-01)"),
            "The predicate 'during' takes two dates, the start and the end of a period, e.g. "
            "DURING (\"2024-01-01\", \"2024-03-31\").");
  EXPECT_EQ(FirstError("status WAS Open DURING (2024-01-01, 2024-01-02, 2024-01-03)"),
            FirstError("status WAS Open DURING (2024-01-01)"));
  EXPECT_EQ(FirstError("status CHANGED AFTER (2024-01-01, 2024-01-02)"),
            "The predicate 'after' takes one date, e.g. AFTER \"2024-01-31\" or AFTER -2w.");
  EXPECT_EQ(FirstError("status CHANGED ON EMPTY"),
            "The predicate 'on' takes one date, e.g. ON \"2024-01-31\" or ON -2w.");
  EXPECT_EQ(FirstError("status CHANGED AFTER yesterday").substr(0, 63),
            "Date value 'yesterday' for predicate 'after' is invalid. Valid ");
  EXPECT_EQ(FirstError("status CHANGED AFTER nosuch()"), "Unable to find JQL function 'nosuch()'.");
  EXPECT_EQ(FirstError("key in updatedBy(nobody)"),
            "Function 'updatedBy' can not find the user 'nobody'.");
  EXPECT_EQ(FirstError("key in updatedBy(bob, soon)").substr(0, 57),
            "Date value 'soon' for function 'updatedBy' is invalid. Va");
  EXPECT_EQ(FirstError("key in updatedBy()"),
            "Function 'updatedBy' expected between '1' and '3' arguments but received '0'.");
}

TEST_F(HistoryTest, ExplainShowsTheHistoryLayout) {
  const CompileResult compiled =
      engine_->Compile("status CHANGED AFTER 2024-01-06 OR status WAS Done", context_);
  ASSERT_TRUE(compiled.ok());
  const std::string plan = engine_->Explain(*compiled.query);
  EXPECT_NE(plan.find("history index: status changes by time, 2 of 5 entries tested"),
            std::string::npos)
      << plan;
  EXPECT_NE(plan.find("history index: status intervals by value"), std::string::npos) << plan;
}

}  // namespace
}  // namespace jql
