#include "cli/site_access.h"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <mutex>

#include "cli/progress_display.h"

namespace jql::cli {

void AddSiteAccessOptions(CLI::App* cmd, SiteAccess* access) {
  cmd->add_option("--user", access->user, "The account's e-mail");
  cmd->add_option("--token-file", access->token_file,
                  "A file holding the account's API token (never given on the command line)");
  cmd->add_option("--jobs", access->jobs,
                  "Requests in flight at once (default 4; the site's rate limit is per user)")
      ->check(CLI::Range(size_t{1}, size_t{32}));
}

std::unique_ptr<client::SitePool> OpenSite(const SiteAccess& access, const std::string& command) {
  if (access.user.empty() || access.token_file.empty()) {
    std::cerr << command << ": --user and --token-file are required to reach " << access.site
              << "\n";
    return nullptr;
  }
  std::ifstream in(access.token_file);
  std::string token;
  if (!in || !std::getline(in, token) || token.empty()) {
    std::cerr << command << ": cannot read a token from " << access.token_file << "\n";
    return nullptr;
  }
  while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
  client::SiteClientOptions options;
  // On a terminal the progress line is cleared first, so the note stands on its own.
  const char* clear = isatty(STDERR_FILENO) ? "\r\033[2K" : "";
  auto lines = std::make_shared<std::mutex>();  // several connections may retry at once
  options.on_retry = [clear, command, lines](const std::string& what) {
    if (ProgressQuiet()) return;
    std::lock_guard lock(*lines);
    std::cerr << clear << command << ": " << what << "\n";
  };
  auto pool = client::SitePool::Open(access.site, access.user, token, access.jobs, options);
  if (!pool.ok()) {
    std::cerr << command << ": " << pool.status().message() << "\n";
    return nullptr;
  }
  return std::move(*pool);
}

}  // namespace jql::cli
