// The site's metadata as Jira's REST API shows it: projects, statuses and their
// categories, priorities, issue types, resolutions, the server itself and the caller.
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

boost::json::object ProjectJson(const Catalog& catalog, Code project, const std::string& api);
boost::json::object StatusJson(const Catalog& catalog, Code status, const std::string& api);
boost::json::object StatusCategoryJson(StatusCategory category, const std::string& api);
boost::json::object PriorityJson(const Catalog& catalog, Code priority, const std::string& api);
boost::json::object IssueTypeJson(const Catalog& catalog, Code type, const std::string& api);
boost::json::object ResolutionJson(const Catalog& catalog, Code resolution, const std::string& api);

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

// GET /serverInfo and GET /myself.
boost::json::object ServerInfoJson(const std::string& base_url);
boost::json::object MyselfJson(const ApiUser& user, const std::string& api);

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_CATALOG_JSON_H_
