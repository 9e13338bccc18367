// jql gen: a deterministic synthetic data set, as a snapshot, the peers' CSV, or Jira
// JSON Lines.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/progress_display.h"
#include "jql/generator.h"
#include "jql/snapshot.h"

namespace jql::cli {
namespace {

struct GenerateCommand {
  GenerateOptions options;
  std::string out;
  std::string format;
  std::string params;
  bool no_long_text = false;
  bool sync = false;
};

std::string FormatFor(const GenerateCommand& g) {
  if (!g.format.empty()) return g.format;
  if (g.out.ends_with(".csv")) return "csv";
  if (g.out.ends_with(".jsonl") || g.out.ends_with(".json")) return "jsonl";
  return "snapshot";
}

int Run(GenerateCommand& g) {
  g.options.long_text = !g.no_long_text;
  const std::string format = FormatFor(g);
  if (format != "csv" && format != "jsonl" && format != "snapshot") {
    std::cerr << "jql: --format must be snapshot, csv or jsonl\n";
    return kUsageOrIoError;
  }
  const auto start = std::chrono::steady_clock::now();
  ProgressDisplay display("generating", "issues");
  const auto total = static_cast<double>(g.options.issues);
  auto made = [&](size_t done) {
    if (done < static_cast<size_t>(g.options.issues)) {
      display.Update(static_cast<double>(done), total);
    } else {
      display.Phase("building columns");
    }
  };
  auto store = GenerateIssueStore(g.options, made);
  if (!store.ok()) {
    display.Finish("");
    std::cerr << "jql: " << store.status().message() << '\n';
    return kUsageOrIoError;
  }
  const auto generated = std::chrono::steady_clock::now();
  display.Phase("writing " + g.out);
  ProgressDisplay writing("writing " + g.out, format == "snapshot" ? "bytes" : "issues");
  SnapshotSaveOptions save;
  save.sync = g.sync;
  auto bytes_written = [&](size_t done, size_t total) {
    writing.Update(static_cast<double>(done), static_cast<double>(total));
  };
  auto rows_written = [&](size_t done) { writing.Update(static_cast<double>(done), total); };
  const Status written = format == "csv"     ? WritePeerCsv(*store, g.out, rows_written)
                         : format == "jsonl" ? WriteJiraJsonLines(*store, g.out, rows_written)
                                             : SaveSnapshot(std::move(*store), g.out, save,
                                                            bytes_written);  // not needed after
  writing.Finish("");
  if (!written.ok()) {
    display.Finish("");
    std::cerr << "jql: " << written.message() << '\n';
    return kUsageOrIoError;
  }
  if (!g.params.empty()) {
    std::ofstream(g.params) << GeneratedParamsJson(g.options);
  }
  const auto done = std::chrono::steady_clock::now();
  char summary[512];
  std::snprintf(summary, sizeof summary,
                "%lld issues generated in %.2f s, written as %s to %s in %.2f s",
                static_cast<long long>(g.options.issues),
                std::chrono::duration<double>(generated - start).count(), format.c_str(),
                g.out.c_str(), std::chrono::duration<double>(done - generated).count());
  display.Finish(summary);
  return kOk;
}

}  // namespace

void RegisterGenerate(CLI::App& app, int& exit_code) {
  auto g = std::make_shared<GenerateCommand>();
  CLI::App* cmd = app.add_subcommand("gen", "Generate a deterministic synthetic Jira data set.");
  cmd->add_option("issues", g->options.issues, "Number of issues")
      ->required()
      ->check(CLI::Range(int64_t{0}, int64_t{4000000000}));
  cmd->add_option("--out", g->out, "Output file")->required();
  cmd->add_option("--format", g->format,
                  "snapshot, csv (the peers' format) or jsonl (Jira REST issues); default from the "
                  "file name, else snapshot");
  cmd->add_option("--seed", g->options.seed, "Random seed (the peers use 42)");
  cmd->add_option("--history", g->options.history_per_issue,
                  "Average changes per issue in the histories");
  cmd->add_flag("--no-long-text", g->no_long_text,
                "Leave out descriptions, comments and environments");
  cmd->add_flag("--sync", g->sync,
                "Wait until a snapshot is on disk (fsync) before exiting; a generated set can be "
                "made again, so by default it is left to the page cache like a copy");
  cmd->add_option("--params", g->params,
                  "Also write the peers' query constants (params.json) here");
  cmd->callback([g, &exit_code] { exit_code = Run(*g); });
}

}  // namespace jql::cli
