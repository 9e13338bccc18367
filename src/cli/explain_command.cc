// jql explain: show how a query parses (the AST; the plan joins it with the engine).
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "jql/parser.h"

namespace jql::cli {

void RegisterExplain(CLI::App& app, int& exit_code) {
  auto query = std::make_shared<std::string>();
  CLI::App* cmd =
      app.add_subcommand("explain", "Print the canonical form and the syntax tree of a query.");
  cmd->add_option("query", *query, "The JQL query")->required();
  cmd->callback([query, &exit_code] {
    const ParseResult result = Parse(*query);
    if (!result.ok()) {
      for (const Diagnostic& d : result.errors) std::cerr << d.message << '\n';
      exit_code = kInvalidQuery;
      return;
    }
    std::cout << "canonical: " << ToJql(*result.query) << '\n' << DebugString(*result.query);
    exit_code = kOk;
  });
}

}  // namespace jql::cli
