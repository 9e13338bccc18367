// One issue in the shape of Jira's REST API: {"id", "key", "fields": {...}} with the
// system fields Jira shows (project, issuetype, status with its category, users,
// dates, versions, components, sprints, parent, subtasks, links, text, custom fields as
// customfield_N) and, when asked and recorded, "changelog": {"histories": [...]}.
// It is the shape the JSON loader reads back. Thread-safe over a built store.
#ifndef JQL_ISSUE_JSON_H_
#define JQL_ISSUE_JSON_H_

#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jql/issue_store.h"

namespace jql {

struct IssueJsonOptions {
  bool changelog = true;  // "changelog" with every recorded change, when there are some
  // The REST base the answer is for ("http://host:port/rest/api/3"): the issue and the
  // objects in it link to themselves under it (see entity_json.h). Empty: no links.
  std::string api;
  // Description, environment and comment bodies in Atlassian Document Format, as API
  // v3 returns them; otherwise plain strings, as v2 does.
  bool document_format = false;
  // The issue's subtasks (rows), shown as "subtasks" as Jira does, even when empty.
  // Unset: no "subtasks" field (the store alone does not index children).
  std::optional<std::span<const uint32_t>> subtasks;
};

boost::json::object IssueToJson(const IssueStore& store, size_t row,
                                const IssueJsonOptions& options = {});

// The bodies of an issue's comments, oldest first: the store keeps them joined by line
// breaks, one comment per line. Empty when the issue has none.
std::vector<std::string_view> CommentBodies(const IssueStore& store, size_t row);

// Plain text as an Atlassian Document Format document: a paragraph per line (an empty
// one for a blank line), which the JSON loader reads back to the same text.
boost::json::object TextToDocument(std::string_view text);

}  // namespace jql

#endif  // JQL_ISSUE_JSON_H_
