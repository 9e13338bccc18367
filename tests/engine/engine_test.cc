// The engine's semantics on a small hand-built store (each decided point of
// architecture.md), Jira's validation messages, and the archive rule.
#include "jql/engine.h"
#include "engine_test_base.h"
#include "jql/operator_usage.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace jql {
namespace {

constexpr int64_t kDay = 86400000;
constexpr int64_t kJan1 = 1704067200000;  // 2024-01-01T00:00:00Z

class EngineTest : public testing_util::EngineTestBase {
 protected:
  void SetUp() override {
    IssueStoreBuilder b;
    Catalog& c = b.catalog();
    AddAlphabetProject(c);
    Project jpd;
    jpd.id = 2;
    jpd.key = "JPD";
    jpd.name = "Discovery";
    jpd.type = ProjectType::kProductDiscovery;
    c.AddProject(jpd);
    for (const char* p : {"Highest", "High", "Medium", "Low", "Lowest"}) {
      Priority pr;
      pr.name = p;
      pr.id = static_cast<int64_t>(c.priorities.size()) + 1;
      pr.sequence = static_cast<int32_t>(pr.id);
      c.priorities.Add(pr, pr.id, p);
    }
    const Code task = c.InternIssueType("Task", false);
    const Code sub = c.InternIssueType("Sub-task", true);
    const Code open = c.InternStatus("Open", StatusCategory::kToDo);
    const Code done = c.InternStatus("Done", StatusCategory::kDone);
    const Code fixed = c.InternResolution("Fixed");
    const Code u1 = c.InternUser("u1"), u2 = c.InternUser("u2");
    Group g;
    g.name = "devs";
    g.members = {u1};
    c.groups.Add(g, 7, "devs");
    const Code la = c.InternLabel("alpha"), lb = c.InternLabel("beta");
    const Code v29 = c.InternVersion(0, "v2.9"), v210 = c.InternVersion(0, "v2.10");
    c.versions.mutable_item(v29).sequence = 1;
    c.versions.mutable_item(v210).sequence = 2;
    c.versions.mutable_item(v29).released = true;
    const Code blocks = c.InternLinkType("Blocks");
    auto row = [&](int64_t id, Code project, int64_t number) {
      IssueRow r;
      r.id = id;
      r.project = project;
      r.number = number;
      r.issue_type = task;
      r.status = open;
      r.priority = 2;  // Medium
      r.reporter = u1;
      r.created = kJan1 + id * kDay;
      return r;
    };
    IssueRow r1 = row(1, 0, 1);  // ABC-1: assigned u1, labels alpha, Done/Fixed, fixVersion v2.9
    r1.assignee = u1;
    r1.labels = {la};
    r1.status = done;
    r1.resolution = fixed;
    r1.priority = 0;
    r1.fix_versions = {v29};
    r1.links.push_back({blocks, 2, true});
    IssueRow r2 = row(2, 0, 2);  // ABC-2: assigned u2, labels alpha beta, fixVersion v2.10
    r2.assignee = u2;
    r2.labels = {la, lb};
    r2.fix_versions = {v210};
    IssueRow r3 = row(3, 0, 3);  // ABC-3: unassigned, no labels
    IssueRow r4 = row(4, 0, 4);  // ABC-4: subtask of ABC-1
    r4.issue_type = sub;
    r4.parent_id = 1;
    r4.assignee = u1;
    IssueRow r5 = row(5, 1, 1);  // JPD-1: product discovery project
    r5.assignee = u1;
    IssueRow r6 = row(6, 0, 5);  // ABC-5: archived
    r6.assignee = u1;
    r6.archived = true;
    for (const IssueRow* r : {&r1, &r2, &r3, &r4, &r5, &r6}) b.Add(*r);
    Use(b);
    if (HasFatalFailure()) return;
    context_.now_ms = kJan1 + 10 * kDay;
    context_.current_user = "u2";
  }
};

using testing_util::KeyList;

TEST_F(EngineTest, NotIsDeMorganWithOperatorFlips) {
  EXPECT_EQ(Keys("assignee = u1"), (KeyList{"ABC-1", "ABC-4", "JPD-1"}));
  // NOT assignee = u1 is assignee != u1: unassigned ABC-3 does not match.
  EXPECT_EQ(Keys("NOT assignee = u1"), (KeyList{"ABC-2"}));
  EXPECT_EQ(Keys("assignee != u1"), (KeyList{"ABC-2"}));
  EXPECT_EQ(Keys("NOT (assignee = u1 OR assignee = u2)"), KeyList{});
  EXPECT_EQ(Keys("NOT NOT assignee = u2"), (KeyList{"ABC-2"}));
  EXPECT_EQ(Keys("NOT assignee IS EMPTY"), (KeyList{"ABC-1", "ABC-2", "ABC-4", "JPD-1"}));
}

TEST_F(EngineTest, EmptiesMatchOnlyEmptyOperators) {
  EXPECT_EQ(Keys("assignee IS EMPTY"), (KeyList{"ABC-3"}));
  EXPECT_EQ(Keys("assignee = EMPTY"), (KeyList{"ABC-3"}));
  EXPECT_EQ(Keys("assignee in (EMPTY, u2)"), (KeyList{"ABC-2", "ABC-3"}));
  EXPECT_EQ(Keys("assignee not in (EMPTY, u2)"), (KeyList{"ABC-1", "ABC-4", "JPD-1"}));
  EXPECT_EQ(Keys("resolution = Unresolved"), (KeyList{"ABC-2", "ABC-3", "ABC-4", "JPD-1"}));
  EXPECT_EQ(Keys("created > 2024-01-03"),
            (KeyList{"ABC-3", "ABC-4", "JPD-1"}));  // day 3 is the whole day
}

TEST_F(EngineTest, MultiValuedFieldsMatchOnAnyValue) {
  EXPECT_EQ(Keys("labels = alpha"), (KeyList{"ABC-1", "ABC-2"}));
  EXPECT_EQ(Keys("labels = beta"), (KeyList{"ABC-2"}));
  // != : has labels, and none is beta.
  EXPECT_EQ(Keys("labels != beta"), (KeyList{"ABC-1"}));
  EXPECT_EQ(Keys("labels not in (alpha)"), KeyList{});
  EXPECT_EQ(Keys("labels is empty"), (KeyList{"ABC-3", "ABC-4", "JPD-1"}));
  EXPECT_EQ(Keys("labels = nosuchlabel"), KeyList{});  // labels are free text: no error
}

TEST_F(EngineTest, OrderedFieldsCompareByConfiguredOrder) {
  EXPECT_EQ(Keys("priority > Medium"), (KeyList{"ABC-1"}));
  EXPECT_EQ(Keys("priority >= Medium"), (KeyList{"ABC-1", "ABC-2", "ABC-3", "ABC-4", "JPD-1"}));
  EXPECT_EQ(Keys("fixVersion > v2.9"), (KeyList{"ABC-2"}));  // v2.10 comes after v2.9
  EXPECT_EQ(Keys("fixVersion in releasedVersions(ABC)"), (KeyList{"ABC-1"}));
}

TEST_F(EngineTest, ArchivedIssuesAreInvisible) {
  EXPECT_EQ(Keys("key = ABC-5"), KeyList{});
  EXPECT_EQ(Keys("project = ABC ORDER BY key DESC"), (KeyList{"ABC-4", "ABC-3", "ABC-2", "ABC-1"}));
}

TEST_F(EngineTest, KeysFunctionsAndCategories) {
  EXPECT_EQ(Keys("key > ABC-2"), (KeyList{"ABC-3", "ABC-4"}));
  EXPECT_EQ(Keys("issuekey in (abc-1, JPD-1, 3)"), (KeyList{"ABC-1", "ABC-3", "JPD-1"}));
  EXPECT_EQ(Keys("issue in linkedIssues(ABC-1)"), (KeyList{"ABC-2"}));
  EXPECT_EQ(Keys("parent = ABC-1"), (KeyList{"ABC-4"}));
  EXPECT_EQ(Keys("assignee = currentUser()"), (KeyList{"ABC-2"}));
  EXPECT_EQ(Keys("assignee in membersOf(devs)"), (KeyList{"ABC-1", "ABC-4", "JPD-1"}));
  EXPECT_EQ(Keys("statusCategory = Done"), (KeyList{"ABC-1"}));
  EXPECT_EQ(Keys("projectType = product_discovery"), (KeyList{"JPD-1"}));
  EXPECT_EQ(Keys("issuetype in subtaskIssueTypes()"), (KeyList{"ABC-4"}));
  EXPECT_EQ(Keys("hierarchyLevel = -1"), (KeyList{"ABC-4"}));
  EXPECT_EQ(Keys("project = Alphabet AND created >= startOfDay(-8)"),
            (KeyList{"ABC-2", "ABC-3", "ABC-4"}));
  EXPECT_EQ(Keys("created in (2024-01-02, 2024-01-04)"), (KeyList{"ABC-1", "ABC-3"}));
}

TEST(TimeZoneTest, NamedZonesFollowDaylightSaving) {
  auto berlin = TimeZone::Load("Europe/Berlin");
  ASSERT_TRUE(berlin.ok()) << berlin.status().message();
  EXPECT_EQ(berlin->OffsetAt(1705312800000), 3600000);  // 2024-01-15: CET
  EXPECT_EQ(berlin->OffsetAt(1721044800000), 7200000);  // 2024-07-15: CEST
  // 2024-07-01 00:00 in Berlin is 2024-06-30 22:00 UTC.
  EXPECT_EQ(berlin->LocalToUtc(1719792000000), 1719784800000);
  auto fixed = TimeZone::Load("-05:30");
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(fixed->OffsetAt(0), -19800000);
  EXPECT_FALSE(TimeZone::Load("Mars/Olympus_Mons").ok());
  EXPECT_FALSE(TimeZone::Load("../../etc/passwd").ok());
}

TEST_F(EngineTest, DatesAreLocalToTheUsersZone) {
  // ABC-1 was created 2024-01-02T00:00Z, which is 01:00 on the 2nd in Berlin and
  // 19:00 on the 1st in New York.
  auto berlin = TimeZone::Load("Europe/Berlin");
  auto new_york = TimeZone::Load("America/New_York");
  ASSERT_TRUE(berlin.ok() && new_york.ok());
  context_.time_zone = *berlin;
  EXPECT_EQ(Keys("created < 2024-01-03"), (KeyList{"ABC-1"}));
  context_.time_zone = *new_york;
  EXPECT_EQ(Keys("created < 2024-01-02"), (KeyList{"ABC-1"}));
  EXPECT_EQ(Keys("created = 2024-01-01"), (KeyList{"ABC-1"}));
}

TEST_F(EngineTest, PlannerMergesLeavesOnOneField) {
  const CompileResult merged =
      engine_->Compile("assignee = u1 OR assignee = u2 OR labels = beta", context_);
  ASSERT_TRUE(merged.ok());
  const std::string plan = engine_->Explain(*merged.query);
  // Two leaves, not three: the assignee equalities became one set.
  EXPECT_NE(plan.find("assignee = u1 OR assignee = u2  (estimated"), std::string::npos) << plan;
  EXPECT_EQ(Keys("assignee = u1 OR assignee = u2 OR labels = beta"),
            (KeyList{"ABC-1", "ABC-2", "ABC-4", "JPD-1"}));
  EXPECT_EQ(Keys("assignee != u1 AND assignee != u2"), KeyList{});
  EXPECT_EQ(Keys("assignee = u1 AND (labels = nosuch OR assignee = u2)"), KeyList{});
}

TEST_F(EngineTest, ValidationMessagesAreJiras) {
  EXPECT_EQ(FirstError("foo = bar"),
            "Field 'foo' does not exist or you do not have permission to view it.");
  EXPECT_EQ(FirstError("project ~ ABC"),
            "The operator '~' is not supported by the 'project' field.");
  EXPECT_EQ(FirstError("project = NOPE"),
            "The value 'NOPE' does not exist for the field 'project'.");
  EXPECT_EQ(FirstError("status = 12345"),
            "A value with ID '12345' does not exist for the field 'status'.");
  EXPECT_EQ(FirstError("project is EMPTY"),
            "The field 'project' does not support searching for EMPTY values.");
  EXPECT_EQ(FirstError("project in (EMPTY, ABC)"),
            "The field 'project' does not support searching for EMPTY values.");
  EXPECT_EQ(
      FirstError("created > yesterday"),
      "Date value 'yesterday' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd "
      "HH:mm', "
      "'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.");
  EXPECT_EQ(FirstError("created > now(1)"),
            "Function 'now' expected '0' arguments but received '1'.");
  EXPECT_EQ(FirstError("assignee = echo(HSP)"), "Unable to find JQL function 'echo(HSP)'.");
  EXPECT_EQ(FirstError("assignee in membersOf(nobody)"),
            "Function 'membersOf' can not generate a list of usernames for group 'nobody'; the "
            "group does not exist.");
  EXPECT_EQ(FirstError("votes = x"),
            "Value x is invalid for the 'votes' field. Votes must be a positive whole number.");
  EXPECT_EQ(FirstError("summary ~ \"*win\""),
            "The text query '*win' for field 'summary' is not valid: the '*' and '?' are not "
            "allowed as first character "
            "in wildcard query.");
  // The operand's shape is validated (the query parses), and before the field: Jira's
  // documented answer for `summary in test`, where summary does not support IN at all.
  EXPECT_EQ(FirstError("summary in test"),
            "Operator 'in' does not support the non-list value '\"test\"' for field 'summary'.");
  EXPECT_EQ(FirstError("nosuchfield in 3"),
            "Operator 'in' does not support the non-list value '3' for field 'nosuchfield'.");
  EXPECT_EQ(FirstError("status was in Open"),
            "Operator 'was in' does not support the non-list value '\"Open\"' for field 'status'.");
  EXPECT_EQ(FirstError("status = (Open, Done)"),
            "Operator '=' does not support the list value '(\"Open\", \"Done\")' for field "
            "'status'.");
  EXPECT_EQ(FirstError("created < EMPTY"),
            "The operator '<' does not support searching for EMPTY values.");
  for (const char* fits : {"status in (Open)", "assignee in membersOf(devs)", "created < -1d"}) {
    const CompileResult r = engine_->Compile(fits, context_);
    for (const Diagnostic& d : r.errors)
      EXPECT_EQ(d.message.find("does not support the"), std::string::npos) << fits;
  }
  // The same check needs no catalog, for offline validation.
  const ParseResult parsed = Parse("summary in test AND status = (x1, y1) OR created >= EMPTY");
  ASSERT_TRUE(parsed.ok());
  const std::vector<Diagnostic> usage = CheckOperatorUsage(*parsed.query);
  ASSERT_EQ(usage.size(), 3u);
  EXPECT_EQ(usage[0].range.column, 12u);
  // Every binding error is reported, each with its position.
  const CompileResult two = engine_->Compile("foo = 1 AND project = NOPE", context_);
  ASSERT_EQ(two.errors.size(), 2u);
  EXPECT_EQ(two.errors[1].range.column, 23u);
}

TEST_F(EngineTest, ArchiveSelectionFollowsTheRule) {
  const CompileResult all =
      engine_->Compile("assignee IS NOT EMPTY OR assignee IS EMPTY", context_);
  ASSERT_TRUE(all.ok());
  const ArchiveSelection s = engine_->SelectForArchive(*all.query);
  EXPECT_EQ(s.matched, 5u);             // ABC-5 is archived already: invisible
  EXPECT_EQ(s.skipped_subtasks, 1u);    // ABC-4 goes with its parent only
  EXPECT_EQ(s.skipped_unlicensed, 1u);  // JPD-1: product discovery
  ASSERT_EQ(s.rows.size(), 3u);
  EXPECT_EQ(store_->Key(s.rows[0]), "ABC-1");
  ASSERT_EQ(s.subtasks.size(), 1u);
  EXPECT_EQ(store_->Key(s.subtasks[0]), "ABC-4");
  const ArchiveSelection capped = engine_->SelectForArchive(*all.query, 2);
  EXPECT_EQ(capped.rows.size(), 2u);
  EXPECT_EQ(capped.skipped_over_cap, 1u);
}

}  // namespace
}  // namespace jql
