// jql snapshot: load a data set and save it as a snapshot file.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/data_commands.h"
#include "cli/progress_display.h"
#include "jql/snapshot.h"

namespace jql::cli {

void RegisterSnapshot(CLI::App& app, int& exit_code) {
  auto data = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "snapshot", "Load a data set and save it as a snapshot (fast to load again).");
  cmd->add_option("--data", *data,
                  "CSV, Jira JSON or JSON Lines file, a folder of them, or a snapshot")
      ->required();
  cmd->add_option("--out", *out, "The snapshot file to write")->required();
  cmd->callback([data, out, &exit_code] {
    LoadReport report;
    auto store = LoadData(*data, &report);
    if (!store) {
      exit_code = kUsageOrIoError;
      return;
    }
    const size_t rows = store->rows();
    const auto start = std::chrono::steady_clock::now();
    ProgressDisplay display("writing " + *out, "bytes");
    const Status saved =
        SaveSnapshot(std::move(*store), *out, {},  // not needed after
                     [&](size_t done, size_t total) {
                       display.Update(static_cast<double>(done), static_cast<double>(total));
                     });
    display.Finish("");
    if (!saved.ok()) {
      std::cerr << "jql: " << saved.message() << '\n';
      exit_code = kUsageOrIoError;
      return;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%zu issues loaded in %.2f s, snapshot %s written in %.2f s\n", rows,
                report.seconds, out->c_str(), seconds);
    exit_code = kOk;
  });
}

}  // namespace jql::cli
