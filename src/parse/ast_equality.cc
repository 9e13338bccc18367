// Structural equality of AST nodes: node ids and source ranges are left out, so
// two spellings of one query compare equal.
#include "jql/ast.h"

namespace jql {
namespace {

bool SameOperand(const Operand& a, const Operand& b) {
  if (a.kind != b.kind || a.text != b.text || a.number != b.number || a.args != b.args)
    return false;
  if (a.kind != Operand::Kind::kList) return true;
  if (a.elements->size() != b.elements->size()) return false;
  for (size_t i = 0; i < a.elements->size(); ++i) {
    if (!SameOperand((*a.elements)[i], (*b.elements)[i])) return false;
  }
  return true;
}

}  // namespace

bool operator==(const FieldRef& a, const FieldRef& b) {
  return a.kind == b.kind && a.name == b.name && a.number == b.number &&
         a.properties == b.properties;
}

bool operator==(const Predicate& a, const Predicate& b) {
  return a.kind == b.kind && a.operand == b.operand;
}

bool operator==(const Operand& a, const Operand& b) { return SameOperand(a, b); }

bool operator==(const Clause& a, const Clause& b) {
  if (a.node.index() != b.node.index()) return false;
  auto same_children = [](const std::vector<ClausePtr>& x, const std::vector<ClausePtr>& y) {
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (!(*x[i] == *y[i])) return false;
    }
    return true;
  };
  if (const auto* t = std::get_if<TerminalClause>(&a.node))
    return *t == std::get<TerminalClause>(b.node);
  if (const auto* x = std::get_if<AndClause>(&a.node))
    return same_children(x->children, std::get<AndClause>(b.node).children);
  if (const auto* o = std::get_if<OrClause>(&a.node))
    return same_children(o->children, std::get<OrClause>(b.node).children);
  return *std::get<NotClause>(a.node).child == *std::get<NotClause>(b.node).child;
}

bool operator==(const Query& a, const Query& b) {
  if ((a.where == nullptr) != (b.where == nullptr)) return false;
  if (a.where != nullptr && !(*a.where == *b.where)) return false;
  return a.order_by == b.order_by;
}

}  // namespace jql
