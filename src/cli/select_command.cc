// jql select: run a query over a data set; print keys, a count or JSON. --archivable
// applies the archive rule; --repeat times evaluation alone for benchmarks.
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/data_commands.h"
#include "jql/engine.h"

namespace jql::cli {
namespace {

struct SelectOptions {
  std::string data;
  std::string query;
  std::string now = "2025-06-01T00:00:00Z";
  std::string tz = "UTC";
  std::string user;
  size_t limit = SIZE_MAX;
  std::string format = "keys";
  bool archivable = false;
  int repeat = 0;
};

int Run(const SelectOptions& o) {
  QueryContext context;
  if (!ParseContext(o.now, o.tz, o.user, &context)) return kUsageOrIoError;
  auto store = LoadData(o.data);
  if (!store) return kUsageOrIoError;
  Engine engine(*store);
  const auto compile_start = std::chrono::steady_clock::now();
  const CompileResult compiled = engine.Compile(o.query, context);
  const double compile_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - compile_start)
          .count();
  if (!compiled.ok()) {
    for (const Diagnostic& d : compiled.errors) std::cerr << d.message << '\n';
    return kInvalidQuery;
  }
  if (o.repeat > 0) {
    // The first run pays for what is built on first use (text and history indexes);
    // it is reported apart and the median is of the runs after it.
    std::vector<double> ms;
    double first_ms = 0;
    size_t rows = 0;
    for (int i = -1; i < o.repeat; ++i) {
      const auto start = std::chrono::steady_clock::now();
      if (o.archivable) {
        rows = engine.SelectForArchive(*compiled.query, Engine::kArchiveCap, o.format == "json")
                   .rows.size();
      } else {
        rows = engine.Execute(*compiled.query, o.limit).rows.size();
      }
      const double elapsed =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      if (i < 0) {
        first_ms = elapsed;
      } else {
        ms.push_back(elapsed);
      }
    }
    std::sort(ms.begin(), ms.end());
    const double median =
        ms.size() % 2 ? ms[ms.size() / 2] : (ms[ms.size() / 2 - 1] + ms[ms.size() / 2]) / 2;
    std::fprintf(stderr,
                 "{\"median_ms\": %.3f, \"min_ms\": %.3f, \"first_ms\": %.3f, \"compile_ms\": "
                 "%.3f, \"rows\": %zu}\n",
                 median, ms.front(), first_ms, compile_ms, rows);
  }
  std::vector<uint32_t> rows;
  size_t total = 0;
  boost::json::object json;
  if (o.archivable) {
    // Keys and counts of the selection need not count every match; json reports them all.
    const ArchiveSelection s =
        engine.SelectForArchive(*compiled.query, Engine::kArchiveCap, o.format == "json");
    rows = s.rows;
    total = s.rows.size();
    json["selected"] = s.rows.size();
    json["subtasks"] = s.subtasks.size();
    json["matched"] = s.matched;
    json["skipped"] = boost::json::object{{"issueIsSubtask", s.skipped_subtasks},
                                          {"issuesInUnlicensedProjects", s.skipped_unlicensed},
                                          {"overLimit", s.skipped_over_cap}};
    if (rows.size() > o.limit) rows.resize(o.limit);
  } else {
    const QueryResult r = engine.Execute(*compiled.query, o.limit);
    rows = r.rows;
    total = r.total;
    json["total"] = r.total;
  }
  if (o.format == "count") {
    std::cout << total << '\n';
  } else if (o.format == "json") {
    boost::json::array keys;
    for (uint32_t row : rows) keys.emplace_back(store->Key(row));
    json["keys"] = std::move(keys);
    std::cout << boost::json::serialize(json) << '\n';
  } else {
    std::string out;
    for (uint32_t row : rows) {
      out += store->Key(row);
      out += '\n';
    }
    std::cout << out;
  }
  return kOk;
}

}  // namespace

void RegisterSelect(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<SelectOptions>();
  CLI::App* cmd = app.add_subcommand(
      "select", "Run a JQL query over a data set and print the matching issues.");
  cmd->add_option("query", o->query, "The JQL query")->required();
  cmd->add_option("--data", o->data,
                  "CSV, Jira JSON or JSON Lines file, a folder of them, or a snapshot")
      ->required();
  cmd->add_option("--now", o->now,
                  "The time relative dates count from (default: the peers' 2025-06-01T00:00:00Z)");
  cmd->add_option(
      "--tz", o->tz,
      "The user's time zone: UTC, an offset such as +02:00, or a name such as Europe/Berlin");
  cmd->add_option("--user", o->user, "The current user's account id (currentUser())");
  cmd->add_option("--limit", o->limit, "Print at most this many issues");
  cmd->add_option("--format", o->format, "keys (default), count or json")
      ->check(CLI::IsMember({"keys", "count", "json"}));
  cmd->add_flag("--archivable", o->archivable,
                "Apply the archive rule and print the selected top-level issues");
  cmd->add_option("--repeat", o->repeat,
                  "Run the query N times after loading; print the median time to stderr");
  cmd->callback([o, &exit_code] { exit_code = Run(*o); });
}

}  // namespace jql::cli
