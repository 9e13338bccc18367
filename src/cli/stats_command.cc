// jql stats: what a data set holds and what it costs in memory.
#include <boost/json.hpp>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/data_commands.h"
#include "jql/engine.h"

namespace jql::cli {

namespace {

struct StatsOptions {
  std::string data;
  bool json = false;
};

int Run(const StatsOptions& options) {
  LoadReport report;
  auto store = LoadData(options.data, &report);
  if (!store) return kUsageOrIoError;
  const MemoryReport memory = store->Memory();
  const size_t rows = store->rows();
  const double per_issue = rows == 0 ? 0 : static_cast<double>(memory.structured_bytes) / rows;
  const Catalog& catalog = store->catalog();
  const std::pair<const char*, size_t> dictionaries[] = {
      {"projects", catalog.projects.size()},       {"issue_types", catalog.issue_types.size()},
      {"statuses", catalog.statuses.size()},       {"priorities", catalog.priorities.size()},
      {"resolutions", catalog.resolutions.size()}, {"users", catalog.users.size()},
      {"groups", catalog.groups.size()},           {"versions", catalog.versions.size()},
      {"components", catalog.components.size()},   {"sprints", catalog.sprints.size()},
      {"link_types", catalog.link_types.size()},   {"custom_fields", catalog.custom_fields.size()},
      {"labels", catalog.labels.size()},
  };
  // The text indexes are built on the first ~ a query needs; stats builds them all to
  // report their size.
  const Engine engine(*store);
  const std::vector<TextIndexReport> text_index = engine.BuildTextIndexes();
  size_t text_index_bytes = 0;
  double text_index_seconds = 0;
  for (const TextIndexReport& r : text_index) {
    text_index_bytes += r.bytes;
    text_index_seconds += r.build_seconds;
  }
  if (options.json) {
    boost::json::object out;
    out["rows"] = rows;
    out["format"] = std::string(DataFormatName(report.format));
    out["load_seconds"] = report.seconds;
    out["structured_bytes"] = memory.structured_bytes;
    out["structured_bytes_per_issue"] = per_issue;
    out["index_bytes"] = memory.index_bytes;
    out["text_bytes"] = memory.text_bytes;
    out["history_bytes"] = memory.history_bytes;
    out["text_index_bytes"] = text_index_bytes;
    out["text_index_build_seconds"] = text_index_seconds;
    boost::json::object fields;
    for (const TextIndexReport& r : text_index) {
      fields[r.field] = {{"terms", r.terms},
                         {"postings", r.postings},
                         {"bytes", r.bytes},
                         {"build_seconds", r.build_seconds}};
    }
    out["text_index"] = std::move(fields);
    out["history_items"] = store->history().items();
    out["link_bytes"] = memory.link_bytes;
    out["links"] = store->links().count() / 2;
    out["archived"] = store->ArchivedCount();
    boost::json::object columns;
    for (const auto& e : memory.structured) columns[e.name] = e.bytes;
    out["columns"] = std::move(columns);
    boost::json::object dicts;
    for (const auto& [name, size] : dictionaries) dicts[name] = size;
    out["dictionaries"] = std::move(dicts);
    boost::json::object unknown;
    for (const auto& [name, count] : report.unknown_fields) unknown[name] = count;
    out["unknown_fields"] = std::move(unknown);
    out["dropped_parents"] = report.dropped_parents;
    out["dropped_links"] = report.dropped_links;
    std::cout << boost::json::serialize(out) << '\n';
    return kOk;
  }
  std::printf("data: %s (%s, %zu file%s, loaded in %.2f s)\n", options.data.c_str(),
              std::string(DataFormatName(report.format)).c_str(), report.files.size(),
              report.files.size() == 1 ? "" : "s", report.seconds);
  std::printf("rows: %zu (%zu archived)\n", rows, store->ArchivedCount());
  std::printf("structured columns: %zu bytes, %.1f bytes per issue\n", memory.structured_bytes,
              per_issue);
  for (const auto& e : memory.structured) {
    std::printf("  %-24s %12zu bytes  %6.2f per issue\n", e.name.c_str(), e.bytes,
                rows == 0 ? 0.0 : static_cast<double>(e.bytes) / rows);
  }
  std::printf("indexes: %zu bytes\n", memory.index_bytes);
  std::printf("text: %zu bytes\n", memory.text_bytes);
  std::printf("text index: %zu bytes, %.1f per issue, built in %.2f s\n", text_index_bytes,
              rows == 0 ? 0.0 : static_cast<double>(text_index_bytes) / rows, text_index_seconds);
  for (const TextIndexReport& r : text_index) {
    std::printf("  %-24s %12zu bytes  %zu terms, %zu postings, %.2f s\n", r.field.c_str(), r.bytes,
                r.terms, r.postings, r.build_seconds);
  }
  std::printf("history: %zu bytes (%zu changes)\n", memory.history_bytes, store->history().items());
  std::printf("links: %zu bytes (%zu links)\n", memory.link_bytes, store->links().count() / 2);
  std::printf("dictionaries:");
  for (const auto& [name, size] : dictionaries) std::printf(" %s=%zu", name, size);
  std::printf("\n");
  if (!report.unknown_fields.empty()) {
    std::printf("fields no column holds (issues with them):");
    for (const auto& [name, count] : report.unknown_fields)
      std::printf(" %s=%zu", name.c_str(), count);
    std::printf("\n");
  }
  if (report.dropped_parents + report.dropped_links > 0) {
    std::printf("parents not in the data: %zu; links to issues not in the data: %zu\n",
                report.dropped_parents, report.dropped_links);
  }
  return kOk;
}

}  // namespace

void RegisterStats(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<StatsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "stats", "Rows, bytes per column, dictionary sizes and memory per issue of a data set.");
  cmd->add_option("--data", options->data,
                  "CSV, Jira JSON or JSON Lines file, a folder of them, or a snapshot")
      ->required();
  cmd->add_flag("--json", options->json, "Print one JSON object");
  cmd->callback([options, &exit_code] { exit_code = Run(*options); });
}

}  // namespace jql::cli
