#include "server/catalog_json.h"

#include <algorithm>
#include <chrono>
#include <string_view>

#include "jql/entity_json.h"
#include "store/jira_time.h"

namespace jql::server {
namespace json = boost::json;

namespace {

bool ContainsFolded(std::string_view text, const std::string& lower_query) {
  return FoldCase(text).find(lower_query) != std::string::npos;
}

// One page of Jira's PageBean shape: {self, maxResults, startAt, total, isLast,
// values} of the matching codes from `start_at`, each shown by `show`.
template <typename Show>
json::object PageJson(std::string self, size_t start_at, size_t max_results,
                      const std::vector<Code>& matching, Show show) {
  json::array values;
  // Past the end (even at SIZE_MAX) is an empty last page.
  const size_t end = start_at >= matching.size()
                         ? matching.size()
                         : std::min(matching.size(), start_at + max_results);
  for (size_t i = start_at; i < end; ++i) values.push_back(show(matching[i]));
  return json::object{{"self", std::move(self)},
                      {"maxResults", max_results},
                      {"startAt", start_at},
                      {"total", matching.size()},
                      {"isLast", end >= matching.size()},
                      {"values", std::move(values)}};
}

}  // namespace

json::object ProjectDetailsJson(const Catalog& catalog, Code code, const std::string& api) {
  json::object out{{"expand", "description,lead,issueTypes,url,projectKeys,permissions,insight"}};
  for (auto& entry : ProjectJson(catalog, code, api)) out[entry.key()] = std::move(entry.value());
  out["style"] = "classic";
  out["isPrivate"] = false;
  out["archived"] = catalog.projects[code].archived;
  return out;
}

json::array UsersJson(const Catalog& catalog, size_t start_at, size_t max_results,
                      const std::string& api) {
  json::array out;
  for (size_t c = start_at; c < catalog.users.size() && out.size() < max_results; ++c)
    out.push_back(UserJson(catalog, static_cast<Code>(c), api));
  return out;
}

json::object GroupPickerJson(const Catalog& catalog, const std::string& query, size_t max_results) {
  const std::string wanted = FoldCase(query);
  std::vector<const std::string*> names;
  for (const Group& g : catalog.groups.items()) {
    if (wanted.empty() || ContainsFolded(g.name, wanted)) names.push_back(&g.name);
  }
  std::sort(names.begin(), names.end(),
            [](const std::string* a, const std::string* b) { return FoldCase(*a) < FoldCase(*b); });
  json::array groups;
  for (size_t i = 0; i < names.size() && i < max_results; ++i) {
    // Jira adds a groupId (a UUID) the catalog does not keep; name is what JQL uses.
    groups.push_back(
        json::object{{"name", *names[i]}, {"html", *names[i]}, {"labels", json::array{}}});
  }
  const size_t shown = groups.size();
  return json::object{{"header", "Showing " + std::to_string(shown) + " of " +
                                     std::to_string(names.size()) + " matching groups"},
                      {"total", names.size()},
                      {"groups", std::move(groups)}};
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
  return PageJson(api + "/project/search", search.start_at, search.max_results, matching,
                  [&](Code c) { return ProjectDetailsJson(catalog, c, api); });
}

std::vector<Code> PrioritiesInOrder(const Catalog& catalog) {
  std::vector<Code> order(catalog.priorities.size());
  for (Code c = 0; c < order.size(); ++c) order[c] = c;
  std::stable_sort(order.begin(), order.end(), [&](Code a, Code b) {
    return catalog.priorities[a].sequence < catalog.priorities[b].sequence;
  });
  return order;
}

json::object PrioritySearchJson(const Catalog& catalog, const PrioritySearch& search,
                                const std::string& api) {
  const std::string name = FoldCase(search.name);
  std::vector<Code> matching;
  for (const Code c : PrioritiesInOrder(catalog)) {
    const Priority& p = catalog.priorities[c];
    if (search.only_default) continue;  // the data does not say which one is the default
    if (!name.empty() && !ContainsFolded(p.name, name)) continue;
    if (!search.ids.empty() &&
        std::find(search.ids.begin(), search.ids.end(), std::to_string(p.id)) == search.ids.end())
      continue;
    matching.push_back(c);
  }
  return PageJson(api + "/priority/search", search.start_at, search.max_results, matching,
                  [&](Code c) {
                    json::object priority = PriorityJson(catalog, c, api);
                    priority["isDefault"] = false;
                    return priority;
                  });
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
  User shown;
  shown.account_id = user.account_id;
  shown.display_name = user.display_name.empty() ? user.email : user.display_name;
  shown.email = user.email;
  json::object out = UserJson(shown, api);
  out["locale"] = "en_US";
  return out;
}

}  // namespace jql::server
