// `jql archive --apply plan.json --to SITE`: archive on the site exactly the issues a plan
// names (cli/archive_plan.h), by id, with PUT /rest/api/3/issue/archive in batches of
// at most 1,000; then reconcile plan and outcome issue by issue. After each batch the
// report (plan.report.json unless named) records the site's answer, so a run stopped
// anywhere continues with the same command: batches answered are not sent again, and
// issues a stopped run archived come back as not found and are counted as already
// archived, not as errors. Whether an issue is archived is decided by the site itself:
// archived issues are invisible to every search, yet still reachable by id.
//
// The report: report: 1, plan: {path, jql, plannedAt, issuesToArchive}, site, batchSize,
//   complete, batches: [{batch, sent, status, numberOfIssuesUpdated, errors: {group: [id]}}],
//   summary: {issues, subtasks, archived, alreadyArchived, failed, subtasksArchived,
//             subtasksFailed, numberOfIssuesUpdated},
//   issues: [{id, key, outcome, reason?, subtasks?: [{id, key, outcome}]}]
// with outcome "archived", "alreadyArchived" or "failed".
#ifndef JQL_SRC_CLI_ARCHIVE_APPLY_H_
#define JQL_SRC_CLI_ARCHIVE_APPLY_H_

#include <string>

#include "cli/site_access.h"

namespace jql::cli {

struct ArchiveApplyOptions {
  std::string plan, report;
  SiteAccess access;
  size_t batch_size = 1000;
  bool any_site = false;  // apply a plan made on another site's mirror
};

// An exit code of cli/commands.h (kNotAllApplied when some planned issue is not
// archived at the end); says why on stderr.
int ApplyArchivePlan(const ArchiveApplyOptions& options);

}  // namespace jql::cli

#endif  // JQL_SRC_CLI_ARCHIVE_APPLY_H_
