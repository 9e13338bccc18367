// An archive selection as the dry run reports it: the counts by reason, the cap, and
// samples of keys. One shape for the server's POST /issue/archive/preview and for
// `jql select --archivable --format json`, so one script reads both.
#ifndef JQL_SRC_ARCHIVE_ARCHIVE_PREVIEW_H_
#define JQL_SRC_ARCHIVE_ARCHIVE_PREVIEW_H_

#include <boost/json/object.hpp>
#include <string_view>

#include "jql/engine.h"
#include "jql/issue_store.h"

namespace jql::archive {

// {jql, issuesMatched, issuesToArchive, subtasksToArchive, numberOfIssuesToUpdate,
//  limit, limitReached, issuesOverLimit, skipped: {issueIsSubtask,
//  issuesInUnlicensedProjects: {count, issueIdsOrKeys (at most 50)}}, firstIssues (20)}.
// The selection must have been made with its samples (SelectForArchive's `samples`).
boost::json::object ArchivePreviewJson(const IssueStore& store, const ArchiveSelection& selection,
                                       std::string_view jql);

}  // namespace jql::archive

#endif  // JQL_SRC_ARCHIVE_ARCHIVE_PREVIEW_H_
