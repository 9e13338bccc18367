// The site's metadata pages of Jira's REST API that are more than one entity (which
// jql/entity_json.h shows): project details and search, the server and the caller.
// `api` is the base of self links, "http://host:port/rest/api/3" (or /2, as called).
#ifndef JQL_SRC_SERVER_CATALOG_JSON_H_
#define JQL_SRC_SERVER_CATALOG_JSON_H_

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "jql/catalog.h"
#include "server/auth.h"

namespace jql::server {

// A project as GET /project/{key} shows it: the nested form (jql/entity_json.h) and
// what the project pages add.
boost::json::object ProjectDetailsJson(const Catalog& catalog, Code project,
                                       const std::string& api);

// GET /project/search's filters and page (Jira's PageBeanProject).
struct ProjectSearch {
  size_t start_at = 0;
  size_t max_results = 50;
  std::optional<ProjectType> type;  // typeKey
  std::string query;                // in the key or name, case-insensitive
  std::vector<std::string> keys;    // only these keys (or ids)
};
boost::json::object ProjectSearchJson(const Catalog& catalog, const ProjectSearch& search,
                                      const std::string& api);

// The priorities in Jira's order (their configured sequence).
std::vector<Code> PrioritiesInOrder(const Catalog& catalog);

// GET /priority/search's filters and page (Jira's PageBeanPriority).
struct PrioritySearch {
  size_t start_at = 0;
  size_t max_results = 50;
  std::vector<std::string> ids;  // only these ids
  std::string name;              // in the name, case-insensitive
  bool only_default = false;     // the default priority only (none here: see server.md)
};
boost::json::object PrioritySearchJson(const Catalog& catalog, const PrioritySearch& search,
                                       const std::string& api);

// GET /users/search: the users from `start_at`, at most `max_results`, in the
// catalog's order (Jira lists its users, app users too, in its own order).
boost::json::array UsersJson(const Catalog& catalog, size_t start_at, size_t max_results,
                             const std::string& api);

// GET /groups/picker: the groups whose name holds `query` (case-insensitive), at
// most `max_results`, in name order (Jira's FoundGroups).
boost::json::object GroupPickerJson(const Catalog& catalog, const std::string& query,
                                    size_t max_results);

// GET /serverInfo and GET /myself.
boost::json::object ServerInfoJson(const std::string& base_url);
boost::json::object MyselfJson(const ApiUser& user, const std::string& api);

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_CATALOG_JSON_H_
