// The catalog: every entity a JQL name can resolve to (projects, issue types,
// statuses, priorities, resolutions, users, groups, versions, components, sprints,
// link types, custom fields, labels), each in a table whose index is the dictionary
// code the issue store's columns hold.
//
// Names resolve case-insensitively and ids exactly (jql-language.md §4.2). A Catalog is
// built together with its IssueStore and immutable afterwards; reads are thread-safe.
#ifndef JQL_CATALOG_H_
#define JQL_CATALOG_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jql {

// A dictionary code: an index into one of the catalog's tables.
using Code = uint32_t;
inline constexpr Code kNoCode = UINT32_MAX;

enum class ProjectType : uint8_t { kSoftware, kServiceDesk, kBusiness, kProductDiscovery };
std::string_view ProjectTypeKey(ProjectType type);  // "service_desk"
std::optional<ProjectType> ParseProjectType(std::string_view key);
// Only software, service management and business projects may be archived.
inline bool IsArchivable(ProjectType type) { return type != ProjectType::kProductDiscovery; }

enum class StatusCategory : uint8_t { kToDo, kInProgress, kDone };
std::string_view StatusCategoryName(StatusCategory category);  // "To Do"
std::string_view StatusCategoryKey(StatusCategory category);   // "new"
int StatusCategoryId(StatusCategory category);                 // 2, 4, 3 as in Jira
std::optional<StatusCategory> ParseStatusCategory(std::string_view name_key_or_id);

enum class SprintState : uint8_t { kFuture, kActive, kClosed };
std::string_view SprintStateName(SprintState state);  // "future", "active", "closed"

enum class CustomFieldType : uint8_t {
  kNumber,
  kDate,
  kDateTime,
  kSelect,
  kMultiSelect,
  kUser,
  kText,
  kLabels,
  kVersion,
};
std::string_view CustomFieldTypeName(CustomFieldType type);
std::optional<CustomFieldType> ParseCustomFieldType(std::string_view name);

struct Project {
  int64_t id = 0;
  std::string key;
  std::string name;
  ProjectType type = ProjectType::kSoftware;
  std::string category;
  Code lead = kNoCode;  // a user
  bool archived = false;
  // Keys the project had before a key change: Jira keeps its issues reachable by
  // them (KEY-1 finds NEW-1) and JQL accepts them.
  std::vector<std::string> former_keys;
};

struct IssueType {
  int64_t id = 0;
  std::string name;
  bool subtask = false;
  int8_t hierarchy_level = 0;  // 1 epic, 0 standard, -1 subtask
};

struct IssueStatus {
  int64_t id = 0;
  std::string name;
  StatusCategory category = StatusCategory::kToDo;
};

// 1 (highest) to 5 for the names of Jira's default priority schemes, old and new.
std::optional<int32_t> DefaultPriorityRank(std::string_view name);
// Where a priority the data names falls in Jira's order, when the data does not say.
int32_t PrioritySequence(std::string_view name, int64_t id);

struct Priority {
  int64_t id = 0;
  std::string name;
  int32_t sequence = 0;  // configured order: lower is higher priority
};

struct Resolution {
  int64_t id = 0;
  std::string name;
};

struct User {
  std::string account_id;
  std::string display_name;
  std::string email;
  bool active = true;
};

struct Group {
  std::string name;
  std::vector<Code> members;  // users
};

struct Version {
  int64_t id = 0;
  Code project = kNoCode;
  std::string name;
  int32_t sequence = 0;  // order within the project: versions compare by it
  bool released = false;
  int64_t release_date = 0;  // epoch ms; 0 when none
};

struct Component {
  int64_t id = 0;
  Code project = kNoCode;
  std::string name;
  Code lead = kNoCode;
};

struct Sprint {
  int64_t id = 0;
  std::string name;
  SprintState state = SprintState::kFuture;
};

struct LinkType {
  int64_t id = 0;
  std::string name;     // "Blocks"
  std::string outward;  // "blocks"
  std::string inward;   // "is blocked by"
};

struct CustomField {
  int64_t id = 0;  // 10010 for customfield_10010 / cf[10010]
  std::string name;
  CustomFieldType type = CustomFieldType::kText;
  std::vector<std::string> options;  // select options, by code
};

// One table of entities: codes are indexes; lookups by id (exact) and by name
// (case-insensitive; several entities may share a name, e.g. versions "1.0" in two
// projects).
template <typename T>
class EntityTable {
 public:
  size_t size() const { return items_.size(); }
  const T& operator[](Code code) const { return items_[code]; }
  T& mutable_item(Code code) { return items_[code]; }
  const std::vector<T>& items() const { return items_; }

  // An id of 0 means the source gave none: the entity is found by name until
  // Catalog::AssignMissingIds gives it one.
  Code Add(T item, int64_t id, std::string_view name);
  std::optional<Code> FindById(int64_t id) const;
  // Gives an entity (found by name) the id the source names for it, when it has none
  // yet and no other entity has that id; returns whether it did.
  bool AdoptId(Code code, int64_t id);
  // Numbers the items that have no id yet from above every id present and at least
  // `first` (Jira's own ranges: 10000 up for most entities, 1 up for priorities).
  void AssignMissingIds(int64_t first);
  std::span<const Code> FindByName(std::string_view name) const;
  void IndexName(Code code, std::string_view extra_name);  // another name for an entity

 private:
  std::vector<T> items_;
  std::unordered_map<int64_t, Code> by_id_;
  std::unordered_map<std::string, std::vector<Code>> by_name_;
};

std::string FoldCase(std::string_view text);  // ASCII lower case: Jira's name matching

class Catalog {
 public:
  EntityTable<Project> projects;  // names: key and name
  EntityTable<IssueType> issue_types;
  EntityTable<IssueStatus> statuses;
  EntityTable<Priority> priorities;
  EntityTable<Resolution> resolutions;
  EntityTable<User> users;  // names: account id, display name, e-mail
  EntityTable<Group> groups;
  EntityTable<Version> versions;
  EntityTable<Component> components;
  EntityTable<Sprint> sprints;
  EntityTable<LinkType> link_types;
  EntityTable<CustomField> custom_fields;
  EntityTable<std::string> labels;  // labels match exactly (case-sensitive) in Jira

  // Bits (1 << Dictionary) of the value lists this catalog does not hold in full. A
  // catalog read from a site's metadata (jql/site_catalog.h) has no versions,
  // components, sprints or select options, so a value missing there may well exist
  // on the site: it is accepted and matches nothing, instead of being reported as not
  // existing. Zero for a catalog built from issues. See ListsAllValues (fields.h).
  uint32_t unlisted_dictionaries = 0;
  // The same for groups (membersOf): true when the catalog's group list is not whole.
  bool unlisted_groups = false;

  std::optional<Code> FindProjectByKey(std::string_view key) const;
  std::optional<Code> FindUserByAccountId(std::string_view account_id) const;
  std::optional<Code> FindLabel(std::string_view label) const;
  std::optional<Code> FindVersion(Code project, std::string_view name) const;
  std::optional<Code> FindComponent(Code project, std::string_view name) const;

  // Adds a fully described entity (ids from Jira); a project is also found by key,
  // a user by account id, display name and e-mail.
  Code AddProject(Project project);
  // Records a key the project had before; ignored when another project has that key.
  void AddFormerProjectKey(Code project, std::string_view key);
  Code AddUser(User user);

  // Find-or-add, used by loaders and generators while building.
  Code InternProject(std::string_view key);
  Code InternIssueType(std::string_view name, bool subtask);
  Code InternStatus(std::string_view name, StatusCategory category);
  Code InternPriority(std::string_view name);
  Code InternResolution(std::string_view name);
  Code InternUser(std::string_view account_id);
  Code InternLabel(std::string_view label);
  Code InternVersion(Code project, std::string_view name);
  Code InternComponent(Code project, std::string_view name);
  Code InternSprint(std::string_view name);
  Code InternLinkType(std::string_view name);
  Code InternGroup(std::string_view name);

  // Every entity the source gave no id gets a positive, Jira-like one, above the ids the
  // source did give. Called once the catalog is complete, before the store is built.
  void AssignMissingIds();

 private:
  std::unordered_map<std::string, Code> project_by_key_;
  std::unordered_map<std::string, Code> user_by_account_;
  std::unordered_map<std::string, Code> label_exact_;
};

}  // namespace jql

#endif  // JQL_CATALOG_H_
