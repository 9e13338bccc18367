// Helpers shared by the subcommands that read a data set (--data PATH).
#ifndef JQL_SRC_CLI_DATA_COMMANDS_H_
#define JQL_SRC_CLI_DATA_COMMANDS_H_

#include <optional>
#include <string>

#include "jql/data_loader.h"
#include "jql/engine.h"
#include "jql/issue_store.h"

namespace jql::cli {

// Loads --data PATH (CSV, Jira JSON or JSON Lines, a folder of them, or a snapshot),
// printing the error to stderr on failure.
std::optional<IssueStore> LoadData(const std::string& path, LoadReport* report = nullptr);

// --now (ISO 8601, e.g. 2025-06-01T00:00:00Z), --tz (UTC or +hh:mm) and --user into a
// QueryContext; prints the problem and returns false when one does not parse.
bool ParseContext(const std::string& now, const std::string& tz, const std::string& user,
                  QueryContext* context);

}  // namespace jql::cli

#endif  // JQL_SRC_CLI_DATA_COMMANDS_H_
