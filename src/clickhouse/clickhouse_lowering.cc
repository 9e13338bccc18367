#include "clickhouse/clickhouse_lowering.h"

#include <algorithm>

#include "engine/compiled_query.h"

namespace jql::clickhouse {
namespace {

using internal::Leaf;
using internal::Node;

std::string List(const std::vector<bool>& codes) {
  std::string out;
  for (size_t c = 0; c < codes.size(); ++c) {
    if (!codes[c]) continue;
    if (!out.empty()) out += ',';
    out += std::to_string(c);
  }
  return out;
}

std::string RowList(const std::vector<uint32_t>& rows) {
  std::string out;
  for (uint32_t r : rows) {
    if (!out.empty()) out += ',';
    out += std::to_string(r);
  }
  return out;
}

// Membership in a constant list. A short one is an array literal (one node of
// ClickHouse's syntax tree however long, where IN (a, b, ...) is a node per element and
// would pass max_ast_elements); a long one is a set built once from such an array
// (has() on it would scan the list for every row). `type` is the value's.
std::string Member(const std::string& list, const std::string& value, const char* type) {
  const bool long_list = std::count(list.begin(), list.end(), ',') >= 32;
  if (!long_list) return "has([" + list + "], " + value + ")";
  return value + " IN (SELECT arrayJoin(CAST([" + list + "] AS Array(" + type + "))))";
}

const char* KindName(Leaf::Kind kind) {
  switch (kind) {
    case Leaf::Kind::kText:
      return "text search (~)";
    case Leaf::Kind::kHistory:
      return "history search (WAS, CHANGED)";
    case Leaf::Kind::kWatchedBy:
      return "watchedIssues()";
    case Leaf::Kind::kUpdatedBy:
      return "updatedBy()";
    case Leaf::Kind::kLinkedWith:
      return "linkedIssues()";
    default:
      return "this clause";
  }
}

class Lowering {
 public:
  explicit Lowering(const Schema& schema) : schema_(schema) {}

  StatusOr<std::string> Lower(const Node& node) {
    if (node.kind == Node::Kind::kLeaf) return Leaf(node.leaf);
    std::string out = "(";
    for (size_t i = 0; i < node.children.size(); ++i) {
      auto child = Lower(node.children[i]);
      if (!child.ok()) return child;
      if (i) out += node.kind == Node::Kind::kAnd ? " AND " : " OR ";
      out += *child;
    }
    return out + ")";
  }

 private:
  Status NotLowered(const internal::Leaf& leaf, const std::string& what) {
    return InvalidArgument("'" + leaf.label + "' does not run on ClickHouse yet: " + what +
                           " is not lowered to SQL (docs/clickhouse.md lists what is)");
  }

  StatusOr<std::string> Leaf(const internal::Leaf& leaf) {
    switch (leaf.kind) {
      case Leaf::Kind::kTrue:
        return std::string("1");
      case Leaf::Kind::kFalse:
        return std::string("0");
      case Leaf::Kind::kText:
      case Leaf::Kind::kHistory:
      case Leaf::Kind::kWatchedBy:
      case Leaf::Kind::kUpdatedBy:
      case Leaf::Kind::kLinkedWith:
        return NotLowered(leaf, KindName(leaf.kind));
      case Leaf::Kind::kKeyRange: {
        const std::string in = "(key_project = " + std::to_string(leaf.project) +
                               " AND key_number BETWEEN " + std::to_string(leaf.lo) + " AND " +
                               std::to_string(leaf.hi) + ")";
        return leaf.inside ? in : "NOT " + in;
      }
      case Leaf::Kind::kRows: {
        // `parent in (...)` asks of the parent, and never holds without one.
        const bool parent = leaf.column == ColumnId::kParent;
        const std::string subject = parent ? "c_parent" : "row";
        std::string test;
        if (leaf.rows.empty()) {
          test = leaf.inside ? "0" : "1";
        } else {
          test = (leaf.inside ? "" : "NOT ") +
                 Member(RowList(leaf.rows), subject, parent ? "Int64" : "UInt32");
        }
        return parent ? "(c_parent IS NOT NULL AND " + test + ")" : test;
      }
      default:
        break;
    }
    if (leaf.field != nullptr && leaf.field->kind == ValueKind::kText)
      return NotLowered(leaf, "a text field's EMPTY");
    // The values the leaf tests: one nullable value, a never-empty computed one, or a list.
    std::string single;
    bool nullable = true;
    const SchemaColumn* column = nullptr;
    if (leaf.column == ColumnId::kKey) {
      single = "row";
      nullable = false;
    } else if (leaf.column == ColumnId::kWatcherCount) {
      single = "length(m_watchers)";
      nullable = false;
    } else {
      column = schema_.Find(leaf.column, leaf.custom);
      if (column == nullptr) return NotLowered(leaf, "its field");
      if (!column->multi) single = column->name;
    }
    if (!single.empty()) return Single(leaf, single, nullable);
    return Multi(leaf, column->name);
  }

  static StatusOr<std::string> Single(const internal::Leaf& leaf, const std::string& v,
                                      bool nullable) {
    const std::string present = nullable ? v + " IS NOT NULL" : "1";
    const std::string absent = nullable ? v + " IS NULL" : "0";
    const std::string codes = List(leaf.codes);
    switch (leaf.kind) {
      case Leaf::Kind::kEmpty:
        return absent;
      case Leaf::Kind::kNotEmpty:
        return present;
      case Leaf::Kind::kAnyOf: {
        const std::string in = codes.empty() ? "0" : Member(codes, v, "Int64");
        return leaf.match_empty ? "(" + in + " OR " + absent + ")"
                                : "(" + present + " AND " + in + ")";
      }
      case Leaf::Kind::kNoneOf:
        return "(" + present + (codes.empty() ? "" : " AND NOT " + Member(codes, v, "Int64")) + ")";
      case Leaf::Kind::kRange: {
        const std::string between =
            v + " BETWEEN " + std::to_string(leaf.lo) + " AND " + std::to_string(leaf.hi);
        return "(" + present + " AND " + (leaf.inside ? between : "NOT (" + between + ")") + ")";
      }
      default:
        return InvalidArgument("'" + leaf.label + "' does not run on ClickHouse yet");
    }
  }

  static StatusOr<std::string> Multi(const internal::Leaf& leaf, const std::string& m) {
    const std::string codes = List(leaf.codes);
    const std::string any =
        codes.empty() ? "0" : "arrayExists(x -> " + Member(codes, "x", "Int64") + ", " + m + ")";
    switch (leaf.kind) {
      case Leaf::Kind::kEmpty:
        return "empty(" + m + ")";
      case Leaf::Kind::kNotEmpty:
        return "notEmpty(" + m + ")";
      case Leaf::Kind::kAnyOf:
        return leaf.match_empty ? "(" + any + " OR empty(" + m + "))" : any;
      case Leaf::Kind::kNoneOf:
        return "(notEmpty(" + m + ") AND NOT " + any + ")";
      case Leaf::Kind::kRange: {
        // One value in the range (or, for NOT, outside it) is enough, as in process.
        const std::string between =
            "x BETWEEN " + std::to_string(leaf.lo) + " AND " + std::to_string(leaf.hi);
        return "arrayExists(x -> " + (leaf.inside ? between : "NOT (" + between + ")") + ", " + m +
               ")";
      }
      default:
        return InvalidArgument("'" + leaf.label + "' does not run on ClickHouse yet");
    }
  }

  const Schema& schema_;
};

}  // namespace

StatusOr<std::string> LowerCondition(const CompiledQuery& query, const Schema& schema) {
  std::string where = "archived = 0";
  if (query.match_all) return where;
  auto condition = Lowering(schema).Lower(query.root);
  if (!condition.ok()) return condition;
  return where + " AND " + *condition;
}

StatusOr<std::string> LowerSelect(const CompiledQuery& query, const Schema& schema,
                                  const std::string& table, size_t limit) {
  if (!query.order.empty())
    return InvalidArgument(
        "'ORDER BY' does not run on ClickHouse yet: an order other than by issue id is not "
        "lowered to SQL (docs/clickhouse.md lists what is)");
  auto where = LowerCondition(query, schema);
  if (!where.ok()) return where;
  std::string sql = "SELECT row FROM " + table + " WHERE " + *where + " ORDER BY id";
  if (limit != SIZE_MAX) sql += " LIMIT " + std::to_string(limit);
  return sql;
}

StatusOr<std::string> LowerCount(const CompiledQuery& query, const Schema& schema,
                                 const std::string& table) {
  auto where = LowerCondition(query, schema);
  if (!where.ok()) return where;
  return "SELECT count() FROM " + table + " WHERE " + *where;
}

}  // namespace jql::clickhouse
