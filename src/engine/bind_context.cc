#include "bind_context.h"

#include <charconv>

#include "function_registry.h"

namespace jql::internal {

void BindContext::Error(NodeId id, std::string message) {
  const SourceRange* range = query_.Range(id);
  errors_->push_back(Diagnostic{range != nullptr ? *range : SourceRange{}, std::move(message)});
}

void BindContext::UserCodes(std::string_view text, std::vector<Code>& codes) const {
  if (auto c = catalog.FindUserByAccountId(text)) {
    codes.push_back(*c);
    return;
  }
  for (Code c : catalog.users.FindByName(text)) codes.push_back(c);
}

std::optional<Code> BindContext::ProjectArgument(const Operand& fn, const std::string& text) {
  if (auto c = catalog.FindProjectByKey(text)) return c;
  const auto named = catalog.projects.FindByName(text);
  if (!named.empty()) return named.front();
  int64_t id;
  if (ParseInteger(text, &id)) {
    if (auto c = catalog.projects.FindById(id)) return c;
  }
  Error(fn.id, "The value '" + text + "' does not exist for the field 'project'.");
  return std::nullopt;
}

void BindContext::UnknownFunction(const Operand& fn) {
  std::string call = fn.text + "(";
  for (size_t i = 0; i < fn.args.size(); ++i) call += (i ? ", " : "") + fn.args[i];
  Error(fn.id, "Unable to find JQL function '" + call + ")'.");
}

std::optional<DateValue> BindContext::DateOf(const std::string& subject, const Operand& o) {
  if (o.kind == Operand::Kind::kNumber) return DateValue{o.number, 1};  // epoch ms
  if (o.kind == Operand::Kind::kFunction) {
    const FunctionDescriptor* fn = FindFunction(o.text, FunctionKind::kDate, nullptr);
    if (fn == nullptr) {
      UnknownFunction(o);
      return std::nullopt;
    }
    if (!CheckArity(*this, *fn, o)) return std::nullopt;
    const auto value = fn->date(*this, o);
    if (!value) return std::nullopt;
    return DateValue{*value, 1};
  }
  if (auto d = ParseDateText(o.text, context)) return d;
  Error(o.id, "Date value '" + o.text + "' for " + subject +
                  " is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', "
                  "'yyyy/MM/dd', "
                  "'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.");
  return std::nullopt;
}

std::string Echo(const Operand& o) {
  return o.kind == Operand::Kind::kNumber ? std::to_string(o.number) : o.text;
}

bool ListHasEmpty(const Operand& o) {
  if (o.kind != Operand::Kind::kList) return false;
  for (const Operand& e : *o.elements) {
    if (e.kind == Operand::Kind::kEmpty || ListHasEmpty(e)) return true;
  }
  return false;
}

void Flatten(const Operand& o, std::vector<const Operand*>& out) {
  if (o.kind == Operand::Kind::kList) {
    for (const Operand& e : *o.elements) Flatten(e, out);
  } else {
    out.push_back(&o);
  }
}

bool ParseInteger(std::string_view s, int64_t* out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

Operator Flip(Operator op) {
  switch (op) {
    case Operator::kEquals:
      return Operator::kNotEquals;
    case Operator::kNotEquals:
      return Operator::kEquals;
    case Operator::kLike:
      return Operator::kNotLike;
    case Operator::kNotLike:
      return Operator::kLike;
    case Operator::kLessThan:
      return Operator::kGreaterEquals;
    case Operator::kGreaterEquals:
      return Operator::kLessThan;
    case Operator::kGreaterThan:
      return Operator::kLessEquals;
    case Operator::kLessEquals:
      return Operator::kGreaterThan;
    case Operator::kIn:
      return Operator::kNotIn;
    case Operator::kNotIn:
      return Operator::kIn;
    case Operator::kIs:
      return Operator::kIsNot;
    case Operator::kIsNot:
      return Operator::kIs;
    case Operator::kWas:
      return Operator::kWasNot;
    case Operator::kWasNot:
      return Operator::kWas;
    case Operator::kWasIn:
      return Operator::kWasNotIn;
    case Operator::kWasNotIn:
      return Operator::kWasIn;
    case Operator::kChanged:
      return Operator::kChanged;
  }
  return op;
}

bool IsHistoryOperator(Operator op) {
  return op == Operator::kWas || op == Operator::kWasNot || op == Operator::kWasIn ||
         op == Operator::kWasNotIn || op == Operator::kChanged;
}

bool IsOrdering(Operator op) {
  return op == Operator::kLessThan || op == Operator::kGreaterThan || op == Operator::kLessEquals ||
         op == Operator::kGreaterEquals;
}

bool IsPositive(Operator op) {
  return op == Operator::kEquals || op == Operator::kIn || op == Operator::kLike;
}

bool IsListOperator(Operator op) {
  return op == Operator::kIn || op == Operator::kNotIn || op == Operator::kWasIn ||
         op == Operator::kWasNotIn;
}

Node LeafNode(Leaf leaf) {
  Node node;
  node.leaf = std::move(leaf);
  return node;
}

}  // namespace jql::internal
