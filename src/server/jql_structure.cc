#include "server/jql_structure.h"

#include <boost/json.hpp>
#include <cctype>

namespace jql::server {
namespace {

namespace json = boost::json;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A field as Jira's structure shows it. An entity property clause is named in full,
// as written ("issue.property[support].priority"), with the entity ("issue", the name
// before ".property"), the property key and the path within its value.
json::object Field(const FieldRef& field) {
  if (field.properties.empty()) {
    return json::object{
        {"name", field.name},
        {"encodedName", ToJql(FieldRef{field.kind, field.name, field.number, {}, 0})}};
  }
  const std::string full =
      ToJql(FieldRef{field.kind, field.name, field.number, field.properties, 0});
  const size_t dot = field.name.find('.');
  const std::string entity = Lower(field.name.substr(0, dot));
  json::array properties;
  for (const FieldProperty& p : field.properties) {
    // The path is written after the key as ".level.code": Jira gives it without the dot.
    std::string path;
    for (const std::string& part : p.path) path += part;
    if (path.starts_with('.')) path.erase(0, 1);
    properties.push_back(json::object{{"entity", entity}, {"key", p.key}, {"path", path}});
  }
  return json::object{{"name", full}, {"encodedName", full}, {"property", std::move(properties)}};
}

json::object OperandJson(const Operand& operand) {
  switch (operand.kind) {
    case Operand::Kind::kEmpty:
      return json::object{{"keyword", "empty"}};
    case Operand::Kind::kString:
      return json::object{{"value", operand.text}, {"encodedValue", QuoteIfNeeded(operand.text)}};
    case Operand::Kind::kNumber:
      return json::object{{"value", std::to_string(operand.number)},
                          {"encodedValue", std::to_string(operand.number)}};
    case Operand::Kind::kFunction: {
      json::array arguments;
      for (const std::string& a : operand.args) arguments.push_back(json::value(a));
      return json::object{{"function", operand.text},
                          {"arguments", std::move(arguments)},
                          {"encodedOperand", ToJql(operand)}};
    }
    case Operand::Kind::kList: {
      json::array values;
      if (operand.elements)
        for (const Operand& e : *operand.elements) values.push_back(OperandJson(e));
      return json::object{{"values", std::move(values)}, {"encodedOperand", ToJql(operand)}};
    }
  }
  return {};
}

json::object ClauseJson(const Clause& clause) {
  if (const auto* t = std::get_if<TerminalClause>(&clause.node)) {
    json::object out{{"field", Field(t->field)}, {"operator", Lower(OperatorText(t->op))}};
    if (t->operand) out["operand"] = OperandJson(*t->operand);
    const bool history = t->op == Operator::kWas || t->op == Operator::kWasNot ||
                         t->op == Operator::kWasIn || t->op == Operator::kWasNotIn ||
                         t->op == Operator::kChanged;
    if (history) {
      json::array predicates;
      for (const Predicate& p : t->predicates)
        predicates.push_back(json::object{{"operator", Lower(PredicateText(p.kind))},
                                          {"operand", OperandJson(p.operand)}});
      out["predicates"] = std::move(predicates);
    }
    return out;
  }
  json::array clauses;
  std::string op;
  if (const auto* a = std::get_if<AndClause>(&clause.node)) {
    op = "and";
    for (const ClausePtr& c : a->children) clauses.push_back(ClauseJson(*c));
  } else if (const auto* o = std::get_if<OrClause>(&clause.node)) {
    op = "or";
    for (const ClausePtr& c : o->children) clauses.push_back(ClauseJson(*c));
  } else {
    op = "not";
    clauses.push_back(ClauseJson(*std::get<NotClause>(clause.node).child));
  }
  return json::object{{"operator", op}, {"clauses", std::move(clauses)}};
}

}  // namespace

json::object QueryStructure(const Query& query) {
  json::object out;
  if (query.where) out["where"] = ClauseJson(*query.where);
  if (!query.order_by.empty()) {
    json::array fields;
    for (const SortKey& key : query.order_by) {
      json::object f{{"field", Field(key.field)}};
      if (key.direction != SortDirection::kDefault)
        f["direction"] = key.direction == SortDirection::kAscending ? "asc" : "desc";
      fields.push_back(std::move(f));
    }
    out["orderBy"] = json::object{{"fields", std::move(fields)}};
  }
  return out;
}

}  // namespace jql::server
