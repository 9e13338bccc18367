#include "clickhouse/clickhouse_lowering.h"

#include <algorithm>

#include "engine/compiled_query.h"
#include "engine/text_query.h"

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
      case Leaf::Kind::kWatchedBy:
      case Leaf::Kind::kUpdatedBy:
      case Leaf::Kind::kLinkedWith: {
        auto test = leaf.kind == Leaf::Kind::kWatchedBy   ? WatchedBy(leaf)
                    : leaf.kind == Leaf::Kind::kUpdatedBy ? UpdatedBy(leaf)
                                                          : LinkedWith(leaf);
        if (!test.ok() || leaf.column != ColumnId::kParent) return test;
        // `parent in f()` asks of the parent, which may live on another node: the
        // parents that pass are gathered once (GLOBAL) and sent to every node. Never
        // true without a parent, in either direction.
        return "(c_parent IS NOT NULL AND c_parent GLOBAL IN (SELECT toInt64(row) FROM " +
               schema_.issues_table + " WHERE " + *test + "))";
      }
      case Leaf::Kind::kHistory:
        return History(*leaf.history, leaf.inside);
      case Leaf::Kind::kText: {
        // ~ and !~ never match an empty field.
        const TextSchemaColumn* text = schema_.FindText(leaf.column, leaf.custom);
        if (text == nullptr) return NotLowered(leaf, "its text field");
        const std::string match = Text(*leaf.text, *text);
        return "(e_" + text->name + " = 0 AND " + (leaf.inside ? match : "NOT " + match) + ")";
      }
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
    if (leaf.field != nullptr && leaf.field->kind == ValueKind::kText) {
      const TextSchemaColumn* text = schema_.FindText(leaf.column, leaf.custom);
      if (text == nullptr ||
          (leaf.kind != Leaf::Kind::kEmpty && leaf.kind != Leaf::Kind::kNotEmpty))
        return NotLowered(leaf, "its text field");
      return "e_" + text->name + (leaf.kind == Leaf::Kind::kEmpty ? " = 1" : " = 0");
    }
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

  // A text query over the field's analyzed terms (t_) and positions (p_), with the
  // meaning of text_query.h: AND groups need every positive part and no negated one
  // (and at least one positive), OR any part; phrases are terms at relative positions.
  static std::string Text(const internal::TextQuery& q, const TextSchemaColumn& c) {
    using K = internal::TextQuery::Kind;
    const std::string terms = "t_" + c.name, positions = "p_" + c.name;
    switch (q.kind) {
      case K::kNothing:
        return "0";
      case K::kTerm:
        return "has(" + terms + ", " + Quoted(q.term) + ")";
      case K::kWildcard: {
        // LIKE: % any bytes, _ one byte, as WildcardMatches reads * and ?.
        std::string like;
        for (char ch : q.term) {
          if (ch == '*') {
            like += '%';
          } else if (ch == '?') {
            like += '_';
          } else {
            if (ch == '%' || ch == '_' || ch == '\\') like += '\\';
            like += ch;
          }
        }
        return "arrayExists(x -> x LIKE " + Quoted(like) + ", " + terms + ")";
      }
      case K::kPhrase: {
        // A start token with the first term, and each next term at its offset from it.
        std::string test = "t = " + Quoted(q.phrase.front().term);
        for (size_t i = 1; i < q.phrase.size(); ++i) {
          test += " AND arrayExists((t2, p2) -> p2 = p + " + std::to_string(q.phrase[i].position) +
                  " AND t2 = " + Quoted(q.phrase[i].term) + ", " + terms + ", " + positions + ")";
        }
        return "arrayExists((t, p) -> " + test + ", " + terms + ", " + positions + ")";
      }
      case K::kAnd: {
        std::string out;
        bool any_positive = false;
        for (const internal::TextQuery& child : q.children) {
          const std::string part = Text(child, c);
          out += (out.empty() ? "" : " AND ") + (child.negated ? "NOT " + part : part);
          any_positive = any_positive || !child.negated;
        }
        return any_positive ? "(" + out + ")" : "0";
      }
      case K::kOr: {
        std::string out;
        for (const internal::TextQuery& child : q.children)
          out += (out.empty() ? "" : " OR ") + Text(child, c);
        return out.empty() ? "0" : "(" + out + ")";
      }
    }
    return "0";
  }

  // watchedIssues(): a wanted user is among the watchers.
  static StatusOr<std::string> WatchedBy(const internal::Leaf& leaf) {
    const std::string codes = List(leaf.codes);
    const std::string watched =
        codes.empty() ? "0" : "arrayExists(x -> " + Member(codes, "x", "Int64") + ", m_watchers)";
    return leaf.inside ? watched : "NOT " + watched;
  }

  // updatedBy(): a wanted user created the issue in [lo, hi), or changed anything in it
  // then (row_values.cc).
  StatusOr<std::string> UpdatedBy(const internal::Leaf& leaf) {
    const std::string users = List(leaf.codes);
    std::string test = "0";
    if (!users.empty()) {
      // An issue without a creation time was created at the beginning of time.
      std::string created_in;
      if (leaf.lo == INT64_MIN) {
        created_in = leaf.hi == INT64_MIN ? "0"
                     : leaf.hi == INT64_MAX
                         ? "1"
                         : "(c_created IS NULL OR c_created < " + std::to_string(leaf.hi) + ")";
      } else {
        created_in = "(c_created IS NOT NULL AND c_created >= " + std::to_string(leaf.lo) +
                     (leaf.hi == INT64_MAX ? "" : " AND c_created < " + std::to_string(leaf.hi)) +
                     ")";
      }
      std::string window;
      if (leaf.lo != INT64_MIN) window += " AND time >= " + std::to_string(leaf.lo);
      if (leaf.hi != INT64_MAX) window += " AND time < " + std::to_string(leaf.hi);
      test = "((c_creator IS NOT NULL AND " + Member(users, "c_creator", "Int64") + " AND " +
             created_in + ") OR id IN (SELECT id FROM " + schema_.updates_table + " WHERE " +
             Member(users, "author", "Int64") + window + "))";
    }
    return leaf.inside ? test : "NOT " + test;
  }

  // linkedIssues(): a link with rows[0] of a wanted type and direction, seen from
  // rows[0] (which sees this issue's inward link as outward); no types: any link.
  StatusOr<std::string> LinkedWith(const internal::Leaf& leaf) {
    std::string sub = "SELECT id FROM " + schema_.links_table +
                      " WHERE other = " + std::to_string(leaf.rows.front());
    if (!leaf.codes.empty()) {
      const std::string wanted = List(leaf.codes);
      sub += wanted.empty()
                 ? " AND 0"
                 : " AND " + Member(wanted, "toInt64(2 * type + (1 - outward))", "Int64");
    }
    return std::string(leaf.inside ? "id IN (" : "id NOT IN (") + sub + ")";
  }

  // A CodeSet as a list condition on `column` ("" when it is any value; "0" when none).
  static std::string CodeCondition(const internal::CodeSet& set, const std::string& column) {
    if (set.any) return "";
    std::string list = set.empty ? "-1" : "";
    for (size_t c = 0; c < set.codes.size(); ++c) {
      if (!set.codes[c]) continue;
      if (!list.empty()) list += ',';
      list += std::to_string(c);
    }
    return list.empty() ? " AND 0" : " AND " + Member(list, column, "Int64");
  }

  // WAS: a value of the set held over an interval that overlaps the window, set by a
  // wanted user (as the history index decides); CHANGED: one change in the window that
  // meets every predicate. Both on the node's own history of its own issues.
  StatusOr<std::string> History(const internal::HistorySearch& s, bool inside) {
    const std::string field = std::to_string(static_cast<int>(s.field));
    std::string sub;
    if (s.kind == internal::HistorySearch::Kind::kWas) {
      if (s.after >= s.before) return std::string(inside ? "0" : "1");
      sub = "SELECT id FROM " + schema_.history_table + " WHERE field = " + field +
            CodeCondition(s.values, "value") + CodeCondition(s.by, "setter");
      if (s.before != INT64_MAX) sub += " AND start < " + std::to_string(s.before);
      if (s.after != INT64_MIN) sub += " AND `end` > " + std::to_string(s.after);
    } else {
      sub = "SELECT id FROM " + schema_.changes_table + " WHERE field = " + field +
            CodeCondition(s.from, "`from`") + CodeCondition(s.to, "`to`") +
            CodeCondition(s.by, "author");
      if (s.after != INT64_MIN) sub += " AND time >= " + std::to_string(s.after);
      if (s.before != INT64_MAX) sub += " AND time < " + std::to_string(s.before);
    }
    return std::string(inside ? "id IN (" : "id NOT IN (") + sub + ")";
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

// A per-code mapping as SQL: the value for code v (v >= 0).
std::string Mapped(const std::vector<int64_t>& by_code, const std::string& v) {
  std::string list;
  for (int64_t x : by_code) {
    if (!list.empty()) list += ',';
    list += std::to_string(x);
  }
  if (list.empty()) return "0";
  return "arrayElement(CAST([" + list + "] AS Array(Int64)), toUInt64(" + v + ") + 1)";
}

// Each name's rank in name order (ties in code order), as order_by.cc ranks them.
std::vector<int64_t> RankByName(const Catalog& catalog, Dictionary dictionary) {
  const size_t n = DictionarySize(catalog, dictionary);
  std::vector<Code> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = static_cast<Code>(i);
  std::stable_sort(order.begin(), order.end(), [&](Code a, Code b) {
    return DictionarySortName(catalog, dictionary, a) < DictionarySortName(catalog, dictionary, b);
  });
  std::vector<int64_t> rank(n);
  for (size_t i = 0; i < n; ++i) rank[order[i]] = static_cast<int64_t>(i);
  return rank;
}

// ORDER BY as order_by.cc sorts: per key, empties last in either direction, then the
// key's integer (names ranked, priorities by sequence, versions by project and
// sequence); ties by issue id.
// One ORDER BY key as SQL: whether the row's value is empty, and its integer.
struct OrderKeySql {
  std::string empty, value;
  bool descending = false;
};

StatusOr<std::vector<OrderKeySql>> OrderKeys(const CompiledQuery& query, const IssueStore& store,
                                             const Schema& schema) {
  std::vector<OrderKeySql> out;
  const Catalog& cat = store.catalog();
  for (const internal::SortKey& key : query.order) {
    const SortRule rule = key.field->sort;
    std::string empty, value;
    if (rule == SortRule::kIssueKey) {
      empty = "0";
      value = "bitOr(bitShiftLeft(" +
              Mapped(RankByName(cat, Dictionary::kProjects), "key_project") + ", 40), key_number)";
    } else {
      std::string v;
      const SchemaColumn* column = schema.Find(key.column, key.custom);
      if (key.column == ColumnId::kWatcherCount) {
        empty = "0";
        v = "length(m_watchers)";
      } else if (column != nullptr && !column->multi) {
        empty = column->name + " IS NULL";
        v = "ifNull(" + column->name + ", 0)";
      } else if (column != nullptr) {
        empty = "empty(" + column->name + ")";
        v = column->name + "[1]";  // the first value, as in process
      } else {
        return InvalidArgument("'ORDER BY " + std::string(key.field->name) +
                               "' does not run on ClickHouse yet: its field is not lowered to "
                               "SQL (docs/clickhouse.md lists what is)");
      }
      const Dictionary dictionary = key.field->dictionary;
      switch (rule) {
        case SortRule::kPriority: {
          std::vector<int64_t> by_code;
          for (size_t c = 0; c < cat.priorities.size(); ++c)
            by_code.push_back(-cat.priorities[static_cast<Code>(c)].sequence);
          value = Mapped(by_code, v);
          break;
        }
        case SortRule::kCatalogId: {
          std::vector<int64_t> by_code;
          for (size_t c = 0; c < DictionarySize(cat, dictionary); ++c)
            by_code.push_back(DictionaryId(cat, dictionary, static_cast<Code>(c)));
          value = Mapped(by_code, v);
          break;
        }
        case SortRule::kVersion: {
          const std::vector<int64_t> project_rank = RankByName(cat, Dictionary::kProjects);
          std::vector<int64_t> by_code;
          for (size_t c = 0; c < cat.versions.size(); ++c) {
            const Version& version = cat.versions[static_cast<Code>(c)];
            by_code.push_back((project_rank[version.project] << 32) | version.sequence);
          }
          value = Mapped(by_code, v);
          break;
        }
        case SortRule::kName:
          value = Mapped(RankByName(cat, dictionary), v);
          break;
        default:
          value = v;
          break;
      }
    }
    out.push_back({empty, value, key.descending});
  }
  return out;
}

StatusOr<std::string> OrderList(const CompiledQuery& query, const IssueStore& store,
                                const Schema& schema) {
  auto keys = OrderKeys(query, store, schema);
  if (!keys.ok()) return keys.status();
  std::string out;
  for (const OrderKeySql& key : *keys)
    out += key.empty + ", " + key.value + (key.descending ? " DESC, " : " ASC, ");
  return out + "id";
}

}  // namespace

std::string NotArchived(const Schema& schema) {
  const std::string latest = "(SELECT id FROM " + schema.marks_table +
                             " GROUP BY id HAVING argMax(archived, (stamp, writer)) = ";
  return "((archived = 0 OR id GLOBAL IN " + latest + "0)) AND id GLOBAL NOT IN " + latest + "1))";
}

StatusOr<std::string> LowerCondition(const CompiledQuery& query, const Schema& schema) {
  std::string where = NotArchived(schema);
  if (query.match_all) return where;
  auto condition = Lowering(schema).Lower(query.root);
  if (!condition.ok()) return condition;
  return where + " AND " + *condition;
}

StatusOr<std::string> LowerSelect(const CompiledQuery& query, const IssueStore& store,
                                  const Schema& schema, const std::string& table, size_t limit) {
  auto where = LowerCondition(query, schema);
  if (!where.ok()) return where;
  auto order = OrderList(query, store, schema);
  if (!order.ok()) return order;
  std::string sql = "SELECT row FROM " + table + " WHERE " + *where + " ORDER BY " + *order;
  if (limit != SIZE_MAX) sql += " LIMIT " + std::to_string(limit);
  return sql;
}

StatusOr<std::string> LowerOrder(const CompiledQuery& query, const IssueStore& store,
                                 const Schema& schema) {
  return OrderList(query, store, schema);
}

StatusOr<std::string> LowerAfter(const CompiledQuery& query, const IssueStore& store,
                                 const Schema& schema, const PagePosition& after) {
  auto keys = OrderKeys(query, store, schema);
  if (!keys.ok()) return keys.status();
  if (after.keys.size() != keys->size())
    return InvalidArgument("the page position does not belong to this query");
  // As order_by.cc compares: per key, empties last in either direction, then the value
  // (an empty key's value counts as 0), then the id. A row comes after the position
  // when it is equal on the keys before one and beyond it on that one.
  std::string out, equal_so_far;
  for (size_t k = 0; k < keys->size(); ++k) {
    const OrderKeySql& key = (*keys)[k];
    const auto& [empty, value] = after.keys[k];
    const std::string e = "toUInt8(" + key.empty + ")";
    const std::string v = "if(" + e + " = 1, toInt64(0), toInt64(" + key.value + "))";
    const std::string pe = empty ? "1" : "0", pv = "toInt64(" + std::to_string(value) + ")";
    const std::string beyond = "(" + e + " > " + pe + " OR (" + e + " = " + pe + " AND " + v +
                               (key.descending ? " < " : " > ") + pv + "))";
    out += (out.empty() ? "" : " OR ") + equal_so_far + beyond;
    equal_so_far += e + " = " + pe + " AND " + v + " = " + pv + " AND ";
  }
  out += (out.empty() ? "" : " OR ") + equal_so_far + "id > " + std::to_string(after.id);
  return "(" + out + ")";
}

StatusOr<std::string> LowerCount(const CompiledQuery& query, const Schema& schema,
                                 const std::string& table) {
  auto where = LowerCondition(query, schema);
  if (!where.ok()) return where;
  return "SELECT count() FROM " + table + " WHERE " + *where;
}

}  // namespace jql::clickhouse
