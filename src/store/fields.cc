// The field registry: Jira's system fields and custom field kinds as descriptors.
#include "jql/fields.h"

#include <array>

// The tables below name only the members that differ from the defaults; GCC 12 warns
// about every member a designated initializer leaves to its default.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace jql {
namespace {

using O = Operator;

// The operator families of jql-language.md §3, as fields combine them.
constexpr OperatorSet kEquality{O::kEquals, O::kNotEquals, O::kIn, O::kNotIn};
constexpr OperatorSet kOrdering{O::kLessThan, O::kGreaterThan, O::kLessEquals, O::kGreaterEquals};
constexpr OperatorSet kIsEmpty{O::kIs, O::kIsNot};
constexpr OperatorSet kHistory{O::kWas, O::kWasNot, O::kWasIn, O::kWasNotIn, O::kChanged};
constexpr OperatorSet kContains{O::kLike, O::kNotLike};

std::vector<FieldDescriptor> MakeSystemFields() {
  std::vector<FieldDescriptor> f;
  auto add = [&f](FieldDescriptor d) -> FieldDescriptor& { return f.emplace_back(std::move(d)); };

  // Coded fields.
  add({.id = "project",
       .name = "Project",
       .jql_name = "project",
       .clause_names = {"project", "space"},
       .kind = ValueKind::kCoded,
       .column = ColumnId::kProject,
       .dictionary = Dictionary::kProjects,
       .syntax = ValueSyntax::kProject,
       .operators = kEquality | kIsEmpty,
       .sort = SortRule::kName,
       .schema = {"project", "", "project", ""},
       .json = JsonEncoding::kProject});
  add({.id = "issuetype",
       .name = "Issue Type",
       .jql_name = "issuetype",
       .clause_names = {"issuetype", "type", "worktype"},
       .kind = ValueKind::kCoded,
       .column = ColumnId::kIssueType,
       .dictionary = Dictionary::kIssueTypes,
       .operators = kEquality | kIsEmpty,
       .sort = SortRule::kCatalogId,
       .orderable = true,
       .schema = {"issuetype", "", "issuetype", ""},
       .json = JsonEncoding::kIssueType});
  add({.id = "status",
       .name = "Status",
       .jql_name = "status",
       .clause_names = {"status"},
       .kind = ValueKind::kCoded,
       .column = ColumnId::kStatus,
       .dictionary = Dictionary::kStatuses,
       .operators = kEquality | kIsEmpty | kHistory,
       .history = HistoryField::kStatus,
       .sort = SortRule::kCatalogId,
       .schema = {"status", "", "status", ""},
       .json = JsonEncoding::kStatus});
  add({.id = "statusCategory",
       .name = "Status Category",
       .jql_name = "statusCategory",
       .clause_names = {"statusCategory"},
       .kind = ValueKind::kCoded,
       .column = ColumnId::kStatus,
       .dictionary = Dictionary::kStatuses,
       .syntax = ValueSyntax::kStatusCategory,
       .operators = kEquality,
       .schema = {"statusCategory", "", "statusCategory", ""}});
  add({.id = "resolution",
       .name = "Resolution",
       .jql_name = "resolution",
       .clause_names = {"resolution"},
       .kind = ValueKind::kCoded,
       .column = ColumnId::kResolution,
       .dictionary = Dictionary::kResolutions,
       .syntax = ValueSyntax::kUnresolved,
       .order = CodeOrder::kResolution,
       .operators = kEquality | kOrdering | kIsEmpty | kHistory,
       .searches_empty = true,
       .history = HistoryField::kResolution,
       .sort = SortRule::kCatalogId,
       .orderable = true,
       .schema = {"resolution", "", "resolution", ""},
       .json = JsonEncoding::kEntity});
  add({.id = "priority",
       .name = "Priority",
       .jql_name = "priority",
       .clause_names = {"priority"},
       .kind = ValueKind::kCoded,
       .column = ColumnId::kPriority,
       .dictionary = Dictionary::kPriorities,
       .order = CodeOrder::kPriority,
       .operators = kEquality | kOrdering | kIsEmpty | kHistory,
       .searches_empty = true,
       .history = HistoryField::kPriority,
       .sort = SortRule::kPriority,
       .orderable = true,
       .schema = {"priority", "", "priority", ""},
       .json = JsonEncoding::kEntity});
  for (auto [id, name, history, orderable] : {std::tuple{"assignee", "Assignee", true, true},
                                              std::tuple{"reporter", "Reporter", true, true},
                                              std::tuple{"creator", "Creator", false, false}}) {
    const std::string_view sid = id;
    add({.id = sid,
         .name = name,
         .jql_name = sid,
         .clause_names = {sid},
         .kind = ValueKind::kCoded,
         .column = sid == "assignee"   ? ColumnId::kAssignee
                   : sid == "reporter" ? ColumnId::kReporter
                                       : ColumnId::kCreator,
         .dictionary = Dictionary::kUsers,
         .operators = kEquality | kIsEmpty | (history ? kHistory : OperatorSet{}),
         .searches_empty = true,
         .history = !history            ? std::nullopt
                    : sid == "assignee" ? std::optional(HistoryField::kAssignee)
                                        : std::optional(HistoryField::kReporter),
         .sort = SortRule::kName,
         .orderable = orderable,
         .schema = {"user", "", sid, ""},
         .json = JsonEncoding::kUser});
  }

  // Dates.
  for (auto [id, name, jql, clauses, column, date] :
       {std::tuple{"created", "Created", "created",
                   std::vector<std::string_view>{"created", "createdDate"}, ColumnId::kCreated,
                   false},
        std::tuple{"updated", "Updated", "updated",
                   std::vector<std::string_view>{"updated", "updatedDate"}, ColumnId::kUpdated,
                   false},
        std::tuple{"resolutiondate", "Resolved", "resolved",
                   std::vector<std::string_view>{"resolved", "resolutiondate"}, ColumnId::kResolved,
                   false},
        std::tuple{"duedate", "Due date", "due", std::vector<std::string_view>{"due", "duedate"},
                   ColumnId::kDue, true}}) {
    add({.id = id,
         .name = name,
         .jql_name = jql,
         .clause_names = clauses,
         .kind = ValueKind::kDate,
         .column = column,
         .syntax = ValueSyntax::kNone,
         .operators = kEquality | kOrdering | kIsEmpty,
         .searches_empty = true,
         .sort = SortRule::kValue,
         .orderable = date,  // the due date is set on screens; the others are not
         .schema = {date ? "date" : "datetime", "", id, ""},
         .json = date ? JsonEncoding::kDate : JsonEncoding::kDateTime});
  }

  // Lists of codes.
  add({.id = "labels",
       .name = "Labels",
       .jql_name = "labels",
       .clause_names = {"labels", "label"},
       .kind = ValueKind::kMultiCoded,
       .column = ColumnId::kLabels,
       .dictionary = Dictionary::kLabels,
       .syntax = ValueSyntax::kFreeLabel,
       .operators = kEquality | kIsEmpty,
       .searches_empty = true,
       .sort = SortRule::kName,
       .orderable = true,
       .schema = {"array", "string", "labels", ""},
       .json = JsonEncoding::kStrings});
  add({.id = "components",
       .name = "Components",
       .jql_name = "component",
       .clause_names = {"component"},
       .kind = ValueKind::kMultiCoded,
       .column = ColumnId::kComponents,
       .dictionary = Dictionary::kComponents,
       .operators = kEquality | kIsEmpty,
       .searches_empty = true,
       .sort = SortRule::kName,
       .orderable = true,
       .schema = {"array", "component", "components", ""},
       .json = JsonEncoding::kEntities});
  add({.id = "fixVersions",
       .name = "Fix versions",
       .jql_name = "fixVersion",
       .clause_names = {"fixVersion"},
       .kind = ValueKind::kMultiCoded,
       .column = ColumnId::kFixVersions,
       .dictionary = Dictionary::kVersions,
       .order = CodeOrder::kVersion,
       .operators = kEquality | kOrdering | kIsEmpty | kHistory,
       .searches_empty = true,
       .history = HistoryField::kFixVersion,
       .sort = SortRule::kVersion,
       .orderable = true,
       .schema = {"array", "version", "fixVersions", ""},
       .json = JsonEncoding::kVersions});
  add({.id = "versions",
       .name = "Affects versions",
       .jql_name = "affectedVersion",
       .clause_names = {"affectedVersion", "affectsVersion"},
       .kind = ValueKind::kMultiCoded,
       .column = ColumnId::kAffectedVersions,
       .dictionary = Dictionary::kVersions,
       .order = CodeOrder::kVersion,
       .operators = kEquality | kOrdering | kIsEmpty,
       .searches_empty = true,
       .sort = SortRule::kVersion,
       .orderable = true,
       .schema = {"array", "version", "versions", ""},
       .json = JsonEncoding::kVersions});
  // Jira Software's Sprint is a custom field; its id is the one Jira Cloud gives it.
  add({.id = "customfield_10020",
       .name = "Sprint",
       .jql_name = "sprint",
       .clause_names = {"sprint", "cf[10020]"},
       .kind = ValueKind::kMultiCoded,
       .column = ColumnId::kSprints,
       .dictionary = Dictionary::kSprints,
       .operators = kEquality | kIsEmpty,
       .searches_empty = true,
       .sort = SortRule::kCatalogId,
       .orderable = true,
       .schema = {"array", "json", "", "com.pyxis.greenhopper.jira:gh-sprint"},
       .json = JsonEncoding::kSprints});
  // `watcher` searches who watches; Jira lists no field of that name (the watchers
  // are the `watches` field, whose clause counts them).
  add({.id = "watcher",
       .name = "Watcher",
       .jql_name = "watcher",
       .clause_names = {"watcher"},
       .kind = ValueKind::kMultiCoded,
       .column = ColumnId::kWatchers,
       .dictionary = Dictionary::kUsers,
       .operators = kEquality | kIsEmpty,
       .searches_empty = true,
       .sort = SortRule::kName,
       .navigable = false,
       .listed = false});
  add({.id = "watches",
       .name = "Watchers",
       .jql_name = "watchers",
       .clause_names = {"watchers"},
       .kind = ValueKind::kNumber,
       .column = ColumnId::kWatcherCount,
       .syntax = ValueSyntax::kNone,
       .operators = kEquality | kOrdering,
       .sort = SortRule::kValue,
       .schema = {"watches", "", "watches", ""},
       .json = JsonEncoding::kWatches});
  add({.id = "votes",
       .name = "Votes",
       .jql_name = "votes",
       .clause_names = {"votes"},
       .kind = ValueKind::kNumber,
       .column = ColumnId::kVotes,
       .syntax = ValueSyntax::kNone,
       .operators = kEquality | kOrdering,
       .sort = SortRule::kValue,
       .schema = {"votes", "", "votes", ""},
       .json = JsonEncoding::kVotes});

  // The issue itself and its parent.
  add({.id = "issuekey",
       .name = "Key",
       .jql_name = "key",
       .clause_names = {"key", "issuekey", "id", "issue", "workitem", "workitemkey"},
       .kind = ValueKind::kKey,
       .column = ColumnId::kKey,
       .syntax = ValueSyntax::kNone,
       .operators = kEquality | kOrdering,
       .sort = SortRule::kIssueKey});
  add({.id = "parent",
       .name = "Parent",
       .jql_name = "parent",
       .clause_names = {"parent"},
       .kind = ValueKind::kIssueRef,
       .column = ColumnId::kParent,
       .syntax = ValueSyntax::kNone,
       .operators = kEquality,
       .searches_empty = true,
       .orderable = true,
       .schema = {"issuelink", "", "parent", ""},
       .json = JsonEncoding::kIssueRef});
  add({.id = "projectType",
       .name = "Project type",
       .jql_name = "projectType",
       .clause_names = {"projectType"},
       .kind = ValueKind::kCoded,
       .column = ColumnId::kProject,
       .dictionary = Dictionary::kProjects,
       .syntax = ValueSyntax::kProjectType,
       .operators = kEquality,
       .navigable = false,
       .listed = false});
  add({.id = "hierarchyLevel",
       .name = "Hierarchy level",
       .jql_name = "hierarchyLevel",
       .clause_names = {"hierarchyLevel"},
       .kind = ValueKind::kNumber,
       .column = ColumnId::kIssueType,
       .dictionary = Dictionary::kIssueTypes,
       .syntax = ValueSyntax::kHierarchyLevel,
       .operators = kEquality | kOrdering,
       .sort = SortRule::kCatalogId,  // by the issue type, as levels follow types
       .navigable = false,
       .listed = false});

  // Text.
  add({.id = "summary",
       .name = "Summary",
       .jql_name = "summary",
       .clause_names = {"summary"},
       .kind = ValueKind::kText,
       .column = ColumnId::kSummary,
       .syntax = ValueSyntax::kNone,
       .operators = kContains | kIsEmpty,
       .orderable = true,
       .schema = {"string", "", "summary", ""},
       .json = JsonEncoding::kText});
  for (auto [id, name, column] :
       {std::tuple{"description", "Description", ColumnId::kDescription},
        std::tuple{"environment", "Environment", ColumnId::kEnvironment}}) {
    add({.id = id,
         .name = name,
         .jql_name = id,
         .clause_names = {id},
         .kind = ValueKind::kText,
         .column = column,
         .syntax = ValueSyntax::kNone,
         .operators = kContains | kIsEmpty,
         .searches_empty = true,
         .orderable = true,
         .schema = {"string", "", id, ""},
         .json = JsonEncoding::kText});
  }
  add({.id = "comment",
       .name = "Comment",
       .jql_name = "comment",
       .clause_names = {"comment"},
       .kind = ValueKind::kText,
       .column = ColumnId::kComments,
       .syntax = ValueSyntax::kNone,
       .operators = kContains,
       .navigable = false,
       .orderable = true,
       .schema = {"comments-page", "", "comment", ""},
       .json = JsonEncoding::kComments});
  add({.id = "text",
       .name = "Text",
       .jql_name = "text",
       .clause_names = {"text", "textfields"},
       .kind = ValueKind::kText,
       .column = ColumnId::kAllText,
       .syntax = ValueSyntax::kNone,
       .operators = {O::kLike},
       .navigable = false,
       .listed = false});
  add({.id = "issuelinks",
       .name = "Linked Issues",
       .jql_name = "issuelinks",
       .kind = ValueKind::kNone,
       .syntax = ValueSyntax::kNone,
       .orderable = true,
       .searchable = false,
       .schema = {"array", "issuelinks", "issuelinks", ""},
       .json = JsonEncoding::kIssueLinks});
  add({.id = "subtasks",
       .name = "Sub-tasks",
       .jql_name = "subtasks",
       .kind = ValueKind::kNone,
       .syntax = ValueSyntax::kNone,
       .searchable = false,
       .schema = {"array", "issuelinks", "subtasks", ""},
       .json = JsonEncoding::kSubtasks});
  return f;
}

FieldDescriptor CustomKind(CustomFieldType type) {
  FieldDescriptor d;
  d.orderable = true;
  d.searches_empty = true;
  d.sort = SortRule::kValue;
  d.column = ColumnId::kCustomInt;
  d.operators = kEquality | kIsEmpty;
  d.kind = ValueKind::kCoded;
  switch (type) {
    case CustomFieldType::kNumber:
      d.kind = ValueKind::kNumber;
      d.syntax = ValueSyntax::kNone;
      d.operators = kEquality | kOrdering | kIsEmpty;
      d.schema = {"number", "", "", "com.atlassian.jira.plugin.system.customfieldtypes:float"};
      d.json = JsonEncoding::kNumber;
      break;
    case CustomFieldType::kDate:
    case CustomFieldType::kDateTime: {
      const bool date = type == CustomFieldType::kDate;
      d.kind = ValueKind::kDate;
      d.syntax = ValueSyntax::kNone;
      d.operators = kEquality | kOrdering | kIsEmpty;
      d.schema = {date ? "date" : "datetime", "", "",
                  date ? "com.atlassian.jira.plugin.system.customfieldtypes:datepicker"
                       : "com.atlassian.jira.plugin.system.customfieldtypes:datetime"};
      d.json = date ? JsonEncoding::kDate : JsonEncoding::kDateTime;
      break;
    }
    case CustomFieldType::kSelect:
      d.dictionary = Dictionary::kOptions;
      d.syntax = ValueSyntax::kOption;
      d.schema = {"option", "", "", "com.atlassian.jira.plugin.system.customfieldtypes:select"};
      d.json = JsonEncoding::kOption;
      break;
    case CustomFieldType::kUser:
      d.dictionary = Dictionary::kUsers;
      d.schema = {"user", "", "", "com.atlassian.jira.plugin.system.customfieldtypes:userpicker"};
      d.json = JsonEncoding::kUser;
      break;
    case CustomFieldType::kVersion:
      d.dictionary = Dictionary::kVersions;
      d.order = CodeOrder::kVersion;  // version pickers compare as fixVersion does
      d.operators = kEquality | kOrdering | kIsEmpty;
      d.schema = {"version", "", "", "com.atlassian.jira.plugin.system.customfieldtypes:version"};
      d.json = JsonEncoding::kNone;  // not loaded from Jira's JSON: nothing to show
      break;
    case CustomFieldType::kMultiSelect:
    case CustomFieldType::kLabels: {
      const bool labels = type == CustomFieldType::kLabels;
      d.kind = ValueKind::kMultiCoded;
      d.column = ColumnId::kCustomMulti;
      d.dictionary = Dictionary::kOptions;
      d.syntax = ValueSyntax::kOption;
      d.schema = {"array", labels ? "string" : "option", "",
                  labels ? "com.atlassian.jira.plugin.system.customfieldtypes:labels"
                         : "com.atlassian.jira.plugin.system.customfieldtypes:multiselect"};
      d.json = labels ? JsonEncoding::kStrings : JsonEncoding::kOptions;
      break;
    }
    case CustomFieldType::kText:
      d.kind = ValueKind::kText;
      d.column = ColumnId::kCustomText;
      d.syntax = ValueSyntax::kNone;
      d.operators = kContains | kIsEmpty;
      d.sort = SortRule::kNone;
      d.schema = {"string", "", "", "com.atlassian.jira.plugin.system.customfieldtypes:textarea"};
      d.json = JsonEncoding::kText;
      break;
  }
  return d;
}

}  // namespace

std::span<const FieldDescriptor> SystemFields() {
  static const std::vector<FieldDescriptor> fields = MakeSystemFields();
  return fields;
}

const FieldDescriptor* FindSystemField(std::string_view clause_name) {
  const std::string wanted = FoldCase(clause_name);
  for (const FieldDescriptor& f : SystemFields()) {
    for (std::string_view name : f.clause_names) {
      if (FoldCase(name) == wanted) return &f;
    }
  }
  return nullptr;
}

const FieldDescriptor* FindSystemFieldById(std::string_view id) {
  for (const FieldDescriptor& f : SystemFields()) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

const FieldDescriptor& HistoryFieldDescriptor(HistoryField field) {
  // Looked up once per field: the change log asks for every change it shows.
  static const std::array<const FieldDescriptor*, 6> by_field = [] {
    std::array<const FieldDescriptor*, 6> out{};
    for (const FieldDescriptor& f : SystemFields()) {
      if (f.history) out[static_cast<size_t>(*f.history)] = &f;
    }
    return out;
  }();
  return *by_field[static_cast<size_t>(field)];
}

const FieldDescriptor& CustomFieldKind(CustomFieldType type) {
  static const std::array<FieldDescriptor, 9> kinds = [] {
    std::array<FieldDescriptor, 9> out;
    for (size_t i = 0; i < out.size(); ++i) out[i] = CustomKind(static_cast<CustomFieldType>(i));
    return out;
  }();
  return kinds[static_cast<size_t>(type)];
}

std::string CustomFieldId(const CustomField& field) {
  return "customfield_" + std::to_string(field.id);
}

}  // namespace jql
