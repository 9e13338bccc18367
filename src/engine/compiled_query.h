// The bound and planned form of a query: a tree of AND and OR over leaves, with NOT
// already pushed into the leaves (Jira's De Morgan rule with operator flips), and
// every name resolved to dictionary codes, rows or int64 ranges.
#ifndef JQL_SRC_ENGINE_COMPILED_QUERY_H_
#define JQL_SRC_ENGINE_COMPILED_QUERY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "jql/engine.h"
#include "jql/fields.h"

namespace jql {
namespace internal {

struct TextQuery;  // text_query.h

// A set of dictionary codes, possibly with EMPTY, that a history predicate or value
// names. `any` (the default) stands for every value: the predicate was not given.
struct CodeSet {
  bool any = true;
  std::vector<bool> codes;  // indexed by code
  bool empty = false;       // EMPTY is in the set

  bool Has(int64_t code) const {
    if (any) return true;
    if (code < 0) return empty;
    return static_cast<size_t>(code) < codes.size() && codes[static_cast<size_t>(code)];
  }
  // Keeps only what both sets hold (a predicate given twice must hold twice).
  void Intersect(const CodeSet& other) {
    if (other.any) return;
    if (any) {
      *this = other;
      return;
    }
    for (size_t c = 0; c < codes.size(); ++c)
      codes[c] = codes[c] && c < other.codes.size() && other.codes[c];
    empty = empty && other.empty;
  }
};

// A search of the change history (WAS, CHANGED), as the binder resolved it.
// Times are half-open: [after, before).
struct HistorySearch {
  enum class Kind : uint8_t {
    kWas,      // the field held a value of `values` at some moment in the window
    kChanged,  // one change of the field matches every predicate
  };
  Kind kind = Kind::kWas;
  HistoryField field = HistoryField::kStatus;
  CodeSet values;        // WAS: the values (never `any`)
  CodeSet from, to, by;  // CHANGED FROM / TO, BY (a user's change; for WAS who set the value)
  int64_t after = INT64_MIN;
  int64_t before = INT64_MAX;

  bool Timed() const { return after != INT64_MIN || before != INT64_MAX; }
};

struct Leaf {
  enum class Kind : uint8_t {
    kAnyOf,     // a value in `codes`, or the field is empty and `match_empty`
    kNoneOf,    // the field has a value and none is in `codes` (never matches empty)
    kEmpty,     // the field has no value
    kNotEmpty,  // the field has a value
    kRange,     // a value in [lo, hi] (`inside`) or outside it (!inside); never empty
    kKeyRange,  // the project is `project` and its key number is in [lo, hi]
                // (`inside`), or not (!inside)
    kRows,      // the row is in `rows` (or, for !inside, not in them)
    kText,      // the text matches `text` (or, for !inside, does not); never empty text
    kHistory,   // the change history matches `history` (or, for !inside, does not)
    // Issues a function computes from the data, evaluated like any other leaf (for
    // column kParent, on the row's parent: false without one); !inside negates.
    kWatchedBy,   // a user of `codes` watches the issue (watchedIssues())
    kUpdatedBy,   // a user of `codes` created or changed it in [lo, hi) (updatedBy())
    kLinkedWith,  // it has a link with rows[0] whose (type, direction seen from rows[0])
                  // is in `codes` at 2 * type + outward (linkedIssues()); empty codes: any
    kFalse,
    kTrue,
  };
  Kind kind = Kind::kFalse;
  const FieldDescriptor* field = nullptr;  // the field the clause names; null for constants
  ColumnId column = ColumnId::kProject;
  int custom = -1;          // index into IssueColumns::custom
  std::vector<bool> codes;  // indexed by code
  bool match_empty = false;
  int64_t lo = 0, hi = 0;
  bool inside = true;
  Code project = kNoCode;
  std::vector<uint32_t> rows;  // sorted
  std::shared_ptr<const TextQuery> text;
  std::shared_ptr<const HistorySearch> history;
  std::string label;  // the clause as written, for explain
};

struct Node {
  enum class Kind : uint8_t { kAnd, kOr, kLeaf };
  Kind kind = Kind::kLeaf;
  std::vector<Node> children;
  Leaf leaf;
  double estimate = 1.0;  // planner's estimated fraction of rows
};

struct SortKey {
  const FieldDescriptor* field = nullptr;
  ColumnId column = ColumnId::kKey;
  int custom = -1;
  bool descending = false;
};

}  // namespace internal

class CompiledQuery {
 public:
  std::string text;
  bool match_all = true;  // no where clause
  internal::Node root;
  std::vector<internal::SortKey> order;  // empty: issue id ascending (our default)
};

}  // namespace jql

#endif  // JQL_SRC_ENGINE_COMPILED_QUERY_H_
