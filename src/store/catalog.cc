#include "jql/catalog.h"

#include <algorithm>
#include <array>
#include <climits>

namespace jql {

std::string FoldCase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view ProjectTypeKey(ProjectType type) {
  switch (type) {
    case ProjectType::kSoftware:
      return "software";
    case ProjectType::kServiceDesk:
      return "service_desk";
    case ProjectType::kBusiness:
      return "business";
    case ProjectType::kProductDiscovery:
      return "product_discovery";
  }
  return "software";
}

std::optional<ProjectType> ParseProjectType(std::string_view key) {
  const std::string k = FoldCase(key);
  if (k == "software") return ProjectType::kSoftware;
  if (k == "service_desk") return ProjectType::kServiceDesk;
  if (k == "business") return ProjectType::kBusiness;
  if (k == "product_discovery") return ProjectType::kProductDiscovery;
  return std::nullopt;
}

std::string_view StatusCategoryName(StatusCategory category) {
  switch (category) {
    case StatusCategory::kToDo:
      return "To Do";
    case StatusCategory::kInProgress:
      return "In Progress";
    case StatusCategory::kDone:
      return "Done";
  }
  return "To Do";
}

std::string_view StatusCategoryKey(StatusCategory category) {
  switch (category) {
    case StatusCategory::kToDo:
      return "new";
    case StatusCategory::kInProgress:
      return "indeterminate";
    case StatusCategory::kDone:
      return "done";
  }
  return "new";
}

int StatusCategoryId(StatusCategory category) {
  switch (category) {
    case StatusCategory::kToDo:
      return 2;
    case StatusCategory::kInProgress:
      return 4;
    case StatusCategory::kDone:
      return 3;
  }
  return 2;
}

std::optional<StatusCategory> ParseStatusCategory(std::string_view text) {
  const std::string k = FoldCase(text);
  for (StatusCategory c :
       {StatusCategory::kToDo, StatusCategory::kInProgress, StatusCategory::kDone}) {
    if (k == FoldCase(StatusCategoryName(c)) || k == StatusCategoryKey(c) ||
        k == std::to_string(StatusCategoryId(c))) {
      return c;
    }
  }
  return std::nullopt;
}

std::string_view SprintStateName(SprintState state) {
  switch (state) {
    case SprintState::kFuture:
      return "future";
    case SprintState::kActive:
      return "active";
    case SprintState::kClosed:
      return "closed";
  }
  return "future";
}

namespace {
constexpr std::array<std::string_view, 9> kCustomFieldTypeNames = {
    "number", "date", "datetime", "select", "multiselect", "user", "text", "labels", "version"};
}

std::string_view CustomFieldTypeName(CustomFieldType type) {
  return kCustomFieldTypeNames[static_cast<size_t>(type)];
}

std::optional<CustomFieldType> ParseCustomFieldType(std::string_view name) {
  const std::string k = FoldCase(name);
  for (size_t i = 0; i < kCustomFieldTypeNames.size(); ++i) {
    if (k == kCustomFieldTypeNames[i]) return static_cast<CustomFieldType>(i);
  }
  return std::nullopt;
}

template <typename T>
Code EntityTable<T>::Add(T item, int64_t id, std::string_view name) {
  const Code code = static_cast<Code>(items_.size());
  items_.push_back(std::move(item));
  if (id != 0) by_id_.emplace(id, code);
  by_name_[FoldCase(name)].push_back(code);
  return code;
}

template <typename T>
bool EntityTable<T>::AdoptId(Code code, int64_t id) {
  if constexpr (requires(T t) { t.id; }) {
    if (items_[code].id != 0) return false;
  }
  if (!by_id_.emplace(id, code).second) return false;
  if constexpr (requires(T t) { t.id; }) items_[code].id = id;
  return true;
}
template <typename T>
void EntityTable<T>::AssignMissingIds(int64_t first) {
  if constexpr (requires(T t) { t.id; }) {
    int64_t next = first;
    for (const auto& [id, code] : by_id_) next = std::max(next, id + 1);
    for (Code code = 0; code < items_.size(); ++code) {
      if (items_[code].id != 0) continue;
      items_[code].id = next;
      by_id_.emplace(next++, code);
    }
  }
}

template <typename T>
std::optional<Code> EntityTable<T>::FindById(int64_t id) const {
  const auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

template <typename T>
std::span<const Code> EntityTable<T>::FindByName(std::string_view name) const {
  const auto it = by_name_.find(FoldCase(name));
  if (it == by_name_.end()) return {};
  return it->second;
}

template <typename T>
void EntityTable<T>::IndexName(Code code, std::string_view extra_name) {
  if (extra_name.empty()) return;
  auto& codes = by_name_[FoldCase(extra_name)];
  for (Code c : codes) {
    if (c == code) return;
  }
  codes.push_back(code);
}

template class EntityTable<Project>;
template class EntityTable<IssueType>;
template class EntityTable<IssueStatus>;
template class EntityTable<Priority>;
template class EntityTable<Resolution>;
template class EntityTable<User>;
template class EntityTable<Group>;
template class EntityTable<Version>;
template class EntityTable<Component>;
template class EntityTable<Sprint>;
template class EntityTable<LinkType>;
template class EntityTable<CustomField>;
template class EntityTable<std::string>;

std::optional<Code> Catalog::FindProjectByKey(std::string_view key) const {
  const auto it = project_by_key_.find(FoldCase(key));
  if (it == project_by_key_.end()) return std::nullopt;
  return it->second;
}

std::optional<Code> Catalog::FindUserByAccountId(std::string_view account_id) const {
  const auto it = user_by_account_.find(std::string(account_id));
  if (it == user_by_account_.end()) return std::nullopt;
  return it->second;
}

std::optional<Code> Catalog::FindLabel(std::string_view label) const {
  const auto it = label_exact_.find(std::string(label));
  if (it == label_exact_.end()) return std::nullopt;
  return it->second;
}

std::optional<Code> Catalog::FindVersion(Code project, std::string_view name) const {
  for (Code c : versions.FindByName(name)) {
    if (versions[c].project == project && versions[c].name == name) return c;
  }
  for (Code c : versions.FindByName(name)) {
    if (versions[c].project == project) return c;
  }
  return std::nullopt;
}

std::optional<Code> Catalog::FindComponent(Code project, std::string_view name) const {
  for (Code c : components.FindByName(name)) {
    if (components[c].project == project) return c;
  }
  return std::nullopt;
}

Code Catalog::AddProject(Project project) {
  const std::string key = project.key;
  const int64_t id = project.id;
  const std::string name = project.name;
  const std::vector<std::string> former_keys = project.former_keys;
  const Code code = projects.Add(std::move(project), id, key);
  projects.IndexName(code, name);
  project_by_key_.emplace(FoldCase(key), code);
  for (const std::string& former : former_keys) project_by_key_.emplace(FoldCase(former), code);
  return code;
}

void Catalog::AddFormerProjectKey(Code project, std::string_view key) {
  if (FindProjectByKey(key)) return;
  projects.mutable_item(project).former_keys.emplace_back(key);
  project_by_key_.emplace(FoldCase(key), project);
}

Code Catalog::AddUser(User user) {
  const std::string account = user.account_id;
  const std::string display = user.display_name;
  const std::string email = user.email;
  const Code code = users.Add(std::move(user), 0, account);
  users.IndexName(code, display);
  users.IndexName(code, email);
  user_by_account_.emplace(account, code);
  return code;
}

Code Catalog::InternProject(std::string_view key) {
  if (auto found = FindProjectByKey(key)) return *found;
  Project project;
  project.key = std::string(key);
  project.name = std::string(key);
  const Code code = projects.Add(project, 0, key);
  project_by_key_.emplace(FoldCase(key), code);
  return code;
}

namespace {
template <typename T>
std::optional<Code> FirstByName(const EntityTable<T>& table, std::string_view name) {
  const auto codes = table.FindByName(name);
  if (codes.empty()) return std::nullopt;
  return codes.front();
}

// The entity of that name, or a new one (its id assigned when the catalog is complete),
// completed by `fill` with what the name alone does not decide.
template <typename T, typename Fill>
Code FindOrAdd(EntityTable<T>& table, std::string_view name, Fill fill) {
  if (auto found = FirstByName(table, name)) return *found;
  T item;
  item.name = std::string(name);
  fill(item);
  const int64_t id = item.id;
  return table.Add(std::move(item), id, name);
}
}  // namespace

std::optional<int32_t> DefaultPriorityRank(std::string_view name) {
  // Jira's default scheme and the one before it, highest first; both use ids 1 to 5.
  static constexpr std::string_view kDefault[] = {"highest", "high", "medium", "low", "lowest"};
  static constexpr std::string_view kLegacy[] = {"blocker", "critical", "major", "minor",
                                                 "trivial"};
  const std::string folded = FoldCase(name);
  for (int32_t i = 0; i < 5; ++i) {
    if (folded == kDefault[i] || folded == kLegacy[i]) return i + 1;
  }
  return std::nullopt;
}

int32_t PrioritySequence(std::string_view name, int64_t id) {
  // Jira lists priorities in their configured order; a site's own priorities, whose
  // order the data does not carry, follow the default ones by id.
  if (auto rank = DefaultPriorityRank(name)) return *rank;
  return static_cast<int32_t>(std::min<int64_t>(id > 0 ? id : 0, INT32_MAX - 2000) + 1000);
}

void Catalog::AssignMissingIds() {
  projects.AssignMissingIds(10000);
  issue_types.AssignMissingIds(10000);
  statuses.AssignMissingIds(10000);
  priorities.AssignMissingIds(1);
  resolutions.AssignMissingIds(10000);
  versions.AssignMissingIds(10000);
  components.AssignMissingIds(10000);
  sprints.AssignMissingIds(1);
  link_types.AssignMissingIds(10000);
  custom_fields.AssignMissingIds(10000);
}

Code Catalog::InternIssueType(std::string_view name, bool subtask) {
  return FindOrAdd(issue_types, name, [&](IssueType& t) {
    t.subtask = subtask;
    t.hierarchy_level = subtask ? -1 : (FoldCase(name) == "epic" ? 1 : 0);
  });
}

Code Catalog::InternStatus(std::string_view name, StatusCategory category) {
  return FindOrAdd(statuses, name, [&](IssueStatus& s) { s.category = category; });
}

Code Catalog::InternPriority(std::string_view name) {
  return FindOrAdd(priorities, name, [&](Priority& p) {
    // A default priority named without its id gets its default id while that is free.
    const auto rank = DefaultPriorityRank(name);
    if (rank && !priorities.FindById(*rank)) p.id = *rank;
    p.sequence = rank ? *rank : PrioritySequence(name, 0) + static_cast<int32_t>(priorities.size());
  });
}

Code Catalog::InternResolution(std::string_view name) {
  return FindOrAdd(resolutions, name, [](Resolution&) {});
}

Code Catalog::InternUser(std::string_view account_id) {
  if (auto found = FindUserByAccountId(account_id)) return *found;
  User user;
  user.account_id = std::string(account_id);
  user.display_name = std::string(account_id);
  const Code code = users.Add(user, 0, account_id);
  user_by_account_.emplace(std::string(account_id), code);
  return code;
}

Code Catalog::InternLabel(std::string_view label) {
  if (auto found = FindLabel(label)) return *found;
  const Code code = labels.Add(std::string(label), 0, label);
  label_exact_.emplace(std::string(label), code);
  return code;
}

Code Catalog::InternVersion(Code project, std::string_view name) {
  for (Code c : versions.FindByName(name)) {
    if (versions[c].project == project && versions[c].name == name) return c;
  }
  Version version;
  version.project = project;
  version.name = std::string(name);
  return versions.Add(version, 0, name);
}

Code Catalog::InternComponent(Code project, std::string_view name) {
  for (Code c : components.FindByName(name)) {
    if (components[c].project == project && components[c].name == name) return c;
  }
  Component component;
  component.project = project;
  component.name = std::string(name);
  return components.Add(component, 0, name);
}

Code Catalog::InternSprint(std::string_view name) {
  return FindOrAdd(sprints, name, [](Sprint&) {});
}

Code Catalog::InternLinkType(std::string_view name) {
  return FindOrAdd(link_types, name, [&](LinkType& t) {
    t.outward = std::string(name);
    t.inward = std::string(name);
  });
}

Code Catalog::InternGroup(std::string_view name) {
  if (auto found = FirstByName(groups, name)) return *found;
  Group group;
  group.name = std::string(name);
  return groups.Add(std::move(group), 0, name);
}

}  // namespace jql
