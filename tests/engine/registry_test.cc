// The field and function registries against the binder's answers and against
// Jira's documented tables (jql-language.md §5, transcribed here by hand, so the
// oracle does not share the registry it checks).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "function_registry.h"
#include "jql/engine.h"
#include "jql/fields.h"
#include "jql/generator.h"

namespace jql {
namespace {

using internal::FunctionDescriptor;
using internal::FunctionKind;
using internal::FunctionResult;
using internal::Functions;

constexpr Operator kAllOperators[] = {
    Operator::kEquals,   Operator::kNotEquals,   Operator::kLike,       Operator::kNotLike,
    Operator::kLessThan, Operator::kGreaterThan, Operator::kLessEquals, Operator::kGreaterEquals,
    Operator::kIn,       Operator::kNotIn,       Operator::kIs,         Operator::kIsNot,
    Operator::kWas,      Operator::kWasNot,      Operator::kWasIn,      Operator::kWasNotIn,
    Operator::kChanged};

// Jira's table as letters: E = != IN NOT IN, C ~ !~, L ~ alone, O < > <= >=, I IS
// [NOT], H WAS* and CHANGED.
OperatorSet FromLetters(const std::string& letters) {
  OperatorSet out;
  for (char c : letters) {
    switch (c) {
      case 'E':
        out = out |
              OperatorSet{Operator::kEquals, Operator::kNotEquals, Operator::kIn, Operator::kNotIn};
        break;
      case 'C':
        out = out | OperatorSet{Operator::kLike, Operator::kNotLike};
        break;
      case 'L':
        out = out | OperatorSet{Operator::kLike};
        break;
      case 'O':
        out = out | OperatorSet{Operator::kLessThan, Operator::kGreaterThan, Operator::kLessEquals,
                                Operator::kGreaterEquals};
        break;
      case 'I':
        out = out | OperatorSet{Operator::kIs, Operator::kIsNot};
        break;
      case 'H':
        out = out | OperatorSet{Operator::kWas, Operator::kWasNot, Operator::kWasIn,
                                Operator::kWasNotIn, Operator::kChanged};
        break;
    }
  }
  return out;
}

// jql-language.md §5, the system fields this store has. (Jira also lets key take ~
// with wildcards; that is not implemented and not listed here.)
const std::map<std::string, std::string> kJiraOperators = {
    {"project", "EI"},
    {"issuetype", "EI"},
    {"status", "EIH"},
    {"statuscategory", "E"},
    {"resolution", "EOIH"},
    {"priority", "EOIH"},
    {"assignee", "EIH"},
    {"reporter", "EIH"},
    {"creator", "EI"},
    {"created", "EOI"},
    {"updated", "EOI"},
    {"resolved", "EOI"},
    {"due", "EOI"},
    {"labels", "EI"},
    {"component", "EI"},
    {"fixversion", "EOIH"},
    {"affectedversion", "EOI"},
    {"sprint", "EI"},
    {"watcher", "EI"},
    {"watchers", "EO"},
    {"votes", "EO"},
    {"key", "EO"},
    {"parent", "E"},
    {"projecttype", "E"},
    {"hierarchylevel", "EO"},
    {"summary", "CI"},
    {"description", "CI"},
    {"environment", "CI"},
    {"comment", "C"},
    {"text", "L"},
};

// The custom field table of §5, by type.
const std::map<CustomFieldType, std::string> kJiraCustomOperators = {
    {CustomFieldType::kNumber, "EOI"},     {CustomFieldType::kDate, "EOI"},
    {CustomFieldType::kDateTime, "EOI"},   {CustomFieldType::kSelect, "EI"},
    {CustomFieldType::kMultiSelect, "EI"}, {CustomFieldType::kUser, "EI"},
    {CustomFieldType::kLabels, "EI"},      {CustomFieldType::kVersion, "EOI"},
    {CustomFieldType::kText, "CI"},
};

std::string Lower(std::string_view s) { return FoldCase(s); }

class RegistryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GenerateOptions options;
    options.issues = 500;
    options.seed = 7;
    options.history_per_issue = 1;
    auto generated = GenerateIssueStore(options);
    ASSERT_TRUE(generated.ok()) << generated.status().message();
    store_ = new IssueStore(std::move(*generated));
    engine_ = new Engine(*store_);
  }
  static void TearDownTestSuite() {
    delete engine_;
    delete store_;
  }

  // The clause `field op operand`, with an operand of the right shape for the op.
  static std::string Clause(const std::string& field, Operator op, const std::string& value) {
    std::string operand;
    switch (op) {
      case Operator::kIn:
      case Operator::kNotIn:
      case Operator::kWasIn:
      case Operator::kWasNotIn:
        operand = " (" + value + ")";
        break;
      case Operator::kIs:
      case Operator::kIsNot:
        operand = " EMPTY";
        break;
      case Operator::kChanged:
        break;
      default:
        operand = " " + value;
    }
    return field + " " + std::string(OperatorText(op)) + operand;
  }

  // Whether the binder refuses the operator for the field (and only for that reason
  // when it does).
  bool RefusesOperator(const std::string& jql) {
    QueryContext context;
    context.now_ms = 1764547200000;
    const CompileResult r = engine_->Compile(jql, context);
    for (const Diagnostic& d : r.errors) {
      if (d.message.find("' is not supported by the '") != std::string::npos) return true;
    }
    return false;
  }

  // The first error of a query that must not compile.
  std::string FirstError(const std::string& jql) {
    QueryContext context;
    context.now_ms = 1764547200000;
    const CompileResult r = engine_->Compile(jql, context);
    EXPECT_FALSE(r.ok()) << jql;
    return r.errors.empty() ? "" : r.errors.front().message;
  }

  static IssueStore* store_;
  static Engine* engine_;
};

IssueStore* RegistryTest::store_ = nullptr;
Engine* RegistryTest::engine_ = nullptr;

TEST_F(RegistryTest, SystemFieldOperatorsAreJirasDocumentedOnes) {
  size_t checked = 0;
  for (const FieldDescriptor& f : SystemFields()) {
    if (f.clause_names.empty()) continue;
    const std::string name = Lower(f.clause_names.front());
    const auto expected = kJiraOperators.find(name);
    ASSERT_NE(expected, kJiraOperators.end()) << name << " is not in Jira's table";
    for (Operator op : kAllOperators) {
      EXPECT_EQ(f.Supports(op), FromLetters(expected->second).Has(op))
          << name << " " << OperatorText(op);
    }
    ++checked;
  }
  EXPECT_EQ(checked, kJiraOperators.size());
}

TEST_F(RegistryTest, CustomFieldKindOperatorsAreJirasDocumentedOnes) {
  for (const auto& [type, letters] : kJiraCustomOperators) {
    for (Operator op : kAllOperators) {
      EXPECT_EQ(CustomFieldKind(type).Supports(op), FromLetters(letters).Has(op))
          << CustomFieldTypeName(type) << " " << OperatorText(op);
    }
  }
}

TEST_F(RegistryTest, TheBinderAcceptsExactlyEachDescriptorsOperators) {
  size_t clauses = 0;
  for (const FieldDescriptor& f : SystemFields()) {
    for (std::string_view clause_name : f.clause_names) {
      for (Operator op : kAllOperators) {
        const std::string jql = Clause(std::string(clause_name), op, "x");
        EXPECT_EQ(RefusesOperator(jql), !f.Supports(op)) << jql;
        ++clauses;
      }
    }
  }
  const Catalog& c = store_->catalog();
  ASSERT_GT(c.custom_fields.size(), 0u);
  for (const CustomField& def : c.custom_fields.items()) {
    for (Operator op : kAllOperators) {
      const std::string jql = Clause("cf[" + std::to_string(def.id) + "]", op, "x");
      EXPECT_EQ(RefusesOperator(jql), !CustomFieldKind(def.type).Supports(op)) << jql;
      ++clauses;
    }
  }
  EXPECT_GT(clauses, 500u);
}

TEST_F(RegistryTest, ClauseNamesAndIdsAreUniqueAndResolveToTheirField) {
  std::set<std::string> names, ids;
  for (const FieldDescriptor& f : SystemFields()) {
    EXPECT_TRUE(ids.insert(std::string(f.id)).second) << "id " << f.id << " twice";
    EXPECT_EQ(FindSystemFieldById(f.id), &f);
    for (std::string_view n : f.clause_names) {
      EXPECT_TRUE(names.insert(Lower(n)).second) << "clause name " << n << " twice";
      EXPECT_EQ(FindSystemField(n), &f) << n;
      EXPECT_EQ(FindSystemField(Lower(n)), &f) << n;  // case-insensitive
    }
    if (f.listed) {
      EXPECT_FALSE(f.name.empty()) << f.id;
      // What GET /field shows for a searchable field: its schema names its type.
      if (f.json != JsonEncoding::kNone) {
        EXPECT_FALSE(f.schema.type.empty()) << f.id;
      }
    }
    // A field is sortable exactly when its rule says how.
    if (f.sort == SortRule::kNone && !f.clause_names.empty()) {
      EXPECT_EQ(FirstError("ORDER BY " + std::string(f.clause_names.front())),
                "Field '" + std::string(f.clause_names.front()) + "' does not support sorting.");
    }
  }
  EXPECT_EQ(FindSystemField("nosuchfield"), nullptr);
}

TEST_F(RegistryTest, EveryHistoryFieldHasOneDescriptor) {
  for (HistoryField h :
       {HistoryField::kStatus, HistoryField::kAssignee, HistoryField::kReporter,
        HistoryField::kPriority, HistoryField::kResolution, HistoryField::kFixVersion}) {
    const FieldDescriptor& f = HistoryFieldDescriptor(h);
    ASSERT_TRUE(f.history.has_value());
    EXPECT_EQ(*f.history, h);
    EXPECT_TRUE(f.Supports(Operator::kWas) && f.Supports(Operator::kChanged)) << f.id;
  }
}

// A field each function applies to, for calls in tests.
std::string FieldFor(const FunctionDescriptor& fn) {
  if (fn.kind == FunctionKind::kIssues) return "issue";
  if (fn.kind == FunctionKind::kDate) return "created";
  switch (fn.dictionary) {
    case Dictionary::kUsers:
      return "assignee";
    case Dictionary::kVersions:
      return "fixVersion";
    case Dictionary::kSprints:
      return "sprint";
    case Dictionary::kIssueTypes:
      return "issuetype";
    case Dictionary::kComponents:
      return "component";
    case Dictionary::kProjects:
      return "project";
    default:
      return "";
  }
}

std::string Call(std::string_view name, size_t args) {
  std::string call = std::string(name) + "(";
  for (size_t i = 0; i < args; ++i) call += (i ? ", " : "") + std::string("a") + std::to_string(i);
  return call + ")";
}

TEST_F(RegistryTest, EveryFunctionGivesJirasArityMessage) {
  size_t calls = 0;
  for (const FunctionDescriptor& fn : Functions()) {
    const std::string field = FieldFor(fn);
    ASSERT_FALSE(field.empty()) << fn.names.front();
    const std::string op = fn.result == FunctionResult::kList ? " in " : " = ";
    for (std::string_view name : fn.names) {
      std::vector<size_t> wrong = {fn.max_args + 1};
      if (fn.min_args > 0) wrong.push_back(fn.min_args - 1);
      for (size_t n : wrong) {
        const std::string expected =
            fn.min_args == fn.max_args
                ? "Function '" + std::string(name) + "' expected '" + std::to_string(fn.min_args) +
                      "' arguments but received '" + std::to_string(n) + "'."
                : "Function '" + std::string(name) + "' expected between '" +
                      std::to_string(fn.min_args) + "' and '" + std::to_string(fn.max_args) +
                      "' arguments but received '" + std::to_string(n) + "'.";
        EXPECT_EQ(FirstError(field + op + Call(name, n)), expected) << name;
        ++calls;
      }
      // Names are case-insensitive; the message echoes the call as written.
      const std::string upper = [&] {
        std::string u(name);
        for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return u;
      }();
      EXPECT_NE(FirstError(field + op + Call(upper, fn.max_args + 1)).find("'" + upper + "'"),
                std::string::npos)
          << upper;
    }
  }
  EXPECT_GT(calls, 30u);
}

TEST_F(RegistryTest, ListAndSingleFunctionsTakeOnlyTheirOperators) {
  for (const FunctionDescriptor& fn : Functions()) {
    const std::string field = FieldFor(fn);
    const std::string call = Call(fn.names.front(), fn.min_args);
    const std::string jira_field =
        fn.kind == FunctionKind::kIssues ? "key" : std::string(FindSystemField(field)->jql_name);
    if (fn.result == FunctionResult::kList) {
      EXPECT_EQ(FirstError(field + " = " + call), "Operator '=' does not support the list value '" +
                                                      std::string(fn.names.front()) +
                                                      "()' for field '" + jira_field + "'.");
    } else if (fn.result == FunctionResult::kSingle) {
      EXPECT_EQ(FirstError(field + " in " + call),
                "Operator 'in' does not support the non-list value '" +
                    std::string(fn.names.front()) + "()' for field '" + jira_field + "'.");
    }
  }
}

TEST_F(RegistryTest, AFunctionOfAnotherFieldIsUnknownThere) {
  EXPECT_EQ(FirstError("priority in openSprints()"),
            "Unable to find JQL function 'openSprints()'.");
  EXPECT_EQ(FirstError("created = currentUser()"), "Unable to find JQL function 'currentUser()'.");
  EXPECT_EQ(FirstError("assignee in watchedIssues()"),
            "Unable to find JQL function 'watchedIssues()'.");
}

}  // namespace
}  // namespace jql
