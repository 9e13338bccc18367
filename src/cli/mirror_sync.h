// `jql import --since-last MIRROR`: bring a mirror up to date with its site. It fetches
// the issues updated since the last import began (less a safety margin), compares the
// site's ids in the mirror's query with the mirror's, and looks up each issue that is
// no longer found: one the site still has but no search finds is archived (kept in the
// mirror, marked so), one it does not have or that left the query is removed. Issues
// unarchived on the site come back. The fetched issues are staged in MIRROR/.sync and
// then applied page by page, so a kill at any point leaves a mirror the next run
// finishes; what changed is printed, and written issue by issue with --report.
#ifndef JQL_SRC_CLI_MIRROR_SYNC_H_
#define JQL_SRC_CLI_MIRROR_SYNC_H_

#include <string>

#include "client/mirror_folder.h"
#include "client/site_pool.h"

namespace jql::cli {

struct MirrorSyncOptions {
  size_t page_size = 100;
  int margin_minutes = 15;
  std::string report;  // a JSON file for the issue-by-issue account, if named
};

// An exit code of cli/commands.h; says why on stderr.
int SyncMirror(const client::MirrorFolder& mirror, client::SitePool& pool,
               const MirrorSyncOptions& options);

}  // namespace jql::cli

#endif  // JQL_SRC_CLI_MIRROR_SYNC_H_
