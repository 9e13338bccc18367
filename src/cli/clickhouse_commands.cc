// jql push: load a store into ClickHouse; jql sql --dialect clickhouse: print the SQL a
// query lowers to. `jql select --engine clickhouse://...` is in select_command.cc.
#include <iostream>

#include "cli/commands.h"
#include "cli/data_commands.h"
#include "cli/progress_display.h"
#include "clickhouse/clickhouse_lowering.h"
#include "clickhouse/clickhouse_store.h"
#include "common/number_format.h"

namespace jql::cli {
namespace {

struct PushOptions {
  std::string data, to;
};

int Push(const PushOptions& o) {
  auto target = clickhouse::ParseTarget(o.to);
  if (!target.ok()) {
    std::cerr << "jql push: " << target.status().message() << "\n";
    return kUsageOrIoError;
  }
  auto store = LoadData(o.data);
  if (!store) return kUsageOrIoError;
  auto cluster = clickhouse::ClickHouseStore::Open(*target, *store);
  if (!cluster.ok()) {
    std::cerr << "jql push: " << cluster.status().message() << "\n";
    return kUsageOrIoError;
  }
  ProgressDisplay display("pushing to " + o.to, "issues");
  const double total = static_cast<double>(store->rows());
  auto pushed =
      (*cluster)->Push([&](size_t rows) { display.Update(static_cast<double>(rows), total); });
  if (!pushed.ok()) {
    display.Finish("");
    std::cerr << "jql push: " << pushed.status().message() << "\n";
    return kUsageOrIoError;
  }
  display.Finish(*pushed == clickhouse::PushOutcome::kAlreadyThere
                     ? o.to + " holds this store already; nothing pushed"
                     : "pushed " + internal::WithCommas(store->rows()) + " issues to " + o.to);
  return kOk;
}

struct SqlOptions {
  std::string dialect = "clickhouse", data, query;
  ContextOptions context;
};

int Sql(const SqlOptions& o) {
  QueryContext context;
  if (!MakeContext(o.context, &context)) return kUsageOrIoError;
  auto store = LoadData(o.data);
  if (!store) return kUsageOrIoError;
  Engine engine(*store);
  const CompileResult compiled = engine.Compile(o.query, context);
  if (!compiled.ok()) {
    for (const Diagnostic& d : compiled.errors) std::cerr << d.message << '\n';
    return kInvalidQuery;
  }
  auto sql = clickhouse::LowerSelect(*compiled.query, *store, clickhouse::Schema(*store), "issues");
  if (!sql.ok()) {
    std::cerr << "jql sql: " << sql.status().message() << "\n";
    return kInvalidQuery;
  }
  std::cout << *sql << "\n";
  return kOk;
}

}  // namespace

void RegisterPush(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<PushOptions>();
  CLI::App* cmd = app.add_subcommand(
      "push", "Load a data set into ClickHouse, for jql select --engine (docs/clickhouse.md).");
  cmd->add_option("--data", o->data, "The data: a file, a folder or a snapshot")->required();
  cmd->add_option("--to", o->to,
                  "clickhouse://HOST:PORT[,HOST:PORT...]/DATABASE[?cluster=NAME]: every node's "
                  "HTTP address and, for several, the cluster of their <remote_servers>")
      ->required();
  cmd->callback([o, &exit_code] { exit_code = Push(*o); });
}

void RegisterSql(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<SqlOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sql",
      "Print the SQL a query lowers to (bound against --data, as jql select --engine runs it).");
  cmd->add_option("query", o->query, "The JQL query")->required();
  cmd->add_option("--dialect", o->dialect, "The SQL dialect: clickhouse")
      ->check(CLI::IsMember({"clickhouse"}));
  cmd->add_option("--data", o->data, "The data the query is bound against")->required();
  AddContextOptions(cmd, &o->context);
  cmd->callback([o, &exit_code] { exit_code = Sql(*o); });
}

}  // namespace jql::cli
