// key, id, issue and parent: lists of issues (a row list plus one leaf per issue
// function) and ranges of keys and ids.
#include <algorithm>

#include "bind_steps.h"
#include "function_registry.h"

namespace jql::internal {
namespace {

int64_t SaturatingAdd(int64_t value, int64_t step) {
  if (step > 0 && value == INT64_MAX) return INT64_MAX;
  if (step < 0 && value == INT64_MIN) return INT64_MIN;
  return value + step;
}

// [lo, hi] of `op value` (< <= > >=) on integers.
void SetBounds(Operator op, int64_t value, Leaf& leaf) {
  leaf.lo = op == Operator::kGreaterThan     ? SaturatingAdd(value, 1)
            : op == Operator::kGreaterEquals ? value
                                             : INT64_MIN;
  leaf.hi = op == Operator::kLessThan     ? SaturatingAdd(value, -1)
            : op == Operator::kLessEquals ? value
                                          : INT64_MAX;
}

// `key < ABC-100` (ABC's issues numbered below 100) and `id <= 10010` (issue ids up
// to 10010), as Jira orders issue keys and ids. A number, quoted or not, is an id.
Node BindIssueRange(BindContext& bind, const BoundField& f, Operator op, bool negated,
                    const Operand& v, Leaf leaf) {
  const std::string text = Echo(v);
  if (v.kind == Operand::Kind::kFunction) {
    bind.Error(v.id, "The operator '" + std::string(OperatorText(negated ? Flip(op) : op)) +
                         "' is not supported by the '" + v.text + "' function.");
    return LeafNode(std::move(leaf));
  }
  int64_t id = 0;
  if (v.kind == Operand::Kind::kNumber || ParseInteger(text, &id)) {
    if (v.kind == Operand::Kind::kNumber) id = v.number;
    // Ids are never empty, so the NOT already pushed into `op` is exact here.
    leaf.kind = Leaf::Kind::kRange;
    leaf.column = ColumnId::kId;
    leaf.inside = true;
    SetBounds(op, id, leaf);
    return LeafNode(std::move(leaf));
  }
  const size_t dash = text.rfind('-');
  int64_t number = 0;
  const auto project = dash == std::string::npos
                           ? std::nullopt
                           : bind.catalog.FindProjectByKey(text.substr(0, dash));
  if (!project || !ParseInteger(text.substr(dash + 1), &number)) {
    bind.Error(v.id, "The issue key '" + text + "' for field '" + f.name + "' is invalid.");
    return LeafNode(std::move(leaf));
  }
  // The range comes from the operator as written, and a NOT takes its complement:
  // `NOT key > ABC-5` keeps every other project's issues, which the flipped
  // operator (`key <= ABC-5`, within ABC) would lose.
  const Operator written = negated ? Flip(op) : op;
  leaf.kind = Leaf::Kind::kKeyRange;
  leaf.project = *project;
  leaf.inside = !negated;
  SetBounds(written, number, leaf);
  return LeafNode(std::move(leaf));
}

// The leaf of an issue function's call; false after an error.
bool IssueFunctionLeaf(BindContext& bind, const BoundField& f, const Operand& call, Operator op,
                       Leaf& leaf) {
  const FunctionDescriptor* fn = FindFunction(call.text, FunctionKind::kIssues, &f);
  if (fn == nullptr) {
    bind.UnknownFunction(call);
    return false;
  }
  if (!CheckArity(bind, *fn, call) || !CheckOperator(bind, *fn, call, op, f)) return false;
  if (!fn->issues(bind, call, leaf)) return false;
  std::string text = call.text + "(";
  for (size_t i = 0; i < call.args.size(); ++i) text += (i ? ", " : "") + call.args[i];
  leaf.label = f.name + (IsPositive(op) ? " in " : " not in ") + text + ")";
  return true;
}

}  // namespace

Node BindIssues(BindContext& bind, const BoundField& f, Operator op, bool negated,
                const Operand& operand, Leaf base) {
  std::vector<const Operand*> values;
  Flatten(operand, values);
  if (IsOrdering(op)) return BindIssueRange(bind, f, op, negated, *values.front(), base);
  const bool positive = IsPositive(op);
  std::vector<uint32_t> rows;
  std::vector<Leaf> computed;
  bool ok = true;
  for (const Operand* v : values) {
    if (v->kind == Operand::Kind::kFunction) {
      Leaf leaf = base;
      leaf.inside = positive;
      if (IssueFunctionLeaf(bind, f, *v, op, leaf)) {
        if (leaf.kind == Leaf::Kind::kFalse && !positive) leaf.kind = Leaf::Kind::kTrue;
        computed.push_back(std::move(leaf));
      } else {
        ok = false;
      }
      continue;
    }
    const std::string text = Echo(*v);
    std::optional<size_t> row;
    if (v->kind == Operand::Kind::kNumber) {
      row = bind.store.FindRowById(v->number);
    } else if (text.find('-') != std::string::npos) {
      row = bind.store.FindRowByKey(text);
    } else {
      int64_t id;
      if (ParseInteger(text, &id)) row = bind.store.FindRowById(id);
      if (!row) {
        bind.Error(v->id, "The issue key '" + text + "' for field '" + f.name + "' is invalid.");
        ok = false;
        continue;
      }
    }
    // A key that does not exist (or an archived issue) simply matches nothing.
    if (row) rows.push_back(static_cast<uint32_t>(*row));
  }
  if (!ok) return LeafNode(std::move(base));
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  Leaf listed = std::move(base);
  listed.rows = std::move(rows);
  listed.kind = Leaf::Kind::kRows;
  listed.inside = positive;
  if (computed.empty()) return LeafNode(std::move(listed));
  // `issue in (A-1, watchedIssues())` is the listed rows OR the function's issues;
  // NOT IN is the AND of the complements.
  Node out;
  out.kind = positive ? Node::Kind::kOr : Node::Kind::kAnd;
  if (!listed.rows.empty()) out.children.push_back(LeafNode(std::move(listed)));
  for (Leaf& leaf : computed) out.children.push_back(LeafNode(std::move(leaf)));
  if (out.children.size() == 1) return std::move(out.children.front());
  return out;
}

}  // namespace jql::internal
