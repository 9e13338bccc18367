// Helpers shared by the subcommands that read a data set (--data PATH).
#ifndef JQL_SRC_CLI_DATA_COMMANDS_H_
#define JQL_SRC_CLI_DATA_COMMANDS_H_

#include <optional>
#include <string>
#include <string_view>

#include "CLI/CLI.hpp"
#include "cli/progress_display.h"
#include "jql/data_loader.h"
#include "jql/engine.h"
#include "jql/issue_store.h"

namespace jql::cli {

// Load options that show the load's progress (bytes read, issues, rate, ETA) on
// `display`, which must outlive the load.
LoadOptions LoadProgressOn(ProgressDisplay& display);

// Loads --data PATH (CSV, Jira JSON or JSON Lines, a folder of them, or a snapshot),
// printing the error to stderr on failure.
std::optional<IssueStore> LoadData(const std::string& path, LoadReport* report = nullptr);

// --now, --tz and --user of the commands that evaluate queries. "now" is the clock by
// default, as on the server, so `jql select` and the server's preview select the same
// issues; tests and benchmarks pass a fixed time.
struct ContextOptions {
  std::string now = "now";
  std::string tz = "UTC";
  std::string user;
};
// `user_option` names the current user's option where --user means something else.
void AddContextOptions(CLI::App* command, ContextOptions* options,
                       const std::string& user_option = "--user");

// "now" (the clock), an ISO date ("2025-06-01", midnight UTC) or date-time
// ("2025-06-01T12:00:00Z", "+02:00" offsets too), or epoch milliseconds; nothing for
// anything else.
std::optional<int64_t> ParseNow(std::string_view text, int64_t clock_ms);

// The QueryContext the options describe; prints the problem and returns false when
// one does not parse.
bool MakeContext(const ContextOptions& options, QueryContext* context);

}  // namespace jql::cli

#endif  // JQL_SRC_CLI_DATA_COMMANDS_H_
