// Dates and numbers: each value is a range [begin, begin + span) of int64s, and the
// operator makes it an inclusive [lo, hi] leaf; a list is an OR (NOT IN: an AND) of
// one leaf per value.
#include <charconv>

#include "bind_steps.h"

namespace jql::internal {
namespace {

// The leaf of `op value` on an int64 column.
Leaf RangeLeaf(Operator op, DateValue v, Leaf leaf) {
  leaf.kind = Leaf::Kind::kRange;
  switch (op) {
    case Operator::kEquals:
      leaf.lo = v.begin;
      leaf.hi = v.begin + v.span - 1;
      break;
    case Operator::kNotEquals:
      leaf.lo = v.begin;
      leaf.hi = v.begin + v.span - 1;
      leaf.inside = false;
      break;
    case Operator::kLessThan:
      leaf.lo = INT64_MIN;
      leaf.hi = v.begin - 1;
      break;
    case Operator::kLessEquals:
      leaf.lo = INT64_MIN;
      leaf.hi = v.begin + v.span - 1;
      break;
    case Operator::kGreaterThan:
      leaf.lo = v.begin + v.span;
      leaf.hi = INT64_MAX;
      break;
    case Operator::kGreaterEquals:
      leaf.lo = v.begin;
      leaf.hi = INT64_MAX;
      break;
    default:
      break;
  }
  return leaf;
}

// The node of `op values`: `f IN (a, b)` is `f = a OR f = b` (or EMPTY when the list
// names it); `f NOT IN (a, b)` is `f != a AND f != b`.
Node RangeNode(Operator op, const std::vector<DateValue>& values, bool match_empty, Leaf base) {
  if (op != Operator::kIn && op != Operator::kNotIn) {
    if (values.empty()) return LeafNode(std::move(base));  // false
    return LeafNode(RangeLeaf(op, values.front(), std::move(base)));
  }
  const bool positive = op == Operator::kIn;
  Node out;
  out.kind = positive ? Node::Kind::kOr : Node::Kind::kAnd;
  for (const DateValue& v : values)
    out.children.push_back(
        LeafNode(RangeLeaf(positive ? Operator::kEquals : Operator::kNotEquals, v, base)));
  if (positive && match_empty) {
    Leaf empty = base;
    empty.kind = Leaf::Kind::kEmpty;
    out.children.push_back(LeafNode(std::move(empty)));
  }
  return out;
}

// hierarchyLevel compares the level of the issue type: a set of issue types.
Node HierarchyLevels(BindContext& bind, Operator op, const std::vector<DateValue>& numbers,
                     Leaf leaf) {
  const EntityTable<IssueType>& types = bind.catalog.issue_types;
  leaf.codes.assign(types.size(), false);
  for (Code t = 0; t < types.size(); ++t) {
    const int64_t level = types[t].hierarchy_level;
    bool hit = op == Operator::kNotEquals || op == Operator::kNotIn;
    for (const DateValue& n : numbers) {
      const bool eq = level == n.begin;
      switch (op) {
        case Operator::kEquals:
        case Operator::kIn:
          hit = hit || eq;
          break;
        case Operator::kNotEquals:
        case Operator::kNotIn:
          hit = hit && !eq;
          break;
        case Operator::kLessThan:
          hit = level < n.begin;
          break;
        case Operator::kLessEquals:
          hit = level <= n.begin;
          break;
        case Operator::kGreaterThan:
          hit = level > n.begin;
          break;
        default:
          hit = level >= n.begin;
          break;
      }
    }
    leaf.codes[t] = hit;
  }
  leaf.kind = Leaf::Kind::kAnyOf;
  return LeafNode(std::move(leaf));
}

}  // namespace

Node BindDates(BindContext& bind, const BoundField& f, Operator op, const Operand& operand,
               Leaf leaf) {
  std::vector<const Operand*> values;
  Flatten(operand, values);
  std::vector<DateValue> dates;
  bool ok = true, match_empty = false;
  for (const Operand* v : values) {
    if (v->kind == Operand::Kind::kEmpty) {
      match_empty = true;
      continue;
    }
    auto d = bind.DateOf("field '" + f.name + "'", *v);
    ok = ok && d.has_value();
    if (d) dates.push_back(*d);
  }
  if (!ok) return LeafNode(std::move(leaf));
  return RangeNode(op, dates, match_empty, std::move(leaf));
}

Node BindNumbers(BindContext& bind, const BoundField& f, Operator op, const Operand& operand,
                 Leaf leaf) {
  std::vector<const Operand*> values;
  Flatten(operand, values);
  std::vector<DateValue> numbers;
  bool ok = true, match_empty = false;
  const bool votes = f.field->column == ColumnId::kVotes;
  for (const Operand* v : values) {
    if (v->kind == Operand::Kind::kEmpty) {
      match_empty = true;
      continue;
    }
    int64_t n = 0;
    const bool integral =
        v->kind == Operand::Kind::kNumber ? (n = v->number, true) : ParseInteger(v->text, &n);
    if (f.definition != nullptr) {
      // Number custom fields hold value * scale.
      double d = 0;
      const std::string text = Echo(*v);
      const auto r = std::from_chars(text.data(), text.data() + text.size(), d);
      if (r.ec != std::errc() || r.ptr != text.data() + text.size()) {
        bind.Error(v->id,
                   "Value " + text + " for the '" + f.name + "' field is not a valid number.");
        ok = false;
        continue;
      }
      const int64_t scale =
          f.custom >= 0 ? bind.store.columns().custom[static_cast<size_t>(f.custom)].scale : 1;
      const double scaled = d * static_cast<double>(scale);
      numbers.push_back({static_cast<int64_t>(scaled), 1});
      if (static_cast<double>(static_cast<int64_t>(scaled)) != scaled)
        numbers.back().span = 0;  // never equal
      continue;
    }
    if (!integral || (votes && n < 0)) {
      if (votes) {
        bind.Error(v->id,
                   "Value " + Echo(*v) +
                       " is invalid for the 'votes' field. Votes must be a positive whole number.");
      } else {
        bind.Error(v->id, "The value " + Echo(*v) + " for field '" + f.name +
                              "' is invalid - please specify an integer.");
      }
      ok = false;
      continue;
    }
    numbers.push_back({n, 1});
  }
  if (!ok) return LeafNode(std::move(leaf));
  if (f.field->syntax == ValueSyntax::kHierarchyLevel)
    return HierarchyLevels(bind, op, numbers, std::move(leaf));
  return RangeNode(op, numbers, match_empty, std::move(leaf));
}

}  // namespace jql::internal
