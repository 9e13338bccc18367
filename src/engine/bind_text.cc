// ~ and !~: the operand is a text query (terms, phrases, wildcards, fuzzy and
// boolean forms) parsed once here and matched by the text index or the analyzer.
#include "bind_steps.h"
#include "text_query.h"

namespace jql::internal {

Node BindText(BindContext& bind, const BoundField& f, Operator op, const Operand& operand,
              Leaf leaf) {
  if (operand.kind == Operand::Kind::kFunction) {
    bind.UnknownFunction(operand);
    return LeafNode(std::move(leaf));
  }
  const std::string text = Echo(operand);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    bind.Error(operand.id,
               "The field '" + f.name + "' does not support searching for an empty string.");
    return LeafNode(std::move(leaf));
  }
  TextQueryError error;
  auto query = ParseTextQuery(text, f.name, &error);
  if (!query) {
    bind.Error(operand.id, error.message);
    return LeafNode(std::move(leaf));
  }
  leaf.kind = Leaf::Kind::kText;
  leaf.inside = op == Operator::kLike;
  leaf.text = std::make_shared<const TextQuery>(std::move(*query));
  return LeafNode(std::move(leaf));
}

}  // namespace jql::internal
