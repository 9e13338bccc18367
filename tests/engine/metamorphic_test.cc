// Metamorphic relations over generated data, for every field the binder knows and
// every operator it accepts on that field. The fast and the reference evaluators
// share the binder, so a binder that reads `id <= 10` as `id != 10` passes the
// differential test; these relations need no second implementation and catch it:
//   complement  A and NOT A never overlap, and with the field's empty issues they
//               are every visible issue (Jira's empty rule);
//   order       `f <= v` over values v is a chain (each set holds the smaller), and
//               `f <= v` with `f > v` is every issue with a value (disjoint when the
//               field holds one value);
//   lists       `f in (a, b)` = `f = a OR f = b`, `f not in (a, b)` = `f != a AND
//               f != b`;
//   boolean     `A AND B` ⊆ A ⊆ `A OR B`;
//   order by    ORDER BY never changes what matches;
//   archive     a preview never selects an issue the query does not match.
// Bounded by count: a few values per field and operator on 3,000 issues.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "jql/engine.h"
#include "jql/fields.h"
#include "jql/generator.h"

namespace jql {
namespace {

using Rows = std::vector<uint32_t>;

class MetamorphicTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GenerateOptions options;
    options.issues = 3000;
    options.seed = 20261201;
    options.history_per_issue = 2;
    auto generated = GenerateIssueStore(options);
    ASSERT_TRUE(generated.ok()) << generated.status().message();
    store_ = new IssueStore(std::move(*generated));
    // Some archived issues, which no query may see.
    std::vector<uint32_t> archived;
    for (uint32_t row = 7; row < store_->rows(); row += 97) archived.push_back(row);
    store_->SetArchived(archived, true);
    engine_ = new Engine(*store_);
  }
  static void TearDownTestSuite() {
    delete engine_;
    delete store_;
  }

  void SetUp() override {
    context_.now_ms = 1764547200000;  // 2025-12-01, fixed so that runs repeat
    context_.current_user =
        store_->catalog().users.size() ? store_->catalog().users[0].account_id : std::string();
    for (uint32_t row = 0; row < store_->rows(); ++row)
      if (!store_->IsArchived(row)) visible_.push_back(row);
  }

  // The matching rows, sorted; nullopt when the query does not compile. The fast
  // and the reference evaluators must agree on every query run here.
  std::optional<Rows> Run(const std::string& jql) {
    const CompileResult compiled = engine_->Compile(jql, context_);
    if (!compiled.ok()) return std::nullopt;
    ++queries_;
    Rows fast = engine_->Execute(*compiled.query).rows;
    Rows reference = engine_->ExecuteReference(*compiled.query).rows;
    std::sort(fast.begin(), fast.end());
    std::sort(reference.begin(), reference.end());
    EXPECT_EQ(fast, reference) << jql;
    return fast;
  }

  Rows MustRun(const std::string& jql) {
    const CompileResult compiled = engine_->Compile(jql, context_);
    EXPECT_TRUE(compiled.ok()) << jql << ": "
                               << (compiled.errors.empty() ? "" : compiled.errors[0].message);
    auto rows = Run(jql);
    return rows ? *rows : Rows{};
  }

  static Rows Union(const Rows& a, const Rows& b) {
    Rows out;
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
  }
  static Rows Intersection(const Rows& a, const Rows& b) {
    Rows out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
  }
  static bool Subset(const Rows& a, const Rows& b) {
    return std::includes(b.begin(), b.end(), a.begin(), a.end());
  }

  int Pick(size_t n) { return n == 0 ? 0 : static_cast<int>(rng_() % n); }
  template <typename T, typename Name>
  std::string Some(const EntityTable<T>& table, Name name) {
    if (table.size() == 0) return "x";
    return QuoteIfNeeded(name(table[static_cast<Code>(Pick(table.size()))]));
  }
  std::string IdValue() {
    return std::to_string(
        store_->columns().id.values.Get(static_cast<size_t>(Pick(store_->rows()))));
  }
  std::string AnyRowKey() { return store_->Key(static_cast<size_t>(Pick(store_->rows()))); }
  std::string Word(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (char c : std::string(text) + " ") {
      if (std::isalpha(static_cast<unsigned char>(c))) {
        word += c;
      } else if (!word.empty()) {
        if (word.size() > 2) words.push_back(word);
        word.clear();
      }
    }
    return words.empty() ? "issue" : words[static_cast<size_t>(Pick(words.size()))];
  }

  // A value literal for a field's clause name (system fields by their first name).
  std::string ValueFor(const std::string& field) {
    const Catalog& c = store_->catalog();
    static const char* kDates[] = {"-30d", "-26w",         "\"-52w 2d\"", "2021-03-01",
                                   "-2y",  "2024-02-29",   "-1w",         "\"2023/06/15 10:30\"",
                                   "-10d", "startOfYear()"};
    if (field == "project") return Some(c.projects, [](const Project& p) { return p.key; });
    if (field == "issuetype") return Some(c.issue_types, [](const IssueType& t) { return t.name; });
    if (field == "status") return Some(c.statuses, [](const IssueStatus& s) { return s.name; });
    if (field == "statuscategory") {
      const char* categories[] = {"\"To Do\"", "\"In Progress\"", "Done"};
      return categories[Pick(3)];
    }
    if (field == "resolution")
      return Some(c.resolutions, [](const Resolution& r) { return r.name; });
    if (field == "priority") return Some(c.priorities, [](const Priority& p) { return p.name; });
    if (field == "assignee" || field == "reporter" || field == "creator" || field == "watcher")
      return Some(c.users, [](const User& u) { return u.account_id; });
    if (field == "created" || field == "updated" || field == "resolved" || field == "due")
      return kDates[Pick(std::size(kDates))];
    if (field == "labels") return Some(c.labels, [](const std::string& l) { return l; });
    if (field == "component") return Some(c.components, [](const Component& x) { return x.name; });
    if (field == "fixversion" || field == "affectedversion")
      return Some(c.versions, [](const Version& v) { return v.name; });
    if (field == "sprint") return Some(c.sprints, [](const Sprint& s) { return s.name; });
    if (field == "watchers" || field == "votes") return std::to_string(Pick(6));
    if (field == "key") {
      // Keys, and ids as numbers and as quoted numbers.
      const auto row = static_cast<size_t>(Pick(store_->rows()));
      const std::string id = std::to_string(store_->columns().id.values.Get(row));
      const int form = Pick(4);
      return form == 0 ? id : form == 1 ? "\"" + id + "\"" : store_->Key(row);
    }
    if (field == "parent") return AnyRowKey();
    if (field == "projecttype") {
      const char* types[] = {"software", "business", "service_desk", "product_discovery"};
      return types[Pick(4)];
    }
    if (field == "hierarchylevel") return std::to_string(Pick(3) - 1);
    const auto row = static_cast<size_t>(Pick(store_->rows()));
    const TextColumns& t = store_->text();
    if (field == "summary" || field == "text") return "\"" + Word(t.summary.Get(row)) + "\"";
    if (field == "description") return "\"" + Word(t.description.Get(row)) + "\"";
    if (field == "environment") return "\"" + Word(t.environment.Get(row)) + "\"";
    if (field == "comment") return "\"" + Word(t.comments.Get(row)) + "\"";
    ADD_FAILURE() << "no values for the field '" << field
                  << "': add it here so the metamorphic relations cover it";
    return "x";
  }

  std::string CustomValueFor(const CustomField& def) {
    switch (def.type) {
      case CustomFieldType::kNumber:
        return std::to_string(Pick(100));
      case CustomFieldType::kDate:
      case CustomFieldType::kDateTime:
        return ValueFor("created");
      case CustomFieldType::kUser:
        return ValueFor("assignee");
      case CustomFieldType::kVersion:
        return ValueFor("fixversion");
      case CustomFieldType::kText:
        return "\"" + Word(store_->text().summary.Get(static_cast<size_t>(Pick(store_->rows())))) +
               "\"";
      default:  // select, multi-select and labels: the field's own options
        return def.options.empty()
                   ? "x"
                   : QuoteIfNeeded(def.options[static_cast<size_t>(Pick(def.options.size()))]);
    }
  }

  // The rows whose field is empty: `f is EMPTY` where the field allows it; the text
  // fields that refuse it are read from the store; the others are never empty.
  Rows EmptyRows(const std::string& field) {
    if (auto rows = Run(field + " is EMPTY")) return *rows;
    Rows out;
    if (field == "parent") {  // refuses EMPTY in Jira, yet top-level issues have none
      for (uint32_t row : visible_)
        if (!store_->columns().parent.IsValid(row)) out.push_back(row);
      return out;
    }
    const TextColumns& t = store_->text();
    const TextColumn* text = field == "summary"   ? &t.summary
                             : field == "comment" ? &t.comments
                                                  : nullptr;
    if (text == nullptr) return out;
    for (uint32_t row : visible_) {
      const std::string_view v = text->Get(row);
      if (v.find_first_not_of('\n') == std::string_view::npos) out.push_back(row);
    }
    return out;
  }

  // All relations for one field, `value` giving its literals. `single_valued`: the
  // field holds one value at most. `chain_ordered`: its order is one order over all
  // values (versions are ordered within their project, keys within theirs).
  void CheckField(const std::string& field, const std::function<std::string()>& value,
                  bool single_valued, bool chain_ordered = true) {
    SCOPED_TRACE("field " + field);
    const size_t before = queries_;
    const Rows empty = EmptyRows(field);
    const Rows non_empty = [&] {
      Rows out;
      std::set_difference(visible_.begin(), visible_.end(), empty.begin(), empty.end(),
                          std::back_inserter(out));
      return out;
    }();
    static const char* kOperators[] = {"=", "!=", "in", "not in", "<", "<=", ">", ">=", "~", "!~"};
    for (int round = 0; round < 3; ++round) {
      const std::string v = value();
      const std::string w = value();
      // Complement, for every operator the field accepts.
      for (const char* op : kOperators) {
        const bool list = std::string_view(op).find("in") != std::string_view::npos;
        // Jira pushes NOT into a clause by flipping its operator (`NOT f < v` is
        // `f >= v`), which on a field holding several values is no complement: an
        // issue with versions 1.0 and 3.0 is both `< 2.0` and `>= 2.0`.
        if (!single_valued && (op[0] == '<' || op[0] == '>')) continue;
        const std::string a = field + " " + op + " " + (list ? "(" + v + ", " + w + ")" : v);
        const auto rows_a = Run(a);
        if (!rows_a) continue;
        const auto rows_not = Run("NOT (" + a + ")");
        if (!rows_not) continue;  // e.g. `text !~` does not exist
        EXPECT_TRUE(Intersection(*rows_a, *rows_not).empty()) << a << " overlaps its NOT";
        EXPECT_EQ(Union(Union(*rows_a, *rows_not), empty), visible_)
            << a << " with its NOT and the empty issues is not every issue";
        EXPECT_TRUE(Intersection(*rows_a, empty).empty()) << a << " matched an empty field";
      }
      // Order: a chain over values, and <= with > covers the issues with a value.
      if (!chain_ordered) {
        if (auto le_v = Run(field + " <= " + v)) {
          EXPECT_TRUE(Subset(MustRun(field + " < " + v), *le_v)) << field << " < within <=";
        }
      } else if (auto le_v = Run(field + " <= " + v)) {
        const Rows gt_v = MustRun(field + " > " + v);
        const Rows lt_v = MustRun(field + " < " + v);
        const Rows ge_v = MustRun(field + " >= " + v);
        const Rows le_w = MustRun(field + " <= " + w);
        EXPECT_TRUE(Subset(*le_v, le_w) || Subset(le_w, *le_v))
            << field << " <= " << v << " and <= " << w << " are not nested";
        EXPECT_TRUE(Subset(lt_v, *le_v)) << field << " < " << v << " is not within <=";
        EXPECT_EQ(Union(*le_v, gt_v), non_empty) << field << " <= / > " << v;
        EXPECT_EQ(Union(lt_v, ge_v), non_empty) << field << " < / >= " << v;
        if (single_valued) {
          EXPECT_TRUE(Intersection(*le_v, gt_v).empty()) << field << " <= and > " << v;
          EXPECT_TRUE(Intersection(lt_v, ge_v).empty()) << field << " < and >= " << v;
        }
      }
      // Lists are their ORs and ANDs.
      if (auto in = Run(field + " in (" + v + ", " + w + ")")) {
        EXPECT_EQ(*in, MustRun(field + " = " + v + " OR " + field + " = " + w)) << field << " in";
        if (auto not_in = Run(field + " not in (" + v + ", " + w + ")")) {
          EXPECT_EQ(*not_in, MustRun(field + " != " + v + " AND " + field + " != " + w))
              << field << " not in";
        }
      }
      // Boolean and ORDER BY, with a clause of another field, and the archive rule.
      const std::string op = Run(field + " = " + v) ? " = " : " ~ ";
      const std::string a = field + op + v;
      if (auto rows_a = Run(a)) {
        const std::string b = "project = " + ValueFor("project");
        const Rows both = MustRun(a + " AND " + b);
        const Rows either = MustRun(a + " OR " + b);
        EXPECT_TRUE(Subset(both, *rows_a)) << a << " AND " << b;
        EXPECT_TRUE(Subset(*rows_a, either)) << a << " OR " << b;
        for (const char* order : {" ORDER BY created DESC", " ORDER BY key", " ORDER BY priority"})
          EXPECT_EQ(MustRun(a + order), *rows_a) << a << order;
        const CompileResult compiled = engine_->Compile(a, context_);
        const ArchiveSelection selection = engine_->SelectForArchive(*compiled.query);
        Rows selected = selection.rows;
        std::sort(selected.begin(), selected.end());
        EXPECT_TRUE(Subset(selected, *rows_a)) << "archive of " << a << " took unmatched issues";
        EXPECT_EQ(selection.matched, rows_a->size()) << a;
        EXPECT_LE(selection.rows.size(), selection.matched) << a;
      }
    }
    EXPECT_GT(queries_, before + 6) << "too few queries compiled for " << field;
    ++fields_checked_;
  }

  static IssueStore* store_;
  static Engine* engine_;
  QueryContext context_;
  Rows visible_;
  std::mt19937_64 rng_{7};
  size_t queries_ = 0;
  size_t fields_checked_ = 0;
};

IssueStore* MetamorphicTest::store_ = nullptr;
Engine* MetamorphicTest::engine_ = nullptr;

// Fields that hold one value at most; the others (labels, versions, ...) hold lists.
bool SingleValued(const std::string& field) {
  static const std::set<std::string> kMulti = {"labels",          "component", "fixversion",
                                               "affectedversion", "sprint",    "watcher"};
  return !kMulti.contains(field);
}

TEST_F(MetamorphicTest, EverySystemFieldAndItsAliases) {
  for (const FieldDescriptor& descriptor : SystemFields()) {
    if (descriptor.clause_names.empty()) continue;  // not searchable
    std::vector<std::string> names;
    for (std::string_view name : descriptor.clause_names) names.push_back(FoldCase(name));
    const std::string& field = names.front();
    if (field == "key") {
      // Ordered as ids (one order); key ranges stay in their project, checked below.
      CheckField(
          field, [&] { return IdValue(); }, true);
      CheckField(
          field, [&] { return ValueFor(field); }, true, false);
    } else {
      const bool versions = field == "fixversion" || field == "affectedversion";
      CheckField(
          field, [&] { return ValueFor(field); }, SingleValued(field), !versions);
    }
    // Every alias means the same: the same rows for the same clause.
    for (size_t i = 1; i < names.size(); ++i) {
      const std::string v = ValueFor(field);
      const auto canonical = Run(field + " = " + v);
      if (!canonical) continue;
      EXPECT_EQ(MustRun(names[i] + " = " + v), *canonical) << names[i] << " is not " << field;
    }
  }
  std::printf("metamorphic: %zu system fields, %zu queries\n", fields_checked_, queries_);
}

TEST_F(MetamorphicTest, EveryCustomField) {
  const Catalog& c = store_->catalog();
  ASSERT_GT(c.custom_fields.size(), 0u) << "the generated data has no custom fields";
  for (Code i = 0; i < c.custom_fields.size(); ++i) {
    const CustomField& def = c.custom_fields[i];
    const bool single =
        def.type != CustomFieldType::kMultiSelect && def.type != CustomFieldType::kLabels;
    CheckField(
        "cf[" + std::to_string(def.id) + "]", [&] { return CustomValueFor(def); }, single,
        def.type != CustomFieldType::kVersion);
  }
  std::printf("metamorphic: %zu custom fields, %zu queries\n", fields_checked_, queries_);
}

TEST_F(MetamorphicTest, IdRangesAreRangesAndKeyRangesStayInTheirProject) {
  // The finding that started this suite: `id <= 10` archived all issues but one.
  const IntColumn& ids = store_->columns().id;
  std::vector<int64_t> sorted;
  for (uint32_t row : visible_) sorted.push_back(ids.values.Get(row));
  std::sort(sorted.begin(), sorted.end());
  const int64_t tenth = sorted[9];
  for (const std::string field : {"id", "key", "issue", "issuekey"}) {
    EXPECT_EQ(MustRun(field + " <= " + std::to_string(tenth)).size(), 10u) << field;
    EXPECT_EQ(MustRun(field + " < " + std::to_string(tenth)).size(), 9u) << field;
    EXPECT_EQ(MustRun(field + " > " + std::to_string(tenth)).size(), visible_.size() - 10) << field;
    EXPECT_EQ(MustRun(field + " >= \"" + std::to_string(tenth) + "\"").size(), visible_.size() - 9)
        << field;
  }
  const CompileResult archive = engine_->Compile("id <= " + std::to_string(tenth), context_);
  ASSERT_TRUE(archive.ok());
  EXPECT_LE(engine_->SelectForArchive(*archive.query).rows.size(), 10u);
  // key > P-5: P's issues numbered above 5, and NOT of it keeps the other projects.
  const std::string key = store_->Key(visible_[0]);
  const std::string project = key.substr(0, key.rfind('-'));
  const Rows above = MustRun("key > " + project + "-5");
  for (uint32_t row : above) {
    const std::string k = store_->Key(row);
    EXPECT_EQ(k.substr(0, k.rfind('-')), project);
    EXPECT_GT(std::stoll(k.substr(k.rfind('-') + 1)), 5);
  }
  EXPECT_EQ(MustRun("NOT key > " + project + "-5").size() + above.size(), visible_.size());
  const CompileResult function = engine_->Compile("issue < linkedIssues(" + key + ")", context_);
  ASSERT_FALSE(function.ok());
  EXPECT_EQ(function.errors[0].message,
            "The operator '<' is not supported by the 'linkedIssues' function.");
}

// Issue functions are leaves both evaluators run; their answers are checked here
// against the raw columns, read without the engine.
TEST_F(MetamorphicTest, IssueFunctionsMatchTheColumnsTheyRead) {
  const IssueColumns& c = store_->columns();
  // The caller: the first watcher of the first watched issue.
  ASSERT_TRUE(c.watchers.present());
  size_t first_watched = 0;
  while (first_watched < store_->rows() && c.watchers.Count(first_watched) == 0) ++first_watched;
  ASSERT_LT(first_watched, store_->rows()) << "the generated data has no watchers";
  const auto me = static_cast<Code>(c.watchers.codes().Get(c.watchers.Begin(first_watched)));
  context_.current_user = store_->catalog().users[me].account_id;
  auto watched = [&](size_t row) {
    const MultiColumn& w = c.watchers;
    if (!w.present()) return false;
    for (uint32_t i = 0; i < w.Count(row); ++i)
      if (static_cast<Code>(w.codes().Get(w.Begin(row) + i)) == me) return true;
    return false;
  };
  Rows mine, not_mine, parent_mine;
  for (uint32_t row : visible_) {
    (watched(row) ? mine : not_mine).push_back(row);
    if (c.parent.IsValid(row) && watched(static_cast<size_t>(c.parent.values.Get(row))))
      parent_mine.push_back(row);
  }
  ASSERT_FALSE(mine.empty()) << "the generated user watches nothing";
  EXPECT_EQ(MustRun("issue in watchedIssues()"), mine);
  EXPECT_EQ(MustRun("issue not in watchedIssues()"), not_mine);  // unwatched issues too
  EXPECT_EQ(MustRun("watcher = currentUser()"), mine);
  EXPECT_EQ(MustRun("parent in watchedIssues()"), parent_mine);
  EXPECT_EQ(MustRun("issue in (watchedIssues(), " + store_->Key(not_mine[0]) + ")"),
            Union(mine, Rows{not_mine[0]}));

  // linkedIssues(K): the other ends of K's links, read from the link table.
  const Links& links = store_->links();
  size_t linked_row = 0;
  while (linked_row < store_->rows() &&
         links.row_begin.Get(linked_row) == links.row_begin.Get(linked_row + 1))
    ++linked_row;
  ASSERT_LT(linked_row, store_->rows()) << "the generated data has no links";
  // The type's name matches links of either direction.
  const std::string type_name = store_->catalog()
                                    .link_types[static_cast<Code>(links.type.Get(
                                        static_cast<size_t>(links.row_begin.Get(linked_row))))]
                                    .name;
  Rows linked, typed;
  for (int64_t i = links.row_begin.Get(linked_row); i < links.row_begin.Get(linked_row + 1); ++i) {
    const auto k = static_cast<size_t>(i);
    const auto other = static_cast<uint32_t>(links.other.Get(k));
    if (store_->IsArchived(other)) continue;
    linked.push_back(other);
    if (store_->catalog().link_types[static_cast<Code>(links.type.Get(k))].name == type_name)
      typed.push_back(other);
  }
  for (Rows* rows : {&linked, &typed}) {
    std::sort(rows->begin(), rows->end());
    rows->erase(std::unique(rows->begin(), rows->end()), rows->end());
  }
  const std::string key = store_->Key(linked_row);
  EXPECT_EQ(MustRun("issue in linkedIssues(" + key + ")"), linked);
  EXPECT_EQ(MustRun("issue not in linkedIssues(" + key + ")").size() + linked.size(),
            visible_.size());
  EXPECT_EQ(MustRun("issue in linkedIssues(" + key + ", \"" + type_name + "\")"), typed);
  EXPECT_TRUE(MustRun("issue in linkedIssues(" + key + ", \"no such link type\")").empty());

  // updatedBy(u): issues u created or changed, read from the creator and history.
  const History& h = store_->history();
  Rows updated;
  for (uint32_t row : visible_) {
    bool hit = c.creator.IsValid(row) && static_cast<Code>(c.creator.values.Get(row)) == me;
    for (int64_t i = h.row_begin.Get(row); !hit && i < h.row_begin.Get(row + 1); ++i)
      hit = h.author.Get(static_cast<size_t>(i)) == static_cast<int64_t>(me);
    if (hit) updated.push_back(row);
  }
  EXPECT_EQ(MustRun("issue in updatedBy(\"" + context_.current_user + "\")"), updated);
  EXPECT_EQ(
      MustRun("issue not in updatedBy(\"" + context_.current_user + "\")").size() + updated.size(),
      visible_.size());

  // Explain names the function instead of listing rows.
  const CompileResult compiled = engine_->Compile("issue in watchedIssues()", context_);
  ASSERT_TRUE(compiled.ok());
  EXPECT_NE(engine_->Explain(*compiled.query).find("watchedIssues()"), std::string::npos);
}

}  // namespace
}  // namespace jql
