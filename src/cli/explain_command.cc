// jql explain: the canonical form and syntax tree of a query, and with a data set the
// plan, with estimated and actual row counts.
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/data_commands.h"
#include "jql/engine.h"
#include "jql/parser.h"

namespace jql::cli {

namespace {
struct ExplainOptions {
  std::string query;
  std::string data;
  ContextOptions context;
};

int Run(const ExplainOptions& o) {
  const ParseResult result = Parse(o.query);
  if (!result.ok()) {
    for (const Diagnostic& d : result.errors) std::cerr << d.message << '\n';
    return kInvalidQuery;
  }
  std::cout << "canonical: " << ToJql(*result.query) << '\n' << DebugString(*result.query);
  if (o.data.empty()) return kOk;
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
  std::cout << "plan:\n" << engine.Explain(*compiled.query);
  return kOk;
}
}  // namespace

void RegisterExplain(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "Print the canonical form and syntax tree of a query, and with --data its plan.");
  cmd->add_option("query", o->query, "The JQL query")->required();
  cmd->add_option("--data", o->data,
                  "A data set: show the plan with estimated and actual row counts");
  AddContextOptions(cmd, &o->context);
  cmd->callback([o, &exit_code] { exit_code = Run(*o); });
}

}  // namespace jql::cli
