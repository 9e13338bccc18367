// jql select: run a query over a data set and show the issues it finds (a table on a
// terminal; keys, a count, CSV, JSON Lines or JSON). --archivable applies the archive
// rule and reports as the server's preview does; --repeat times evaluation alone for
// benchmarks.
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>

#include <unistd.h>

#include "archive/archive_preview.h"
#include "cli/commands.h"
#include "cli/data_commands.h"
#include "cli/issue_listing.h"
#include "clickhouse/clickhouse_store.h"
#include "common/number_format.h"
#include "jql/engine.h"

namespace jql::cli {
namespace {

struct SelectOptions {
  std::string data;
  std::string query;
  ContextOptions context;
  size_t limit = SIZE_MAX;
  std::string format;  // table on a terminal, keys otherwise
  std::string fields = "key,summary,status,updated";
  bool archivable = false;
  int repeat = 0;
  std::string engine;  // empty: in process; clickhouse://...: evaluated there
};

std::vector<std::string> SplitFields(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t end = std::min(list.find(',', start), list.size());
    std::string name = list.substr(start, end - start);
    const size_t first = name.find_first_not_of(' '), last = name.find_last_not_of(' ');
    if (first != std::string::npos) out.push_back(name.substr(first, last - first + 1));
    start = end + 1;
  }
  return out;
}

// The query bound here, evaluated by ClickHouse over the store pushed from the same data.
// The cluster --engine names, holding the store of --data; nullptr after saying why.
std::unique_ptr<clickhouse::ClickHouseStore> OpenCluster(const std::string& url,
                                                         const IssueStore& store) {
  auto target = clickhouse::ParseTarget(url);
  if (!target.ok()) {
    std::cerr << "jql: --engine: " << target.status().message() << "\n";
    return nullptr;
  }
  auto cluster = clickhouse::ClickHouseStore::Open(*target, store);
  Status same = cluster.ok() ? (*cluster)->CheckSameStore() : cluster.status();
  if (!same.ok()) {
    std::cerr << "jql: " << same.message() << "\n";
    return nullptr;
  }
  return std::move(*cluster);
}

int RunOnClickHouse(const SelectOptions& o, const IssueStore& store, const CompiledQuery& query,
                    const IssueListing& listing, clickhouse::ClickHouseStore& cluster) {
  if (o.format == "count") {
    auto count = cluster.Count(query);
    if (!count.ok()) {
      std::cerr << "jql: " << count.status().message() << "\n";
      return kInvalidQuery;
    }
    std::cout << *count << '\n';
    return kOk;
  }
  auto rows = cluster.Select(query, o.limit);
  if (!rows.ok()) {
    std::cerr << "jql: " << rows.status().message() << "\n";
    return kInvalidQuery;
  }
  if (o.format == "json") {
    boost::json::object json{{"jql", o.query}, {"issues", listing.IssuesJson(*rows)}};
    std::cout << boost::json::serialize(json) << '\n';
  } else if (o.format == "jsonl") {
    listing.PrintJsonLines(*rows, std::cout);
  } else if (o.format == "csv") {
    listing.PrintCsv(*rows, std::cout);
  } else if (o.format == "table") {
    listing.PrintTable(*rows, std::cout);
  } else {
    std::string out;
    for (uint32_t row : *rows) out += store.Key(row) + '\n';
    std::cout << out;
  }
  return kOk;
}

int Run(SelectOptions o) {
  QueryContext context;
  if (!MakeContext(o.context, &context)) return kUsageOrIoError;
  if (o.format.empty()) o.format = ::isatty(STDOUT_FILENO) ? "table" : "keys";
  auto store = LoadData(o.data);
  if (!store) return kUsageOrIoError;
  std::string unknown;
  const std::optional<IssueListing> listing =
      IssueListing::Make(*store, SplitFields(o.fields), &unknown);
  if (!listing) {
    std::cerr << "jql: --fields: no field '" << unknown << "' in this data\n";
    return kUsageOrIoError;
  }
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
  std::unique_ptr<clickhouse::ClickHouseStore> cluster;
  if (!o.engine.empty()) {
    if (o.repeat > 0) {
      std::cerr << "jql: --repeat times the in-process engine; it does not take --engine\n";
      return kUsageOrIoError;
    }
    cluster = OpenCluster(o.engine, *store);
    if (!cluster) return kUsageOrIoError;
    if (!o.archivable) return RunOnClickHouse(o, *store, *compiled.query, *listing, *cluster);
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
    const bool full_report = o.format == "json";
    ArchiveSelection s;
    if (cluster) {
      auto selected = cluster->SelectForArchive(*compiled.query);
      if (!selected.ok()) {
        std::cerr << "jql: " << selected.status().message() << "\n";
        return kInvalidQuery;
      }
      s = std::move(*selected);
    } else {
      s = engine.SelectForArchive(*compiled.query, Engine::kArchiveCap, full_report);
    }
    rows = s.rows;
    total = s.rows.size();
    if (full_report) json = archive::ArchivePreviewJson(*store, s, o.query);
    if (s.skipped_over_cap > 0) {
      // Said in every format: a script reading keys must not miss it.
      std::cerr << "jql: the selection stops at " << internal::WithCommas(Engine::kArchiveCap)
                << " issues, the most one archive request takes; "
                << internal::WithCommas(s.skipped_over_cap)
                << " more matching issues are not selected\n";
    }
    if (rows.size() > o.limit) rows.resize(o.limit);
  } else {
    const QueryResult r = engine.Execute(*compiled.query, o.limit);
    rows = r.rows;
    total = r.total;
    json["jql"] = o.query;
    json["total"] = r.total;
  }
  if (o.format == "count") {
    std::cout << total << '\n';
  } else if (o.format == "json") {
    json["issues"] = listing->IssuesJson(rows);
    std::cout << boost::json::serialize(json) << '\n';
  } else if (o.format == "jsonl") {
    listing->PrintJsonLines(rows, std::cout);
  } else if (o.format == "csv") {
    listing->PrintCsv(rows, std::cout);
  } else if (o.format == "table") {
    listing->PrintTable(rows, std::cout);
    std::cout << internal::WithCommas(rows.size()) << (rows.size() == 1 ? " issue" : " issues");
    if (total > rows.size()) std::cout << " of " << internal::WithCommas(total);
    std::cout << (o.archivable ? " selected for archiving\n" : "\n");
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
  AddContextOptions(cmd, &o->context);
  cmd->add_option("--limit", o->limit, "Print at most this many issues");
  cmd->add_option("--format", o->format,
                  "table (the default on a terminal), keys (the default otherwise), count, csv, "
                  "jsonl or json")
      ->check(CLI::IsMember({"table", "keys", "count", "csv", "jsonl", "json"}));
  cmd->add_option("--fields", o->fields,
                  "The fields to show, by their Jira names (default key,summary,status,updated)");
  cmd->add_flag("--archivable", o->archivable,
                "Apply the archive rule and print the selected top-level issues");
  cmd->add_option("--engine", o->engine,
                  "Evaluate on ClickHouse: clickhouse://HOST:PORT[,...]/DATABASE[?cluster=NAME], "
                  "where jql push loaded the same --data (docs/clickhouse.md)");
  cmd->add_option("--repeat", o->repeat,
                  "Run the query N times after loading; print the median time to stderr");
  cmd->callback([o, &exit_code] { exit_code = Run(*o); });
}

}  // namespace jql::cli
