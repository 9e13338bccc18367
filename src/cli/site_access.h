// How the commands that talk to a Jira site (import, archive --apply) are told which
// site, as whom and with how many connections; and the connections they open. The token
// is read from a file, so it is never on a command line, in `ps` or in a shell history.
#ifndef JQL_SRC_CLI_SITE_ACCESS_H_
#define JQL_SRC_CLI_SITE_ACCESS_H_

#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "client/site_pool.h"

namespace jql::cli {

struct SiteAccess {
  std::string site;  // https://NAME.atlassian.net or http://HOST:PORT
  std::string user;  // the account's e-mail
  std::string token_file;
  size_t jobs = 4;  // requests in flight at once
};

// --user, --token-file and --jobs (the site's own option differs by command).
void AddSiteAccessOptions(CLI::App* cmd, SiteAccess* access);

// The connections, or nullptr after saying why on stderr as `command`. Retries are
// reported on stderr (above a progress line) unless --quiet.
std::unique_ptr<client::SitePool> OpenSite(const SiteAccess& access, const std::string& command);

}  // namespace jql::cli

#endif  // JQL_SRC_CLI_SITE_ACCESS_H_
