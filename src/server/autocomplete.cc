#include "server/autocomplete.h"

#include <boost/json/array.hpp>
#include <string>

#include "jql/fields.h"
#include "jql/functions.h"
#include "jql/parser.h"

namespace jql::server {
namespace json = boost::json;

namespace {

// The Java type Jira names for a field's or function's values.
std::string_view ValueType(ValueKind kind, Dictionary dictionary, ValueSyntax syntax) {
  if (syntax == ValueSyntax::kStatusCategory)
    return "com.atlassian.jira.issue.status.category.StatusCategory";
  if (syntax == ValueSyntax::kProjectType) return "com.atlassian.jira.project.type.ProjectType";
  switch (kind) {
    case ValueKind::kDate:
      return "java.util.Date";
    case ValueKind::kNumber:
      return "java.lang.Number";
    case ValueKind::kText:
      return "java.lang.String";
    case ValueKind::kKey:
    case ValueKind::kIssueRef:
      return "com.atlassian.jira.issue.Issue";
    default:
      break;
  }
  switch (dictionary) {
    case Dictionary::kProjects:
      return "com.atlassian.jira.project.Project";
    case Dictionary::kIssueTypes:
      return "com.atlassian.jira.issue.issuetype.IssueType";
    case Dictionary::kStatuses:
      return "com.atlassian.jira.issue.status.Status";
    case Dictionary::kResolutions:
      return "com.atlassian.jira.issue.resolution.Resolution";
    case Dictionary::kPriorities:
      return "com.atlassian.jira.issue.priority.Priority";
    case Dictionary::kUsers:
      return "com.atlassian.jira.user.ApplicationUser";
    case Dictionary::kLabels:
      return "com.atlassian.jira.issue.label.Label";
    case Dictionary::kComponents:
      return "com.atlassian.jira.bc.project.component.ProjectComponent";
    case Dictionary::kVersions:
      return "com.atlassian.jira.project.version.Version";
    case Dictionary::kSprints:
      return "com.atlassian.greenhopper.service.sprint.Sprint";
    case Dictionary::kOptions:
      return "com.atlassian.jira.issue.customfields.option.Option";
    case Dictionary::kNone:
      break;
  }
  return "java.lang.String";
}

constexpr Operator kOperators[] = {
    Operator::kEquals,   Operator::kNotEquals,   Operator::kLike,       Operator::kNotLike,
    Operator::kLessThan, Operator::kGreaterThan, Operator::kLessEquals, Operator::kGreaterEquals,
    Operator::kIn,       Operator::kNotIn,       Operator::kIs,         Operator::kIsNot,
    Operator::kWas,      Operator::kWasNot,      Operator::kWasIn,      Operator::kWasNotIn,
    Operator::kChanged};

// One field as the editor completes it. Jira writes the flags as strings.
json::object FieldEntry(const FieldDescriptor& f, std::string value, std::string display) {
  json::array operators;
  for (Operator op : kOperators) {
    if (f.Supports(op)) operators.emplace_back(FoldCase(OperatorText(op)));
  }
  return json::object{
      {"value", std::move(value)},
      {"displayName", std::move(display)},
      {"orderable", f.sort != SortRule::kNone ? "true" : "false"},
      {"searchable", "true"},
      {"operators", std::move(operators)},
      {"types", json::array{json::string(ValueType(f.kind, f.dictionary, f.syntax))}}};
}

}  // namespace

json::object AutocompleteDataJson(const Catalog& catalog) {
  json::array fields;
  for (const FieldDescriptor& f : SystemFields()) {
    for (std::string_view name : f.clause_names) {
      json::object entry = FieldEntry(f, std::string(name), std::string(name));
      if (name.starts_with("cf[")) entry["cfid"] = name;
      fields.push_back(std::move(entry));
    }
  }
  for (const CustomField& def : catalog.custom_fields.items()) {
    const std::string cfid = "cf[" + std::to_string(def.id) + "]";
    json::object entry = FieldEntry(CustomFieldKind(def.type), cfid, def.name + " - " + cfid);
    entry["cfid"] = cfid;
    fields.push_back(std::move(entry));
  }
  json::array functions;
  for (const FunctionInfo& fn : ListFunctions()) {
    for (std::string_view name : fn.names) {
      const std::string call = std::string(name) + "()";
      json::object entry{
          {"value", call},
          {"displayName", call},
          {"types",
           json::array{json::string(ValueType(fn.kind, fn.dictionary, ValueSyntax::kDictionary))}}};
      if (fn.list) entry["isList"] = "true";
      functions.push_back(std::move(entry));
    }
  }
  json::array reserved;
  for (std::string_view word : ReservedWords()) reserved.emplace_back(word);
  return json::object{{"visibleFieldNames", std::move(fields)},
                      {"visibleFunctionNames", std::move(functions)},
                      {"jqlReservedWords", std::move(reserved)}};
}

}  // namespace jql::server
