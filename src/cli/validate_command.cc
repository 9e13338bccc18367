// jql validate: check queries offline and report Jira's errors for each.
#include <iostream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "cli/commands.h"
#include "cli/data_commands.h"
#include "common/utf8.h"
#include "jql/engine.h"
#include "jql/operator_usage.h"
#include "jql/parser.h"

namespace jql::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> queries;
  bool jsonl = false;
  std::string data;  // with a data set, binding errors join the syntax errors
  std::string user;
};

// The text with every byte that is not part of valid UTF-8 replaced by U+FFFD, so
// that JSON output stays valid whatever the input held.
std::string ValidUtf8(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const auto bad = internal::FindInvalidUtf8(text);
    out.append(text.substr(0, bad.value_or(text.size())));
    if (!bad) break;
    out += "\xEF\xBF\xBD";
    text.remove_prefix(*bad + 1);
  }
  return out;
}

void PrintJson(std::string_view query, const std::vector<std::string>& errors) {
  boost::json::object line;
  line["query"] = ValidUtf8(query);
  line["valid"] = errors.empty();
  boost::json::array list;
  for (const std::string& e : errors) list.emplace_back(ValidUtf8(e));
  line["errors"] = std::move(list);
  std::cout << boost::json::serialize(line) << '\n';
}

int Run(const ValidateOptions& options) {
  std::optional<IssueStore> store;
  std::optional<Engine> engine;
  QueryContext context;
  if (!options.data.empty()) {
    store = LoadData(options.data);
    if (!store) return kUsageOrIoError;
    engine.emplace(*store);
    if (!ParseContext("2025-06-01T00:00:00Z", "UTC", options.user, &context))
      return kUsageOrIoError;
  }
  auto validate = [&](std::string_view query) {
    std::vector<std::string> messages;
    std::vector<Diagnostic> errors;
    if (engine) {
      errors = engine->Compile(query, context).errors;
    } else {
      // Without data, all of Jira's validation that needs no catalog.
      const ParseResult parsed = Parse(query);
      errors = parsed.ok() ? CheckOperatorUsage(*parsed.query) : parsed.errors;
    }
    for (const Diagnostic& d : errors) messages.push_back(d.message);
    return messages;
  };
  bool all_valid = true;
  auto report = [&](std::string_view query, const std::vector<std::string>& errors) {
    all_valid = all_valid && errors.empty();
    if (options.jsonl) {
      PrintJson(query, errors);
    } else if (errors.empty()) {
      std::cout << "OK\n";
    } else {
      for (const std::string& e : errors) std::cout << e << '\n';
    }
  };
  if (!options.queries.empty()) {
    for (const std::string& q : options.queries) report(q, validate(q));
  } else {
    std::string line;
    size_t line_number = 0;
    while (std::getline(std::cin, line)) {
      ++line_number;
      if (!options.jsonl) {
        report(line, validate(line));
        continue;
      }
      boost::system::error_code ec;
      const boost::json::value value = boost::json::parse(line, ec);
      if (ec || !value.is_string()) {
        report(line, {"Input line " + std::to_string(line_number) + " is not a JSON string" +
                      (ec ? ": " + ec.message() : std::string()) + "."});
        continue;
      }
      const std::string query(value.as_string());
      report(query, validate(query));
    }
  }
  std::cout.flush();
  return all_valid ? kOk : kInvalidQuery;
}

}  // namespace

void RegisterValidate(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Check JQL queries; print OK or Jira's errors for each. Exit 0 only if all are valid.");
  cmd->add_option("queries", options->queries,
                  "Queries to check; without any, one query per line of standard input");
  cmd->add_flag("--jsonl", options->jsonl,
                "Read each input line as a JSON string and print one JSON object per query: "
                "{\"query\", \"valid\", \"errors\"}");
  cmd->add_option("--data", options->data,
                  "Also check fields and values against this data set (CSV, Jira JSON, a folder, "
                  "or a snapshot)");
  cmd->add_option("--user", options->user, "The current user's account id, for currentUser()");
  cmd->callback([options, &exit_code] { exit_code = Run(*options); });
}

}  // namespace jql::cli
