// One issue in the shape of Jira's REST API: {"id", "key", "fields": {...}} with the
// system fields Jira shows (project, issuetype, status with its category, users,
// dates, versions, components, sprints, links, text, custom fields as
// customfield_N) and, when asked and recorded, "changelog": {"histories": [...]}.
// It is the shape the JSON loader reads back. Thread-safe over a built store.
#ifndef JQL_ISSUE_JSON_H_
#define JQL_ISSUE_JSON_H_

#include <boost/json/object.hpp>
#include <cstddef>

#include "jql/issue_store.h"

namespace jql {

boost::json::object IssueToJson(const IssueStore& store, size_t row, bool with_changelog = true);

}  // namespace jql

#endif  // JQL_ISSUE_JSON_H_
