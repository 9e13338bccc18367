// jql: offline JQL validation, explanation and selection, data generation and
// snapshots, and the archive server.
#include <iostream>

#include "CLI/CLI.hpp"
#include "cli/commands.h"
#include "cli/did_you_mean.h"
#include "cli/progress_display.h"

int main(int argc, char** argv) {
  CLI::App app{"jql: a JQL engine for Jira issue archiving"};
  app.set_version_flag("--version", "jql " JQL_VERSION);
  app.require_subcommand(1);
  // Global flags may follow the subcommand (`jql gen --quiet ...`), so subcommands
  // pass what they do not know to the app.
  app.fallthrough();
  app.add_flag_callback(
         "-q,--quiet", [] { jql::cli::SetProgressQuiet(true); },
         "No progress display and no closing summary on stderr (errors still show)")
      ->trigger_on_parse();
  int exit_code = jql::cli::kOk;
  jql::cli::RegisterValidate(app, exit_code);
  jql::cli::RegisterExplain(app, exit_code);
  jql::cli::RegisterStats(app, exit_code);
  jql::cli::RegisterSnapshot(app, exit_code);
  jql::cli::RegisterGenerate(app, exit_code);
  jql::cli::RegisterSelect(app, exit_code);
  jql::cli::RegisterServe(app, exit_code);
  jql::cli::RegisterUsers(app, exit_code);
  jql::cli::RegisterCatalog(app, exit_code);
  jql::cli::RegisterImport(app, exit_code);
  jql::cli::RegisterArchive(app, exit_code);
  jql::cli::RegisterPush(app, exit_code);
  jql::cli::RegisterSql(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // A mistyped command or flag is named (with the nearest right one) before CLI11's
    // own complaint, which is often about something else ("--data is required").
    if (e.get_exit_code() != 0) {
      if (auto message = jql::cli::DidYouMean(argc, argv, app)) {
        std::cerr << *message << '\n';
        return jql::cli::kUsageOrIoError;
      }
    }
    const int status = app.exit(e);
    return status == 0 ? 0 : jql::cli::kUsageOrIoError;
  }
  return exit_code;
}
