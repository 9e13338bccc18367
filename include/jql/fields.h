// The fields of an issue as data: one descriptor per system field and one per kind of
// custom field, holding everything the layers above ask of a field — its Jira id and
// names, the JQL clause names that reach it, the kind of its values and the column
// that stores them, the catalog table its codes index and how they order, the
// operators it supports, its history, how ORDER BY sorts it, how Jira lists it
// (GET /field: navigable, orderable, searchable, schema) and how an issue's JSON
// shows it.
//
// The binder, both evaluators, ORDER BY, the snapshot's checks, IssueToJson and the
// server read these tables instead of switching on fields; adding a system field is
// one descriptor here plus its column in IssueColumns.
#ifndef JQL_FIELDS_H_
#define JQL_FIELDS_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jql/ast.h"
#include "jql/issue_store.h"

namespace jql {

// Where a field's values are stored. Several fields may read one column (status and
// statusCategory both read the status column).
enum class ColumnId : uint8_t {
  kProject,
  kIssueType,
  kStatus,
  kResolution,
  kPriority,
  kAssignee,
  kReporter,
  kCreator,
  kCreated,
  kUpdated,
  kResolved,
  kDue,
  kVotes,
  kParent,
  kKey,  // the issue itself: its row (key and id lists)
  kId,   // the issue id (ranges on id, key and issue with a number)
  kLabels,
  kComponents,
  kFixVersions,
  kAffectedVersions,
  kSprints,
  kWatchers,
  kWatcherCount,  // the number of watchers, from the watchers column
  kCustomInt,     // a custom field's single values (CustomColumn::ints)
  kCustomMulti,   // a custom field's lists (CustomColumn::multi)
  kSummary,
  kDescription,
  kEnvironment,
  kComments,
  kAllText,  // every text field at once (`text ~`)
  kCustomText,
  kNone,  // no column of its own (fields shown in JSON only)
};

// The single-valued, multi-valued or text column behind a column id; null when the
// column is of another shape (or a custom index is -1). `custom` indexes
// IssueColumns::custom.
const IntColumn* IntColumnOf(const IssueStore& store, ColumnId column, int custom = -1);
const MultiColumn* MultiColumnOf(const IssueStore& store, ColumnId column, int custom = -1);
const TextColumn* TextColumnOf(const IssueStore& store, ColumnId column, int custom = -1);
// The text columns `text ~` searches: every system text field, then every custom one.
std::vector<const TextColumn*> AllTextColumns(const IssueStore& store);

// What kind of values a field holds, which decides how values bind.
enum class ValueKind : uint8_t {
  kCoded,       // one dictionary code
  kMultiCoded,  // a list of dictionary codes
  kDate,        // epoch milliseconds (a date field: the day's start)
  kNumber,
  kKey,       // the issue itself (key, id, issue)
  kIssueRef,  // another issue (parent)
  kText,
  kNone,  // not searchable by value
};

// The catalog table a coded field's codes index.
enum class Dictionary : uint8_t {
  kNone,
  kProjects,
  kIssueTypes,
  kStatuses,
  kResolutions,
  kPriorities,
  kUsers,
  kLabels,
  kComponents,
  kVersions,
  kSprints,
  kOptions,  // a custom field's own options
};
// False when the catalog does not hold all of a dictionary's values (see
// Catalog::unlisted_dictionaries), so an unknown value is not an error.
inline bool ListsAllValues(const Catalog& catalog, Dictionary dictionary) {
  return (catalog.unlisted_dictionaries & (1u << static_cast<unsigned>(dictionary))) == 0;
}

// How many codes a dictionary has (for kOptions, the custom field's options).
size_t DictionarySize(const Catalog& catalog, Dictionary dictionary,
                      const CustomField* custom = nullptr);
// What ORDER BY ranks a code by within a dictionary: project keys, user display
// names, label and component names; empty for dictionaries that sort otherwise.
std::string_view DictionarySortName(const Catalog& catalog, Dictionary dictionary, Code code);

// The name of a code as Jira shows it (a user's display name, a project's name, a
// custom field's option for kOptions).
std::string_view DictionaryName(const Catalog& catalog, Dictionary dictionary, Code code,
                                const CustomField* custom = nullptr);
// The catalog id of a code (statuses, issue types, resolutions, priorities,
// components, versions, sprints, projects); 0 for dictionaries without ids.
int64_t DictionaryId(const Catalog& catalog, Dictionary dictionary, Code code);

// How JQL values name a field's codes, beyond "by name or id in the dictionary".
enum class ValueSyntax : uint8_t {
  kDictionary,      // a name or an id of the dictionary
  kProject,         // a project key, id or name (a key wins over another's name)
  kUnresolved,      // a resolution, or "Unresolved" for none
  kFreeLabel,       // free text: an unknown label matches nothing (no error)
  kOption,          // one of a custom field's options ("does not exist" if not)
  kStatusCategory,  // a status category's name, key or id: the statuses in it
  kProjectType,     // a project type key: the projects of that type
  kHierarchyLevel,  // an issue type's hierarchy level, compared as a number
  kNone,
};

// What `<` and `>` mean between two codes.
enum class CodeOrder : uint8_t {
  kNone,
  kPriority,    // by configured order, Highest greatest
  kResolution,  // by id
  kVersion,     // by sequence within one project (other projects' do not compare)
};

// How ORDER BY sorts a field.
enum class SortRule : uint8_t {
  kNone,       // not sortable
  kValue,      // the stored number, time or code itself
  kIssueKey,   // project key, then number
  kName,       // the dictionary's sort name (DictionarySortName) of the first value
  kCatalogId,  // the catalog entity's id
  kPriority,   // configured order, Highest greatest
  kVersion,    // project key, then the version's sequence
};

// How an issue's JSON shows a field (IssueToJson).
enum class JsonEncoding : uint8_t {
  kNone,        // not shown on its own (statusCategory is inside status)
  kProject,     // {"id", "key", "name", "projectTypeKey", ...}
  kIssueType,   // {"id", "name", "subtask", "hierarchyLevel"}
  kStatus,      // {"id", "name", "statusCategory": {...}}
  kEntity,      // {"id", "name"} of the dictionary; null when empty
  kUser,        // {"accountId", "displayName", ...}; null when empty
  kDateTime,    // "2024-01-31T10:00:00.000+0000"; null when empty
  kDate,        // "2024-01-31"; null when empty
  kNumber,      // the number (custom numbers divided by their scale)
  kStrings,     // ["a", "b"] of the dictionary's names
  kEntities,    // [{"id", "name"}] (components)
  kVersions,    // [{"id", "name", "released", "releaseDate"}]
  kSprints,     // [{"id", "name", "state"}], only when there are some
  kOptions,     // [{"value"}] of a multi-select
  kOption,      // {"value"} of a select
  kIssueRef,    // {"id", "key", "fields"} of the parent, only when there is one
  kVotes,       // {"votes": n}
  kWatches,     // {"watchCount": n}
  kText,        // the text; null when empty
  kComments,    // {"comments": [{"body"}]}, only when there are some
  kIssueLinks,  // [{"id", "type", "outwardIssue" or "inwardIssue"}], at both ends
  kSubtasks,    // [{"id", "key", "fields"}] of the issue's subtasks, when they are known
};

// A set of operators, as a bit per Operator.
class OperatorSet {
 public:
  constexpr OperatorSet() = default;
  constexpr OperatorSet(std::initializer_list<Operator> ops) {
    for (Operator op : ops) bits_ |= Bit(op);
  }
  constexpr bool Has(Operator op) const { return (bits_ & Bit(op)) != 0; }
  constexpr OperatorSet operator|(OperatorSet other) const {
    OperatorSet out;
    out.bits_ = bits_ | other.bits_;
    return out;
  }
  constexpr bool operator==(const OperatorSet&) const = default;

 private:
  static constexpr uint32_t Bit(Operator op) { return uint32_t{1} << static_cast<unsigned>(op); }
  uint32_t bits_ = 0;
};

// A field's type as GET /field and expand=schema show it.
struct FieldSchema {
  std::string_view type;    // "string", "array", "user", "datetime", ...
  std::string_view items;   // the element type of an array ("version"); empty otherwise
  std::string_view system;  // the system field's id; empty for custom fields
  std::string_view custom;  // a custom field type's key; empty for system fields
};

struct FieldDescriptor {
  // Jira's field id ("fixVersions"; empty for a custom field kind, whose instances
  // are customfield_N) and display name ("Fix versions").
  std::string_view id;
  std::string_view name;
  // The name Jira's JQL messages use ("fixVersion").
  std::string_view jql_name;
  // Every JQL clause name that reaches the field, as Jira spells it (they match
  // case-insensitively), the canonical first.
  std::vector<std::string_view> clause_names;
  ValueKind kind = ValueKind::kNone;
  ColumnId column = ColumnId::kNone;
  Dictionary dictionary = Dictionary::kNone;
  ValueSyntax syntax = ValueSyntax::kDictionary;
  CodeOrder order = CodeOrder::kNone;
  OperatorSet operators;
  bool searches_empty = false;          // EMPTY is a value it can be searched for
  std::optional<HistoryField> history;  // WAS and CHANGED search this history
  SortRule sort = SortRule::kNone;
  // As GET /field reports them (Jira's meanings: orderable is "can be placed on a
  // screen", not "can be sorted by").
  bool navigable = true, orderable = false, searchable = true;
  bool listed = true;  // GET /field lists it (JQL-only pseudo fields are not listed)
  FieldSchema schema;
  JsonEncoding json = JsonEncoding::kNone;

  bool custom() const { return id.empty(); }
  bool Supports(Operator op) const { return operators.Has(op); }
};

// The system field whose changes a history records.
const FieldDescriptor& HistoryFieldDescriptor(HistoryField field);

// Every system field, in the order GET /field lists them.
std::span<const FieldDescriptor> SystemFields();
// The system field a JQL clause name reaches (case-insensitive), or null.
const FieldDescriptor* FindSystemField(std::string_view clause_name);
// The system field with a Jira field id ("fixVersions"), or null.
const FieldDescriptor* FindSystemFieldById(std::string_view id);
// The descriptor shared by every custom field of a type.
const FieldDescriptor& CustomFieldKind(CustomFieldType type);

// A custom field's Jira id, "customfield_10010".
std::string CustomFieldId(const CustomField& field);

}  // namespace jql

#endif  // JQL_FIELDS_H_
