// Canonical JQL and the debug tree. No ANTLR here: what lexes as a bare string is
// decided from the same character classes the grammar uses (lexical.h).
#include <cstdio>
#include <string>

#include "jql/ast.h"
#include "lexical.h"
#include "source_text.h"

namespace jql {
namespace {

using internal::DecodeUtf8At;

bool LooksLikeNumber(std::string_view text) {
  size_t i = text.size() > 1 && text[0] == '-' ? 1 : 0;
  if (i == text.size()) return false;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

bool CanStandBare(std::string_view text) {
  if (text.empty() || LooksLikeNumber(text) || internal::IsKeyword(text) ||
      internal::IsReservedWord(text) || internal::FindInvalidUtf8(text).has_value()) {
    return false;
  }
  for (size_t i = 0; i < text.size();) {
    size_t length;
    if (!internal::IsUnquotedChar(DecodeUtf8At(text, i, &length))) return false;
    i += length;
  }
  return true;
}

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    size_t length;
    const uint32_t cp = DecodeUtf8At(text, i, &length);
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (internal::IsQuotedChar(cp, '"')) {
          out.append(text.substr(i, length));
        } else {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", cp);
          out += buffer;
        }
    }
    i += length;
  }
  out += '"';
  return out;
}

// Function names and arguments may also be numbers, which lex as numbers unquoted.
std::string Word(std::string_view text) {
  if (LooksLikeNumber(text) && text.size() < 19) return std::string(text);
  return QuoteIfNeeded(text);
}

void PrintClause(const Clause& clause, int parent_precedence, std::string& out);

// Binding strength: OR 1, AND 2, NOT and terminals 3.
int Precedence(const Clause& clause) {
  if (std::holds_alternative<OrClause>(clause.node)) return 1;
  if (std::holds_alternative<AndClause>(clause.node)) return 2;
  return 3;
}

void PrintJoined(const std::vector<ClausePtr>& children, std::string_view joiner, int precedence,
                 std::string& out) {
  for (size_t i = 0; i < children.size(); ++i) {
    if (i > 0) out += joiner;
    // A child of the same connective needs parentheses to stay a separate node.
    PrintClause(*children[i], precedence + 1, out);
  }
}

void PrintTerminal(const TerminalClause& t, std::string& out) {
  out += ToJql(t.field);
  out += ' ';
  out += OperatorText(t.op);
  if (t.operand.has_value() && t.op != Operator::kIs && t.op != Operator::kIsNot) {
    out += ' ';
    out += ToJql(*t.operand);
  } else if (t.operand.has_value()) {
    out += " EMPTY";
  }
  for (const Predicate& p : t.predicates) {
    out += ' ';
    out += PredicateText(p.kind);
    out += ' ';
    out += ToJql(p.operand);
  }
}

void PrintClause(const Clause& clause, int parent_precedence, std::string& out) {
  const int precedence = Precedence(clause);
  const bool parens = precedence < parent_precedence && precedence < 3;
  if (parens) out += '(';
  if (const auto* t = std::get_if<TerminalClause>(&clause.node)) {
    PrintTerminal(*t, out);
  } else if (const auto* a = std::get_if<AndClause>(&clause.node)) {
    PrintJoined(a->children, " AND ", 2, out);
  } else if (const auto* o = std::get_if<OrClause>(&clause.node)) {
    PrintJoined(o->children, " OR ", 1, out);
  } else {
    const auto& n = std::get<NotClause>(clause.node);
    out += "NOT ";
    PrintClause(*n.child, 3, out);
  }
  if (parens) out += ')';
}

void DebugOperand(const Operand& operand, int depth, std::string& out) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
  switch (operand.kind) {
    case Operand::Kind::kEmpty:
      out += "empty\n";
      return;
    case Operand::Kind::kString:
      out += "string " + Quote(operand.text) + "\n";
      return;
    case Operand::Kind::kNumber:
      out += "number " + std::to_string(operand.number) + "\n";
      return;
    case Operand::Kind::kFunction:
      out += "function " + ToJql(operand) + "\n";
      return;
    case Operand::Kind::kList:
      out += "list\n";
      for (const Operand& e : *operand.elements) DebugOperand(e, depth + 1, out);
      return;
  }
}

void DebugClause(const Clause& clause, int depth, std::string& out) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
  if (const auto* t = std::get_if<TerminalClause>(&clause.node)) {
    out += "clause field=" + ToJql(t->field) + " op=" + std::string(OperatorName(t->op)) + "\n";
    if (t->operand.has_value()) DebugOperand(*t->operand, depth + 1, out);
    for (const Predicate& p : t->predicates) {
      out.append(static_cast<size_t>(depth + 1) * 2, ' ');
      out += "predicate " + std::string(PredicateText(p.kind)) + "\n";
      DebugOperand(p.operand, depth + 2, out);
    }
  } else if (const auto* a = std::get_if<AndClause>(&clause.node)) {
    out += "and\n";
    for (const auto& c : a->children) DebugClause(*c, depth + 1, out);
  } else if (const auto* o = std::get_if<OrClause>(&clause.node)) {
    out += "or\n";
    for (const auto& c : o->children) DebugClause(*c, depth + 1, out);
  } else {
    out += "not\n";
    DebugClause(*std::get<NotClause>(clause.node).child, depth + 1, out);
  }
}

}  // namespace

std::string_view OperatorText(Operator op) {
  switch (op) {
    case Operator::kEquals:
      return "=";
    case Operator::kNotEquals:
      return "!=";
    case Operator::kLike:
      return "~";
    case Operator::kNotLike:
      return "!~";
    case Operator::kLessThan:
      return "<";
    case Operator::kGreaterThan:
      return ">";
    case Operator::kLessEquals:
      return "<=";
    case Operator::kGreaterEquals:
      return ">=";
    case Operator::kIn:
      return "IN";
    case Operator::kNotIn:
      return "NOT IN";
    case Operator::kIs:
      return "IS";
    case Operator::kIsNot:
      return "IS NOT";
    case Operator::kWas:
      return "WAS";
    case Operator::kWasNot:
      return "WAS NOT";
    case Operator::kWasIn:
      return "WAS IN";
    case Operator::kWasNotIn:
      return "WAS NOT IN";
    case Operator::kChanged:
      return "CHANGED";
  }
  return "?";
}

std::string_view OperatorName(Operator op) {
  switch (op) {
    case Operator::kEquals:
      return "EQUALS";
    case Operator::kNotEquals:
      return "NOT_EQUALS";
    case Operator::kLike:
      return "LIKE";
    case Operator::kNotLike:
      return "NOT_LIKE";
    case Operator::kLessThan:
      return "LESS_THAN";
    case Operator::kGreaterThan:
      return "GREATER_THAN";
    case Operator::kLessEquals:
      return "LESS_THAN_EQUALS";
    case Operator::kGreaterEquals:
      return "GREATER_THAN_EQUALS";
    case Operator::kIn:
      return "IN";
    case Operator::kNotIn:
      return "NOT_IN";
    case Operator::kIs:
      return "IS";
    case Operator::kIsNot:
      return "IS_NOT";
    case Operator::kWas:
      return "WAS";
    case Operator::kWasNot:
      return "WAS_NOT";
    case Operator::kWasIn:
      return "WAS_IN";
    case Operator::kWasNotIn:
      return "WAS_NOT_IN";
    case Operator::kChanged:
      return "CHANGED";
  }
  return "?";
}

std::string_view PredicateText(PredicateKind kind) {
  switch (kind) {
    case PredicateKind::kAfter:
      return "AFTER";
    case PredicateKind::kBefore:
      return "BEFORE";
    case PredicateKind::kOn:
      return "ON";
    case PredicateKind::kDuring:
      return "DURING";
    case PredicateKind::kBy:
      return "BY";
    case PredicateKind::kFrom:
      return "FROM";
    case PredicateKind::kTo:
      return "TO";
  }
  return "?";
}

std::string QuoteIfNeeded(std::string_view text) {
  return CanStandBare(text) ? std::string(text) : Quote(text);
}

std::string ToJql(const FieldRef& field) {
  std::string out;
  switch (field.kind) {
    case FieldRef::Kind::kNumber:
      out = std::to_string(field.number);
      break;
    case FieldRef::Kind::kCustomField:
      out = "cf[" + std::to_string(field.number) + "]";
      break;
    case FieldRef::Kind::kName:
      out = QuoteIfNeeded(field.name);
      break;
  }
  for (const FieldProperty& p : field.properties) {
    out += '[';
    out += Word(p.key);
    out += ']';
    for (size_t i = 0; i < p.path.size(); ++i) {
      if (i > 0) out += ' ';
      out += Word(p.path[i]);
    }
  }
  return out;
}

std::string DisplayOperand(const Operand& operand) {
  switch (operand.kind) {
    case Operand::Kind::kEmpty:
      return "EMPTY";
    case Operand::Kind::kString:
      return "\"" + operand.text + "\"";
    case Operand::Kind::kNumber:
      return std::to_string(operand.number);
    case Operand::Kind::kFunction: {
      std::string out = operand.text + "(";
      for (size_t i = 0; i < operand.args.size(); ++i) {
        if (i > 0) out += ", ";
        out += operand.args[i];
      }
      return out + ")";
    }
    case Operand::Kind::kList: {
      std::string out = "(";
      for (size_t i = 0; i < operand.elements->size(); ++i) {
        if (i > 0) out += ", ";
        out += DisplayOperand((*operand.elements)[i]);
      }
      return out + ")";
    }
  }
  return {};
}

std::string ToJql(const Operand& operand) {
  switch (operand.kind) {
    case Operand::Kind::kEmpty:
      return "EMPTY";
    case Operand::Kind::kString:
      return QuoteIfNeeded(operand.text);
    case Operand::Kind::kNumber:
      return std::to_string(operand.number);
    case Operand::Kind::kFunction: {
      std::string out = Word(operand.text) + "(";
      for (size_t i = 0; i < operand.args.size(); ++i) {
        if (i > 0) out += ", ";
        out += Word(operand.args[i]);
      }
      return out + ")";
    }
    case Operand::Kind::kList: {
      std::string out = "(";
      for (size_t i = 0; i < operand.elements->size(); ++i) {
        if (i > 0) out += ", ";
        out += ToJql((*operand.elements)[i]);
      }
      return out + ")";
    }
  }
  return {};
}

std::string ToJql(const Clause& clause) {
  std::string out;
  PrintClause(clause, 0, out);
  return out;
}

std::string ToJql(const Query& query) {
  std::string out;
  if (query.where != nullptr) PrintClause(*query.where, 0, out);
  if (!query.order_by.empty()) {
    if (!out.empty()) out += ' ';
    out += "ORDER BY ";
    for (size_t i = 0; i < query.order_by.size(); ++i) {
      if (i > 0) out += ", ";
      out += ToJql(query.order_by[i].field);
      if (query.order_by[i].direction == SortDirection::kAscending) out += " ASC";
      if (query.order_by[i].direction == SortDirection::kDescending) out += " DESC";
    }
  }
  return out;
}

std::string DebugString(const Query& query) {
  std::string out;
  if (query.where != nullptr) {
    DebugClause(*query.where, 0, out);
  } else {
    out += "all issues\n";
  }
  for (const SortKey& key : query.order_by) {
    out += "order by " + ToJql(key.field);
    if (key.direction == SortDirection::kAscending) out += " ASC";
    if (key.direction == SortDirection::kDescending) out += " DESC";
    out += '\n';
  }
  return out;
}

}  // namespace jql
