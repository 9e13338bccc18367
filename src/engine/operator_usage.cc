#include "jql/operator_usage.h"

#include <variant>

#include "jql/catalog.h"

namespace jql {

std::optional<std::string> OperatorUsageError(const TerminalClause& t) {
  if (!t.operand || t.op == Operator::kChanged) return std::nullopt;
  const Operand& operand = *t.operand;
  const std::string op = FoldCase(OperatorText(t.op));
  const bool takes_list = t.op == Operator::kIn || t.op == Operator::kNotIn ||
                          t.op == Operator::kWasIn || t.op == Operator::kWasNotIn;
  const bool ordering = t.op == Operator::kLessThan || t.op == Operator::kGreaterThan ||
                        t.op == Operator::kLessEquals || t.op == Operator::kGreaterEquals;
  if (takes_list && operand.kind != Operand::Kind::kList &&
      operand.kind != Operand::Kind::kFunction) {
    return "Operator '" + op + "' does not support the non-list value '" + DisplayOperand(operand) +
           "' for field '" + t.field.name + "'.";
  }
  if (!takes_list && operand.kind == Operand::Kind::kList) {
    return "Operator '" + op + "' does not support the list value '" + DisplayOperand(operand) +
           "' for field '" + t.field.name + "'.";
  }
  if (ordering && operand.kind == Operand::Kind::kEmpty)
    return "The operator '" + op + "' does not support searching for EMPTY values.";
  return std::nullopt;
}

namespace {

void Check(const Query& query, const Clause& clause, std::vector<Diagnostic>& out) {
  if (const auto* t = std::get_if<TerminalClause>(&clause.node)) {
    if (auto message = OperatorUsageError(*t)) {
      const SourceRange* range = query.Range(t->operand->id);
      out.push_back(Diagnostic{range != nullptr ? *range : SourceRange{}, std::move(*message)});
    }
  } else if (const auto* n = std::get_if<NotClause>(&clause.node)) {
    Check(query, *n->child, out);
  } else if (const auto* a = std::get_if<AndClause>(&clause.node)) {
    for (const ClausePtr& child : a->children) Check(query, *child, out);
  } else if (const auto* o = std::get_if<OrClause>(&clause.node)) {
    for (const ClausePtr& child : o->children) Check(query, *child, out);
  }
}

}  // namespace

std::vector<Diagnostic> CheckOperatorUsage(const Query& query) {
  std::vector<Diagnostic> out;
  if (query.where != nullptr) Check(query, *query.where, out);
  return out;
}

}  // namespace jql
