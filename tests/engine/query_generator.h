// Random JQL over a store's own values, for differential tests: every operator, EMPTY
// and NOT, functions, text, history and ORDER BY. Deterministic for a seed.
#ifndef JQL_TESTS_ENGINE_QUERY_GENERATOR_H_
#define JQL_TESTS_ENGINE_QUERY_GENERATOR_H_

#include <cctype>
#include <random>
#include <string>
#include <vector>

#include "jql/ast.h"
#include "jql/issue_store.h"

namespace jql {

class QueryGenerator {
 public:
  QueryGenerator(const IssueStore& store, uint64_t seed) : store_(store), rng_(seed) {}

  std::string Query(int depth = 0) {
    const int r = Pick(10);
    if (depth < 3 && r < 3)
      return "(" + Query(depth + 1) + (Pick(2) ? " AND " : " OR ") + Query(depth + 1) + ")";
    if (depth < 3 && r < 4) return "NOT " + Query(depth + 1);
    return Leaf();
  }

  // One history clause alone, so that the fast path answers it from the history
  // index (inside an AND with few rows left it replays rows instead).
  std::string TextClause() { return Pick(4) == 0 ? "NOT " + Text() : Text(); }

  std::string HistoryClause() { return Pick(4) == 0 ? "NOT " + History() : History(); }

  std::string Order() {
    const char* keys[] = {"created", "priority",   "key", "assignee",
                          "status",  "fixVersion", "due", "updated"};
    std::string order = " ORDER BY ";
    order += keys[Pick(8)];
    if (Pick(2)) order += Pick(2) ? " ASC" : " DESC";
    if (Pick(3) == 0) order += std::string(", ") + keys[Pick(8)];
    return order;
  }

 private:
  int Pick(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(n)); }

  std::string Quote(const std::string& s) { return QuoteIfNeeded(s); }

  template <typename T, typename Name>
  std::string Some(const EntityTable<T>& table, Name name) {
    return table.size() == 0
               ? "x"
               : Quote(name(table[static_cast<Code>(Pick(static_cast<int>(table.size())))]));
  }

  std::string User() {
    return Some(store_.catalog().users, [](const jql::User& u) { return u.account_id; });
  }
  std::string Label() {
    return Some(store_.catalog().labels, [](const std::string& l) { return l; });
  }
  std::string Version() {
    return Some(store_.catalog().versions, [](const jql::Version& v) { return v.name; });
  }
  std::string Status() {
    return Some(store_.catalog().statuses, [](const IssueStatus& s) { return s.name; });
  }
  std::string Key() {
    return store_.rows() == 0
               ? "A-1"
               : store_.Key(static_cast<size_t>(Pick(static_cast<int>(store_.rows()))));
  }
  std::string Priority() {
    const char* p[] = {"Highest", "High", "Medium", "Low", "Lowest"};
    return p[Pick(5)];
  }
  std::string Date() {
    const char* d[] = {"-30d",
                       "-1w",
                       "\"-52w 2d\"",
                       "2019-03-01",
                       "\"2021/06/15 10:30\"",
                       "startOfMonth(-3)",
                       "endOfYear(-2)",
                       "now()",
                       "-2y",
                       "1600000000000",
                       "2024-02-29"};
    return d[Pick(11)];
  }
  // A date a function argument can hold (no function calls).
  std::string ArgumentDate() {
    std::string d;
    do d = Date();
    while (d.find('(') != std::string::npos);
    return d;
  }
  std::string List(std::string (QueryGenerator::*value)(), bool allow_empty) {
    std::string out = "(";
    const int n = 1 + Pick(3);
    for (int i = 0; i < n; ++i) {
      if (i) out += ", ";
      out += allow_empty && Pick(5) == 0 ? "EMPTY" : (this->*value)();
    }
    return out + ")";
  }

  std::string Leaf() {
    const char* eq[] = {" = ", " != "};
    const char* in[] = {" in ", " not in "};
    const char* cmp[] = {" < ", " <= ", " > ", " >= "};
    const char* is[] = {" is EMPTY", " is not EMPTY"};
    switch (Pick(21)) {
      case 19:
      case 20:
        return Text();
      case 16:
      case 17:
        return History();
      case 18:
        // Issue functions: leaves both evaluators compute (parent: on the parent).
        switch (Pick(4)) {
          case 0:
            return std::string(Pick(2) ? "key" : "parent") + in[Pick(2)] + "watchedIssues()";
          case 1:
            return std::string(Pick(2) ? "issue" : "parent") + in[Pick(2)] + "linkedIssues(" +
                   Key() + (Pick(2) ? ", \"blocks\"" : "") + ")";
          default:
            return std::string("key") + in[Pick(2)] + "updatedBy(" + User() +
                   (Pick(2) ? ", " + ArgumentDate() : "") + ")";
        }
      case 0:
        return std::string("assignee") + eq[Pick(2)] + (Pick(6) ? User() : "EMPTY");
      case 1:
        return std::string("assignee") + in[Pick(2)] + List(&QueryGenerator::User, true);
      case 2:
        return std::string("labels") + eq[Pick(2)] + Label();
      case 3:
        return std::string("labels") + in[Pick(2)] + List(&QueryGenerator::Label, true);
      case 4:
        return std::string(Pick(2) ? "labels" : "component") + is[Pick(2)];
      case 5:
        return std::string("priority") + (Pick(2) ? cmp[Pick(4)] : eq[Pick(2)]) + Priority();
      case 6:
        return std::string(Pick(2) ? "created" : "resolved") + cmp[Pick(4)] + Date();
      case 7:
        return std::string("due") + (Pick(2) ? is[Pick(2)] : std::string(cmp[Pick(4)]) + Date());
      case 8:
        return std::string("status") + (Pick(2)
                                            ? eq[Pick(2)] + Status()
                                            : in[Pick(2)] + List(&QueryGenerator::Status, false));
      case 9:
        return std::string("statusCategory") + eq[Pick(2)] + (Pick(2) ? "Done" : "\"In Progress\"");
      case 10:
        return std::string("resolution") +
               (Pick(2) ? eq[Pick(2)] + std::string("Unresolved") : is[Pick(2)]);
      case 11:
        return std::string("fixVersion") + (Pick(2) ? cmp[Pick(4)] + Version() : is[Pick(2)]);
      case 12:
        return std::string("key") + (Pick(2) ? eq[Pick(2)] + Key() : cmp[Pick(4)] + Key());
      case 13:
        return std::string("issuetype") + in[Pick(2)] +
               (Pick(2) ? "standardIssueTypes()" : "(Bug, Epic)");
      case 14:
        return std::string("sprint") +
               (Pick(2) ? in[Pick(2)] + std::string(Pick(2) ? "openSprints()" : "closedSprints()")
                        : is[Pick(2)]);
      default:
        return std::string("votes") + cmp[Pick(4)] + std::to_string(Pick(4));
    }
  }

  // A word from some issue's text (summary or, when there is one, description).
  std::string Word() {
    for (int attempt = 0; attempt < 20; ++attempt) {
      const auto row = static_cast<size_t>(Pick(static_cast<int>(store_.rows())));
      const std::string_view text =
          Pick(2) ? store_.text().summary.Get(row) : store_.text().description.Get(row);
      std::vector<std::string> words;
      std::string word;
      for (char c : std::string(text) + " ") {
        if (std::isalnum(static_cast<unsigned char>(c))) {
          word += c;
        } else if (!word.empty()) {
          words.push_back(word);
          word.clear();
        }
      }
      if (!words.empty()) return words[static_cast<size_t>(Pick(static_cast<int>(words.size())))];
    }
    return "crailis";
  }

  // Two words side by side in some summary.
  std::string Phrase() {
    const auto row = static_cast<size_t>(Pick(static_cast<int>(store_.rows())));
    const std::string summary(store_.text().summary.Get(row));
    const size_t space = summary.find(' ');
    if (space == std::string::npos) return Word();
    const size_t next = summary.find(' ', space + 1);
    return "\\\"" + summary.substr(0, next) + "\\\"";
  }

  // ~ and !~ with words, several words, phrases, wildcards and boolean text.
  std::string Text() {
    const char* fields[] = {"summary", "summary", "description", "comment", "text", "environment"};
    const std::string field = fields[Pick(6)];
    std::string query;
    switch (Pick(8)) {
      case 0:
        query = Word();
        break;
      case 1:
        query = Word() + " " + Word();
        break;
      case 2:
        query = Phrase();
        break;
      case 3: {
        const std::string w = Word();
        query = w.substr(0, 2 + static_cast<size_t>(Pick(3))) + "*";
        break;
      }
      case 4:
        query = Word() + " OR " + Word();
        break;
      case 5:
        query = Word() + (Pick(2) ? " -" : " NOT ") + Word();
        break;
      case 6:
        query = "(" + Word() + " || " + Word() + ") " + Word();
        break;
      default: {
        std::string w = Word();
        if (w.size() > 3) w[1 + static_cast<size_t>(Pick(static_cast<int>(w.size()) - 2))] = '?';
        query = w;
        break;
      }
    }
    const bool negated = field != "text" && Pick(4) == 0;
    return field + (negated ? " !~ \"" : " ~ \"") + query + "\"";
  }

  std::string Resolution() {
    return Some(store_.catalog().resolutions, [](const jql::Resolution& r) { return r.name; });
  }

  // WAS / WAS NOT / WAS IN / WAS NOT IN / CHANGED on the history fields, with up to
  // three predicates in any order.
  std::string History() {
    struct Field {
      const char* name;
      std::string (QueryGenerator::*value)();
      bool empty_ok;
    };
    const Field fields[] = {{"status", &QueryGenerator::Status, false},
                            {"assignee", &QueryGenerator::User, true},
                            {"priority", &QueryGenerator::Priority, true},
                            {"resolution", &QueryGenerator::Resolution, true},
                            {"fixVersion", &QueryGenerator::Version, true}};
    const Field& f = fields[Pick(5)];
    auto value = [&]() { return f.empty_ok && Pick(5) == 0 ? "EMPTY" : (this->*f.value)(); };
    std::string out = f.name;
    const bool changed = Pick(3) == 0;
    if (changed) {
      out += " CHANGED";
    } else {
      const char* ops[] = {" WAS ", " WAS NOT ", " WAS IN ", " WAS NOT IN "};
      const int op = Pick(4);
      out += ops[op];
      out += op < 2 ? value() : List(f.value, f.empty_ok);
    }
    const int predicates = Pick(4);
    for (int i = 0; i < predicates; ++i) {
      switch (Pick(changed ? 7 : 5)) {
        case 0:
          out += " AFTER " + Date();
          break;
        case 1:
          out += " BEFORE " + Date();
          break;
        case 2:
          out += " ON " + Date();
          break;
        case 3:
          out += " DURING (" + Date() + ", " + Date() + ")";
          break;
        case 4:
          out += Pick(3) == 0 ? " BY currentUser()"
                              : " BY " + (Pick(2) ? User() : List(&QueryGenerator::User, false));
          break;
        case 5:
          out += " FROM " + value();
          break;
        default:
          out += " TO " + value();
          break;
      }
    }
    return out;
  }

  const IssueStore& store_;
  std::mt19937_64 rng_;
};

}  // namespace jql

#endif  // JQL_TESTS_ENGINE_QUERY_GENERATOR_H_
