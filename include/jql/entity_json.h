// The catalog's entities as Jira's REST API shows them, alone (GET /status) and nested
// in issues: projects, issue types, statuses and their categories, priorities,
// resolutions, users, versions and components.
//
// `api` is the REST base the answer is for ("http://host:port/rest/api/3", or /2 as
// called): each object links to itself under it ("self"), and users and projects carry
// avatar URLs on the same server. An empty `api` gives the plain shape, without links,
// that the JSON loader reads back.
#ifndef JQL_ENTITY_JSON_H_
#define JQL_ENTITY_JSON_H_

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "jql/catalog.h"

namespace jql {

boost::json::object ProjectJson(const Catalog& catalog, Code project, std::string_view api);
boost::json::object IssueTypeJson(const Catalog& catalog, Code type, std::string_view api);
boost::json::object StatusJson(const Catalog& catalog, Code status, std::string_view api);
boost::json::object StatusCategoryJson(StatusCategory category, std::string_view api);
boost::json::object PriorityJson(const Catalog& catalog, Code priority, std::string_view api);
boost::json::object ResolutionJson(const Catalog& catalog, Code resolution, std::string_view api);
boost::json::object UserJson(const Catalog& catalog, Code user, std::string_view api);
boost::json::object VersionJson(const Catalog& catalog, Code version, std::string_view api);
boost::json::object ComponentJson(const Catalog& catalog, Code component, std::string_view api);

// A user who may not be in the catalog (the caller of GET /myself).
boost::json::object UserJson(const User& user, std::string_view api);

// The server's root ("http://host:port") of a REST base ("http://host:port/rest/api/3").
std::string_view SiteRoot(std::string_view api);

}  // namespace jql

#endif  // JQL_ENTITY_JSON_H_
