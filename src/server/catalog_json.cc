#include "server/catalog_json.h"

#include <chrono>
#include <string_view>

#include "store/jira_time.h"

namespace jql::server {
namespace json = boost::json;

namespace {

// Jira's colours for status categories (what boards draw).
std::string_view CategoryColor(StatusCategory c) {
  switch (c) {
    case StatusCategory::kToDo:
      return "blue-gray";
    case StatusCategory::kInProgress:
      return "yellow";
    case StatusCategory::kDone:
      return "green";
  }
  return "medium-gray";
}

bool ContainsFolded(std::string_view text, const std::string& lower_query) {
  return FoldCase(text).find(lower_query) != std::string::npos;
}

}  // namespace

json::object ProjectJson(const Catalog& catalog, Code code, const std::string& api) {
  const Project& p = catalog.projects[code];
  const std::string id = std::to_string(p.id);
  json::object out{{"expand", "description,lead,issueTypes,url,projectKeys,permissions,insight"},
                   {"self", api + "/project/" + id},
                   {"id", id},
                   {"key", p.key},
                   {"name", p.name},
                   {"projectTypeKey", ProjectTypeKey(p.type)},
                   {"simplified", false},
                   {"style", "classic"},
                   {"isPrivate", false},
                   {"archived", p.archived}};
  if (!p.category.empty()) out["projectCategory"] = json::object{{"name", p.category}};
  return out;
}

json::object StatusCategoryJson(StatusCategory category, const std::string& api) {
  const int id = StatusCategoryId(category);
  return json::object{{"self", api + "/statuscategory/" + std::to_string(id)},
                      {"id", id},
                      {"key", StatusCategoryKey(category)},
                      {"colorName", CategoryColor(category)},
                      {"name", StatusCategoryName(category)}};
}

json::object StatusJson(const Catalog& catalog, Code code, const std::string& api) {
  const IssueStatus& s = catalog.statuses[code];
  const std::string id = std::to_string(s.id);
  return json::object{{"self", api + "/status/" + id},
                      {"description", ""},
                      {"name", s.name},
                      {"untranslatedName", s.name},
                      {"id", id},
                      {"statusCategory", StatusCategoryJson(s.category, api)}};
}

json::object PriorityJson(const Catalog& catalog, Code code, const std::string& api) {
  const Priority& p = catalog.priorities[code];
  const std::string id = std::to_string(p.id);
  return json::object{
      {"self", api + "/priority/" + id}, {"description", ""}, {"name", p.name}, {"id", id}};
}

json::object IssueTypeJson(const Catalog& catalog, Code code, const std::string& api) {
  const IssueType& t = catalog.issue_types[code];
  const std::string id = std::to_string(t.id);
  return json::object{{"self", api + "/issuetype/" + id},
                      {"id", id},
                      {"description", ""},
                      {"name", t.name},
                      {"untranslatedName", t.name},
                      {"subtask", t.subtask},
                      {"hierarchyLevel", t.hierarchy_level}};
}

json::object ResolutionJson(const Catalog& catalog, Code code, const std::string& api) {
  const Resolution& r = catalog.resolutions[code];
  const std::string id = std::to_string(r.id);
  return json::object{
      {"self", api + "/resolution/" + id}, {"id", id}, {"description", ""}, {"name", r.name}};
}

json::object ProjectSearchJson(const Catalog& catalog, const ProjectSearch& search,
                               const std::string& api) {
  const std::string query = FoldCase(search.query);
  std::vector<Code> matching;
  for (Code c = 0; c < catalog.projects.size(); ++c) {
    const Project& p = catalog.projects[c];
    if (search.type && p.type != *search.type) continue;
    if (!query.empty() && !ContainsFolded(p.key, query) && !ContainsFolded(p.name, query)) continue;
    if (!search.keys.empty()) {
      bool wanted = false;
      for (const std::string& k : search.keys)
        wanted = wanted || FoldCase(k) == FoldCase(p.key) || k == std::to_string(p.id);
      if (!wanted) continue;
    }
    matching.push_back(c);
  }
  json::array values;
  const size_t end = std::min(matching.size(), search.start_at + search.max_results);
  for (size_t i = search.start_at; i < end; ++i)
    values.push_back(ProjectJson(catalog, matching[i], api));
  return json::object{{"self", api + "/project/search"},  {"maxResults", search.max_results},
                      {"startAt", search.start_at},       {"total", matching.size()},
                      {"isLast", end >= matching.size()}, {"values", std::move(values)}};
}

json::object ServerInfoJson(const std::string& base_url) {
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  // Cloud's version numbering; clients look at deploymentType to choose Cloud's API.
  return json::object{{"baseUrl", base_url},
                      {"version", "1001.0.0-SNAPSHOT"},
                      {"versionNumbers", json::array{1001, 0, 0}},
                      {"deploymentType", "Cloud"},
                      {"buildNumber", 100289},
                      {"serverTime", internal::FormatJiraTime(now)},
                      {"scmInfo", "jql"},
                      {"serverTitle", "Jira (jql archive server)"}};
}

json::object MyselfJson(const ApiUser& user, const std::string& api) {
  return json::object{{"self", api + "/user?accountId=" + user.account_id},
                      {"accountId", user.account_id},
                      {"accountType", "atlassian"},
                      {"emailAddress", user.email},
                      {"displayName", user.display_name.empty() ? user.email : user.display_name},
                      {"active", true},
                      {"timeZone", "UTC"},
                      {"locale", "en_US"}};
}

}  // namespace jql::server
