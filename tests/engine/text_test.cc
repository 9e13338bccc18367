// Text search (~, !~) on hand-built issues: stemming, stop words, phrases, wildcards,
// boolean text queries, e-mails, URLs and numbers, the empty-field rule, and Jira's
// messages. Every query runs through both evaluators (inverted index and plain
// analysis of each row), which must agree.
#include <gtest/gtest.h>

#include <atomic>

#include <algorithm>

#include "engine_test_base.h"
#include "jql/engine.h"

namespace jql {
namespace {

using testing_util::KeyList;

class TextSearchTest : public testing_util::EngineTestBase {
 protected:
  void SetUp() override {
    IssueStoreBuilder b;
    Catalog& c = b.catalog();
    AddAlphabetProject(c);
    const Code task = c.InternIssueType("Task", false);
    const Code open = c.InternStatus("Open", StatusCategory::kToDo);
    CustomField rc;
    rc.id = 10050;
    rc.name = "Root Cause";
    rc.type = CustomFieldType::kText;
    const Code root_cause = c.custom_fields.Add(rc, rc.id, rc.name);
    int64_t n = 0;
    auto add = [&](const char* summary, const char* description = "", const char* comments = "",
                   const char* cause = nullptr) {
      IssueRow r;
      r.id = ++n;
      r.project = 0;
      r.number = n;
      r.issue_type = task;
      r.status = open;
      r.summary = summary;
      r.description = description;
      r.comments = comments;
      if (cause != nullptr) {
        CustomValue v;
        v.field = root_cause;
        v.text = cause;
        r.custom.push_back(v);
      }
      b.Add(r);
    };
    add("Wins and losses of the running team");                               // ABC-1
    add("Full screen mode breaks the editor", "Press F11 for full-screen.");  // ABC-2
    add("Screen is full of errors", "", "Seen by ops@example.com in 2.10");   // ABC-3
    add("The app crashes on startup", "See https://jira.example.com/browse/ABC-1 for logs", "",
        "Null pointer in the window manager");                              // ABC-4
    add("Windows installer fails", "Win 95 compatibility\nand windowing");  // ABC-5
    add("", "Only a description: run the migration");                       // ABC-6
    add("Jira's dashboards don't load");                                    // ABC-7
    Use(b);
    if (HasFatalFailure()) return;
  }
};

TEST_F(TextSearchTest, StemmingMatchesWordForms) {
  EXPECT_EQ(Keys("summary ~ win"), (KeyList{"ABC-1"}));  // "Wins"
  EXPECT_EQ(Keys("summary ~ wins"), (KeyList{"ABC-1"}));
  EXPECT_EQ(Keys("summary ~ run"), (KeyList{"ABC-1"}));        // "running"
  EXPECT_EQ(Keys("summary ~ crash"), (KeyList{"ABC-4"}));      // "crashes"
  EXPECT_EQ(Keys("summary ~ FAILING"), (KeyList{"ABC-5"}));    // case and form
  EXPECT_EQ(Keys("summary ~ dashboard"), (KeyList{"ABC-7"}));  // "Jira's dashboards"
  EXPECT_EQ(Keys("summary ~ jira"), (KeyList{"ABC-7"}));       // possessive 's
  EXPECT_EQ(Keys("summary ~ window"), (KeyList{"ABC-5"}));     // "Windows"
  EXPECT_EQ(Keys("summary ~ scree"), KeyList{});               // words, not substrings
}

TEST_F(TextSearchTest, SeveralWordsMeanAllOfThem) {
  EXPECT_EQ(Keys("summary ~ \"screen full\""), (KeyList{"ABC-2", "ABC-3"}));
  EXPECT_EQ(Keys("summary ~ \"screen editor\""), (KeyList{"ABC-2"}));
  EXPECT_EQ(Keys("summary ~ \"screen nothing\""), KeyList{});
}

TEST_F(TextSearchTest, StopWordsAreDropped) {
  EXPECT_EQ(Keys("summary ~ \"the app\""), (KeyList{"ABC-4"}));  // "the" is dropped
  EXPECT_EQ(Keys("summary ~ \"the\""), KeyList{});               // nothing left
  EXPECT_EQ(Keys("summary ~ \"\\\"the app\\\"\""), (KeyList{"ABC-4"}));
}

TEST_F(TextSearchTest, PhrasesNeedTheWordsSideBySide) {
  EXPECT_EQ(Keys("summary ~ \"\\\"full screen\\\"\""), (KeyList{"ABC-2"}));
  EXPECT_EQ(Keys("summary ~ \"\\\"screen full\\\"\""), KeyList{});
  // A stop word inside keeps its place: "of the running" needs a word between.
  EXPECT_EQ(Keys("summary ~ \"\\\"losses of the running\\\"\""), (KeyList{"ABC-1"}));
  EXPECT_EQ(Keys("summary ~ \"\\\"losses running\\\"\""), KeyList{});
  // A word analysis splits is a phrase: full-screen.
  EXPECT_EQ(Keys("description ~ \"full-screen\""), (KeyList{"ABC-2"}));
  // Proximity is read and ignored: still a phrase.
  EXPECT_EQ(Keys("summary ~ \"\\\"screen full\\\"~5\""), KeyList{});
  // A phrase never spans two fields of text.
  EXPECT_EQ(Keys("text ~ \"\\\"editor press\\\"\""), KeyList{});
  EXPECT_EQ(Keys("text ~ \"editor press\""), (KeyList{"ABC-2"}));
}

TEST_F(TextSearchTest, Wildcards) {
  EXPECT_EQ(Keys("summary ~ \"win*\""), (KeyList{"ABC-1", "ABC-5"}));  // win, window
  EXPECT_EQ(Keys("summary ~ \"scr*n\""), (KeyList{"ABC-2", "ABC-3"}));
  EXPECT_EQ(Keys("summary ~ \"ed?tor\""), (KeyList{"ABC-2"}));
  EXPECT_EQ(Keys("summary ~ \"ed?r\""), KeyList{});
  EXPECT_EQ(Keys("summary ~ \"WIND*\""), (KeyList{"ABC-5"}));  // lower-cased
  EXPECT_EQ(Keys("description ~ \"wind*\""), (KeyList{"ABC-5"}));
}

TEST_F(TextSearchTest, BooleanText) {
  EXPECT_EQ(Keys("summary ~ \"crash OR installer\""), (KeyList{"ABC-4", "ABC-5"}));
  EXPECT_EQ(Keys("summary ~ \"crash || installer\""), (KeyList{"ABC-4", "ABC-5"}));
  EXPECT_EQ(Keys("summary ~ \"screen AND editor\""), (KeyList{"ABC-2"}));
  EXPECT_EQ(Keys("summary ~ \"screen && editor\""), (KeyList{"ABC-2"}));
  EXPECT_EQ(Keys("summary ~ \"screen +editor\""), (KeyList{"ABC-2"}));
  EXPECT_EQ(Keys("summary ~ \"screen NOT editor\""), (KeyList{"ABC-3"}));
  EXPECT_EQ(Keys("summary ~ \"screen -editor\""), (KeyList{"ABC-3"}));
  EXPECT_EQ(Keys("summary ~ \"screen !editor\""), (KeyList{"ABC-3"}));
  EXPECT_EQ(Keys("summary ~ \"(crash OR installer) AND window\""), (KeyList{"ABC-5"}));
  EXPECT_EQ(Keys("summary ~ \"crash OR installer window\""), (KeyList{"ABC-4", "ABC-5"}));
  EXPECT_EQ(Keys("summary ~ \"-editor\""), KeyList{});  // exclusions alone: nothing
  EXPECT_EQ(Keys("summary ~ \"screen or editor\""), (KeyList{"ABC-2"}));  // "or" is a stop word
  // Fuzzy and boosts are read and ignored.
  EXPECT_EQ(Keys("summary ~ \"crash~ installer^2\""), KeyList{});
  EXPECT_EQ(Keys("summary ~ \"crash~0.8 OR installer^2\""), (KeyList{"ABC-4", "ABC-5"}));
}

TEST_F(TextSearchTest, EmailsUrlsAndNumbersAreWholeTokens) {
  EXPECT_EQ(Keys("comment ~ \"ops@example.com\""), (KeyList{"ABC-3"}));
  EXPECT_EQ(Keys("comment ~ ops"), KeyList{});
  EXPECT_EQ(Keys("comment ~ \"2.10\""), (KeyList{"ABC-3"}));
  EXPECT_EQ(Keys("description ~ \"https://jira.example.com/browse/ABC-1\""), (KeyList{"ABC-4"}));
  EXPECT_EQ(Keys("description ~ 95"), (KeyList{"ABC-5"}));
}

TEST_F(TextSearchTest, FieldsAndTheEmptyRule) {
  EXPECT_EQ(Keys("description ~ migration"), (KeyList{"ABC-6"}));
  EXPECT_EQ(Keys("text ~ migration"), (KeyList{"ABC-6"}));
  EXPECT_EQ(Keys("textfields ~ \"pointer window\""), (KeyList{"ABC-4"}));  // a custom text field
  EXPECT_EQ(Keys("\"Root Cause\" ~ pointer"), (KeyList{"ABC-4"}));
  EXPECT_EQ(Keys("cf[10050] !~ pointer"), KeyList{});  // only ABC-4 has one
  // !~ never matches an empty field.
  EXPECT_EQ(Keys("description !~ screen"), (KeyList{"ABC-4", "ABC-5", "ABC-6"}));
  EXPECT_EQ(Keys("summary !~ screen"), (KeyList{"ABC-1", "ABC-4", "ABC-5", "ABC-7"}));
  EXPECT_EQ(Keys("NOT summary ~ screen"), (KeyList{"ABC-1", "ABC-4", "ABC-5", "ABC-7"}));
  EXPECT_EQ(Keys("description ~ EMPTY"), (KeyList{"ABC-1", "ABC-3", "ABC-7"}));
  EXPECT_EQ(Keys("description IS NOT EMPTY AND description !~ \"full*\""),
            (KeyList{"ABC-4", "ABC-5", "ABC-6"}));
}

TEST_F(TextSearchTest, JirasMessages) {
  EXPECT_EQ(FirstError("summary ~ \"*screen\""),
            "The text query '*screen' for field 'summary' is not valid: the '*' and '?' are not "
            "allowed as first character in wildcard query.");
  EXPECT_EQ(FirstError("description ~ \"full ?creen\""),
            "The text query 'full ?creen' for field 'description' is not valid: the '*' and '?' "
            "are not allowed as first character in wildcard query.");
  for (const char* bad : {"foo AND", "OR foo", "(foo", "foo)", "()", "\\\"foo", "foo AND OR bar",
                          "[a TO b]", "foo^", "~foo", "-", "foo \\\\"}) {
    const std::string jql = std::string("summary ~ \"") + bad + "\"";
    const CompileResult compiled = engine_->Compile(jql, context_);
    ASSERT_FALSE(compiled.ok()) << jql;
    EXPECT_EQ(compiled.errors.front().message.substr(0, 25), "Unable to parse the text ")
        << jql << ": " << compiled.errors.front().message;
    EXPECT_NE(compiled.errors.front().message.find("for field 'summary'."), std::string::npos);
  }
  EXPECT_EQ(FirstError("summary ~ \"foo AND\""),
            "Unable to parse the text 'foo AND' for field 'summary'.");
  EXPECT_EQ(FirstError("summary ~ \"\""),
            "The field 'summary' does not support searching for an empty string.");
  EXPECT_EQ(FirstError("comment !~ \"  \""),
            "The field 'comment' does not support searching for an empty string.");
  EXPECT_EQ(FirstError("text !~ foo"), "The operator '!~' is not supported by the 'text' field.");
  EXPECT_EQ(FirstError("project ~ foo"),
            "The operator '~' is not supported by the 'project' field.");
  EXPECT_EQ(FirstError("summary ~ now()"), "Unable to find JQL function 'now()'.");
}

TEST_F(TextSearchTest, IndexesBuiltAheadAnswerAsBuiltOnFirstUse) {
  const std::vector<std::string> queries = {"summary ~ screen", "text ~ \"full screen\"",
                                            "comment ~ \"crash*\"", "description !~ screen"};
  std::vector<KeyList> lazy;
  for (const std::string& q : queries) lazy.push_back(Keys(q));
  Engine ahead(*store_);
  std::atomic<bool> stop{true};
  ahead.BuildIndexes(&stop);  // stopped before the first field: builds nothing
  ahead.BuildIndexes();
  for (size_t i = 0; i < queries.size(); ++i) {
    const CompileResult compiled = ahead.Compile(queries[i], context_);
    ASSERT_TRUE(compiled.ok()) << queries[i];
    KeyList keys;
    for (uint32_t row : ahead.Execute(*compiled.query).rows) keys.push_back(store_->Key(row));
    EXPECT_EQ(keys, lazy[i]) << queries[i];
  }
}

TEST_F(TextSearchTest, ExplainShowsTheIndex) {
  const CompileResult compiled = engine_->Compile("summary ~ \"\\\"full screen\\\"\"", context_);
  ASSERT_TRUE(compiled.ok());
  const std::string plan = engine_->Explain(*compiled.query);
  EXPECT_NE(plan.find("text index: 4 postings read, 2 rows checked for phrases"), std::string::npos)
      << plan;
  const auto reports = engine_->BuildTextIndexes();
  ASSERT_GE(reports.size(), 5u);
  EXPECT_EQ(reports[0].field, "summary");
  EXPECT_GT(reports[0].terms, 15u);
  EXPECT_GT(reports[0].bytes, 0u);
  EXPECT_EQ(reports.back().field, "Root Cause");
}

}  // namespace
}  // namespace jql
