// `jql archive --plan JQL --data MIRROR --out plan.json`: the exact archive a query makes
// on a mirror, written down so that `jql archive --apply` archives those issues and no
// others on the site, whatever the query would match by then. The plan (a JSON object):
//   plan: 1, jql, site (the mirror's site, or null), mirror, mirrorAsOf, plannedAt,
//   limit, issuesMatched, issuesToArchive, subtasksToArchive, numberOfIssuesToUpdate,
//   issues: [{id, key, subtasks?: [{id, key}]}]      the selected issues, in order
//   skipped: {issueIsSubtask, issuesInUnlicensedProjects, issuesInArchivedProjects,
//             overLimit: [{id, key}]}                 every matched issue left out, why
#ifndef JQL_SRC_CLI_ARCHIVE_PLAN_H_
#define JQL_SRC_CLI_ARCHIVE_PLAN_H_

#include <string>

#include "cli/data_commands.h"

namespace jql::cli {

struct ArchivePlanOptions {
  std::string jql, data, out;
  ContextOptions context;
};

// An exit code of cli/commands.h; says why on stderr.
int WriteArchivePlan(const ArchivePlanOptions& options);

}  // namespace jql::cli

#endif  // JQL_SRC_CLI_ARCHIVE_PLAN_H_
