// What the engine's table tests share: a hand-built store and its engine, a query
// context, and checks that run each query through both evaluators (which must agree).
#ifndef JQL_TESTS_ENGINE_ENGINE_TEST_BASE_H_
#define JQL_TESTS_ENGINE_ENGINE_TEST_BASE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "jql/engine.h"

namespace jql::testing_util {

using KeyList = std::vector<std::string>;

class EngineTestBase : public testing::Test {
 protected:
  // ABC ("Alphabet", id 1), the software project the hand-built stores start with.
  static void AddAlphabetProject(Catalog& c) {
    Project abc;
    abc.id = 1;
    abc.key = "ABC";
    abc.name = "Alphabet";
    abc.type = ProjectType::kSoftware;
    c.AddProject(abc);
  }

  // Builds the store (failing the test if it cannot) and its engine.
  void Use(IssueStoreBuilder& builder) {
    auto built = builder.Build();
    ASSERT_TRUE(built.ok()) << built.status().message();
    store_ = std::make_unique<IssueStore>(std::move(built).value());
    engine_ = std::make_unique<Engine>(*store_);
  }

  // Keys of the matching issues, from the fast evaluator after checking that the
  // reference evaluator returns the same rows.
  KeyList Keys(const std::string& jql) {
    const CompileResult compiled = engine_->Compile(jql, context_);
    EXPECT_TRUE(compiled.ok()) << jql << ": "
                               << (compiled.errors.empty() ? "" : compiled.errors.front().message);
    if (!compiled.ok()) return {"<error>"};
    const QueryResult fast = engine_->Execute(*compiled.query);
    const QueryResult slow = engine_->ExecuteReference(*compiled.query);
    EXPECT_EQ(fast.rows, slow.rows) << jql;
    KeyList keys;
    for (uint32_t row : fast.rows) keys.push_back(store_->Key(row));
    return keys;
  }

  // The first error of a query that must not compile.
  std::string FirstError(const std::string& jql) {
    const CompileResult compiled = engine_->Compile(jql, context_);
    EXPECT_FALSE(compiled.ok()) << jql;
    return compiled.errors.empty() ? "" : compiled.errors.front().message;
  }

  std::unique_ptr<IssueStore> store_;
  std::unique_ptr<Engine> engine_;
  QueryContext context_;
};

}  // namespace jql::testing_util

#endif  // JQL_TESTS_ENGINE_ENGINE_TEST_BASE_H_
