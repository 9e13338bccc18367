// The subcommands of the `jql` command line tool. Each Register function adds its
// subcommand and options to the app and arranges for it to run when chosen.
#ifndef JQL_SRC_CLI_COMMANDS_H_
#define JQL_SRC_CLI_COMMANDS_H_

#include "CLI/CLI.hpp"

namespace jql::cli {

// Exit status shared by the subcommands.
// kNotAllApplied: `jql archive --apply` finished but some planned issues are not archived.
enum ExitCode : int { kOk = 0, kInvalidQuery = 1, kUsageOrIoError = 2, kNotAllApplied = 3 };

void RegisterValidate(CLI::App& app, int& exit_code);
void RegisterExplain(CLI::App& app, int& exit_code);
void RegisterStats(CLI::App& app, int& exit_code);
void RegisterSnapshot(CLI::App& app, int& exit_code);
void RegisterGenerate(CLI::App& app, int& exit_code);
void RegisterSelect(CLI::App& app, int& exit_code);
void RegisterServe(CLI::App& app, int& exit_code);
void RegisterUsers(CLI::App& app, int& exit_code);
void RegisterCatalog(CLI::App& app, int& exit_code);
void RegisterImport(CLI::App& app, int& exit_code);
void RegisterArchive(CLI::App& app, int& exit_code);
void RegisterPush(CLI::App& app, int& exit_code);
void RegisterSql(CLI::App& app, int& exit_code);

}  // namespace jql::cli

#endif  // JQL_SRC_CLI_COMMANDS_H_
