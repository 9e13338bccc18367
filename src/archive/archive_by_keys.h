// Archive and unarchive by issue ids or keys (Jira's PUT /issue/archive and
// /issue/unarchive): each issue goes with its subtasks; those that cannot are
// reported in Jira's groups, echoed as the caller sent them. All the issues that can
// be changed are changed in one journal record. Thread-safe.
#ifndef JQL_SRC_ARCHIVE_ARCHIVE_BY_KEYS_H_
#define JQL_SRC_ARCHIVE_ARCHIVE_BY_KEYS_H_

#include <map>
#include <string>
#include <vector>

#include "archive/durable_archive.h"
#include "jql/status.h"

namespace jql::archive {

struct KeyedArchiveResult {
  size_t updated = 0;  // issues changed, subtasks included
  // issueIsSubtask, issuesInArchivedProjects, issuesInUnlicensedProjects, issuesNotFound
  std::map<std::string, std::vector<std::string>> errors;
  Status status;  // not OK when the journal could not be written (nothing changed)
};

std::string_view KeyedErrorMessage(std::string_view group);  // "Issue is subtask."

// `archive` false unarchives. An id or key that names no issue, or an issue already
// in the wanted state (archived issues are not found by ordinary lookups), is
// "not found"; unarchiving does not check the project's licence.
KeyedArchiveResult ArchiveByKeys(DurableArchive& archive,
                                 const std::vector<std::string>& ids_or_keys, bool archive_them,
                                 const std::string& by, int64_t now_ms);

}  // namespace jql::archive

#endif  // JQL_SRC_ARCHIVE_ARCHIVE_BY_KEYS_H_
