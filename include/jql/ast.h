// The JQL abstract syntax tree.
//
// A Query is what the parser returns for syntactically valid JQL: a where clause
// (or none, which matches everything) and an optional ORDER BY. Nodes are small
// immutable values shared through std::shared_ptr<const ...>, so a Query is cheap to
// copy and safe to read from any number of threads. Every node that can be pointed at
// carries a NodeId; the source range of each id lives in the Query's side table
// (Query::Range), so the tree itself compares equal regardless of spelling: parsing
// "a=b" and "A = 'b'" can give equal trees (field names keep their spelling).
//
// AND and OR are n-ary: a chain of the same connective is one node, with or without
// parentheses, as in Jira's own parse output. NOT is kept as written; the planner
// pushes it down.
#ifndef JQL_AST_H_
#define JQL_AST_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "jql/diagnostic.h"

namespace jql {

using NodeId = uint32_t;

enum class Operator : uint8_t {
  kEquals,         // =
  kNotEquals,      // !=
  kLike,           // ~
  kNotLike,        // !~
  kLessThan,       // <
  kGreaterThan,    // >
  kLessEquals,     // <=
  kGreaterEquals,  // >=
  kIn,             // IN
  kNotIn,          // NOT IN
  kIs,             // IS
  kIsNot,          // IS NOT
  kWas,            // WAS
  kWasNot,         // WAS NOT
  kWasIn,          // WAS IN
  kWasNotIn,       // WAS NOT IN
  kChanged,        // CHANGED
};

// The operator as written in canonical JQL ("NOT IN").
std::string_view OperatorText(Operator op);
// Jira's internal name, used in some of its messages ("NOT_IN").
std::string_view OperatorName(Operator op);

enum class PredicateKind : uint8_t { kAfter, kBefore, kOn, kDuring, kBy, kFrom, kTo };

std::string_view PredicateText(PredicateKind kind);  // "AFTER"

// A field property: [key] followed by path arguments, e.g. issue.property[x].a.b
// has key "x" and path {".a.b"}.
struct FieldProperty {
  std::string key;
  std::vector<std::string> path;

  friend bool operator==(const FieldProperty&, const FieldProperty&) = default;
};

struct FieldRef {
  enum class Kind : uint8_t {
    kName,         // status, "Story Points", issue.property (with properties)
    kCustomField,  // cf[10010]
    kNumber,       // 12345 (legal syntax; a field id)
  };
  Kind kind = Kind::kName;
  std::string name;    // decoded name; for kCustomField "cf[10010]"
  int64_t number = 0;  // the id for kCustomField and kNumber
  std::vector<FieldProperty> properties;
  NodeId id = 0;

  friend bool operator==(const FieldRef& a, const FieldRef& b);
};

struct Operand;
using OperandList = std::vector<Operand>;

struct Operand {
  enum class Kind : uint8_t {
    kEmpty,     // EMPTY or NULL
    kString,    // a quoted or unquoted string, decoded
    kNumber,    // an unquoted integer (POSNUMBER / NEGNUMBER)
    kFunction,  // name(args)
    kList,      // (a, b, ...)
  };
  Kind kind = Kind::kEmpty;
  std::string text;                             // kString: the value; kFunction: the name
  int64_t number = 0;                           // kNumber
  std::vector<std::string> args;                // kFunction: raw argument strings
  std::shared_ptr<const OperandList> elements;  // kList
  NodeId id = 0;

  friend bool operator==(const Operand& a, const Operand& b);
};

struct Predicate {
  PredicateKind kind = PredicateKind::kAfter;
  Operand operand;
  NodeId id = 0;

  friend bool operator==(const Predicate& a, const Predicate& b);
};

struct Clause;
using ClausePtr = std::shared_ptr<const Clause>;

struct TerminalClause {
  FieldRef field;
  Operator op = Operator::kEquals;
  std::optional<Operand> operand;  // absent only for CHANGED
  std::vector<Predicate> predicates;

  friend bool operator==(const TerminalClause&, const TerminalClause&) = default;
};

struct AndClause {
  std::vector<ClausePtr> children;  // at least two
};
struct OrClause {
  std::vector<ClausePtr> children;  // at least two
};
struct NotClause {
  ClausePtr child;
};

struct Clause {
  std::variant<TerminalClause, AndClause, OrClause, NotClause> node;
  NodeId id = 0;

  friend bool operator==(const Clause& a, const Clause& b);
};

enum class SortDirection : uint8_t { kDefault, kAscending, kDescending };

struct SortKey {
  FieldRef field;
  SortDirection direction = SortDirection::kDefault;

  friend bool operator==(const SortKey&, const SortKey&) = default;
};

struct Query {
  ClausePtr where;                // null: no where clause, every issue matches
  std::vector<SortKey> order_by;  // empty: no ORDER BY (which needs at least one key)

  // Source ranges by NodeId (the side table). Ranges are not part of equality.
  std::vector<SourceRange> ranges;
  const SourceRange* Range(NodeId id) const { return id < ranges.size() ? &ranges[id] : nullptr; }

  friend bool operator==(const Query& a, const Query& b);
};

// Canonical JQL for a query: upper-case keywords, single spaces, the fewest quotes
// and parentheses that keep the meaning. For every valid query q,
// Parse(ToJql(q)) == q.
std::string ToJql(const Query& query);
std::string ToJql(const Clause& clause);
std::string ToJql(const Operand& operand);
std::string ToJql(const FieldRef& field);

// An operand as Jira's messages show it: strings in double quotes, numbers bare,
// functions and lists as written ('"test"', '("a", "b")', 'membersOf(x)').
std::string DisplayOperand(const Operand& operand);

// A string as JQL would need it written: bare when it lexes as one unquoted string
// that is not a keyword, reserved word or number, otherwise double-quoted with escapes.
std::string QuoteIfNeeded(std::string_view text);

// An indented tree for `jql explain`, one node per line.
std::string DebugString(const Query& query);

}  // namespace jql

#endif  // JQL_AST_H_
