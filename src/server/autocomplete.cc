#include "server/autocomplete.h"

#include <boost/json/array.hpp>
#include <charconv>
#include <optional>
#include <set>
#include <string>

#include "common/html_escape.h"
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

namespace {

constexpr size_t kMostSuggestions = 15;

// Where in `name` the typed text starts it or one of its words; npos when nowhere.
size_t MatchAt(std::string_view name, const std::string& typed_folded) {
  const std::string folded = FoldCase(name);
  if (typed_folded.empty()) return 0;
  for (size_t at = folded.find(typed_folded); at != std::string::npos;
       at = folded.find(typed_folded, at + 1)) {
    if (at == 0 || folded[at - 1] == ' ' || folded[at - 1] == '-' || folded[at - 1] == '(')
      return at;
  }
  return std::string::npos;
}

// "<b>Ac</b>tiveObjects" plus what tells equal names apart (a project's key, a user's
// e-mail).
std::string DisplayName(std::string_view name, size_t at, size_t length, std::string_view extra) {
  std::string out;
  internal::AppendHtmlEscaped(name.substr(0, at), out);
  if (length > 0) {
    out += "<b>";
    internal::AppendHtmlEscaped(name.substr(at, length), out);
    out += "</b>";
  }
  internal::AppendHtmlEscaped(name.substr(at + length), out);
  if (!extra.empty()) {
    out += " (";
    internal::AppendHtmlEscaped(extra, out);
    out += ")";
  }
  return out;
}

}  // namespace

json::object AutocompleteSuggestionsJson(const Catalog& catalog, const SuggestionRequest& request) {
  Dictionary dictionary = Dictionary::kNone;
  const CustomField* custom = nullptr;
  std::string typed = request.field_value;
  if (!request.predicate_name.empty()) {
    // BY names a user; the other predicates take dates or the field's own values.
    typed = request.predicate_value;
    if (FoldCase(request.predicate_name) == "by") dictionary = Dictionary::kUsers;
  }
  if (dictionary == Dictionary::kNone) {
    if (const FieldDescriptor* f = FindSystemField(request.field_name)) {
      if (f->syntax != ValueSyntax::kStatusCategory && f->syntax != ValueSyntax::kProjectType &&
          f->syntax != ValueSyntax::kHierarchyLevel)
        dictionary = f->dictionary;
    } else {
      std::optional<Code> code;
      const std::string& name = request.field_name;
      int64_t number = 0;
      const bool cf = name.size() > 4 && FoldCase(name.substr(0, 3)) == "cf[" && name.back() == ']';
      if (cf && std::from_chars(name.data() + 3, name.data() + name.size() - 1, number).ec ==
                    std::errc()) {
        code = catalog.custom_fields.FindById(number);
      } else if (const auto named = catalog.custom_fields.FindByName(name); !named.empty()) {
        code = named.front();
      }
      if (code) {
        custom = &catalog.custom_fields[*code];
        dictionary = CustomFieldKind(custom->type).dictionary;
      }
    }
  }
  json::array results;
  if (dictionary != Dictionary::kNone) {
    const std::string folded = FoldCase(typed);
    std::set<std::string> seen;  // versions and components of several projects share names
    const size_t size = DictionarySize(catalog, dictionary, custom);
    for (Code code = 0; code < size && results.size() < kMostSuggestions; ++code) {
      std::string_view name = DictionaryName(catalog, dictionary, code, custom);
      std::string value(name);
      std::string_view extra;
      if (dictionary == Dictionary::kUsers) {
        value = catalog.users[code].account_id;
        extra = catalog.users[code].email;
        if (!catalog.users[code].active) continue;
      } else if (dictionary == Dictionary::kProjects) {
        extra = catalog.projects[code].key;
        if (catalog.projects[code].archived) continue;
      }
      size_t at = MatchAt(name, folded);
      if (at == std::string::npos && !extra.empty() && MatchAt(extra, folded) == 0) at = 0;
      if (at == std::string::npos || !seen.insert(value).second) continue;
      const size_t bold = MatchAt(name, folded) == std::string::npos ? 0 : typed.size();
      results.push_back(
          json::object{{"value", value}, {"displayName", DisplayName(name, at, bold, extra)}});
    }
  }
  return json::object{{"results", std::move(results)}};
}

}  // namespace jql::server
