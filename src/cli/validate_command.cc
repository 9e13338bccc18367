// jql validate: check queries offline and report Jira's errors for each, one verdict
// per query in input order with where it came from, then a summary.
#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/data_commands.h"
#include "common/utf8.h"
#include "jql/engine.h"
#include "jql/fields.h"
#include "jql/operator_usage.h"
#include "jql/parser.h"
#include "jql/site_catalog.h"

namespace jql::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> queries;
  std::vector<std::string> files;  // "-" is standard input
  std::string format = "text";
  bool json_strings = false;         // --jsonl: each input line is a JSON string
  std::string data;                  // with a data set, binding errors join the syntax errors
  std::string catalog;               // or with a site's metadata alone (jql/site_catalog.h)
  std::vector<std::string> filters;  // saved pages of GET /rest/api/3/filter/search
  ContextOptions context;
};

// A saved filter as Jira exports it (GET /rest/api/3/filter/search?expand=jql,owner).
struct Filter {
  std::string id, name, owner;  // owner: display name, else account id
};

// One query and where it came from.
struct Input {
  std::string source;  // a file name, "stdin", or "" for a command-line argument
  size_t line = 0;     // its line in the source (its position among the arguments)
  std::string text;
  std::optional<std::string> unreadable;  // why the line is not a query (--jsonl)
  std::optional<Filter> filter;           // --filters: the filter the query is of
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

// Reads the queries of one file (or stdin): one per line; blank lines and lines
// starting with '#' are skipped. With --jsonl each line is a JSON string.
bool ReadQueries(std::istream& in, const std::string& source, bool json_strings,
                 std::vector<Input>& out) {
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    Input input{source, number, line, std::nullopt, std::nullopt};
    if (json_strings) {
      boost::system::error_code ec;
      const boost::json::value value = boost::json::parse(line, ec);
      if (ec || !value.is_string()) {
        input.unreadable = "Input line " + std::to_string(number) + " is not a JSON string" +
                           (ec ? ": " + ec.message() : std::string()) + ".";
      } else {
        input.text = std::string(value.as_string());
      }
    }
    out.push_back(std::move(input));
  }
  return !in.bad();
}

std::string_view Str(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

// The filters of one saved page of GET /rest/api/3/filter/search (or a plain array of
// filters, as GET /filter/my gives): each becomes one query, named by the filter.
bool ReadFilters(const std::string& file, std::vector<Input>& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "jql: cannot read " << file << ": " << std::strerror(errno) << '\n';
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  const boost::json::value page = boost::json::parse(text.str(), ec);
  const boost::json::array* values = nullptr;
  if (!ec && page.is_array()) values = &page.get_array();
  if (!ec && page.is_object()) {
    if (const auto* v = page.get_object().if_contains("values"); v != nullptr && v->is_array())
      values = &v->get_array();
  }
  if (values == nullptr) {
    std::cerr << "jql: " << file
              << " is not a page of GET /rest/api/3/filter/search (a JSON object with "
                 "'values')"
              << (ec ? ": " + ec.message() : std::string()) << '\n';
    return false;
  }
  for (size_t i = 0; i < values->size(); ++i) {
    Input input{file, i + 1, "", std::nullopt, Filter{}};
    const boost::json::value& v = (*values)[i];
    if (!v.is_object()) {
      input.unreadable = "Filter " + std::to_string(i + 1) + " is not a JSON object.";
      out.push_back(std::move(input));
      continue;
    }
    const boost::json::object& f = v.get_object();
    input.filter->id = std::string(Str(f, "id"));
    input.filter->name = std::string(Str(f, "name"));
    if (const auto* owner = f.if_contains("owner"); owner != nullptr && owner->is_object()) {
      const boost::json::object& o = owner->get_object();
      input.filter->owner =
          std::string(Str(o, "displayName").empty() ? Str(o, "accountId") : Str(o, "displayName"));
    }
    const auto* jql = f.if_contains("jql");
    if (jql == nullptr || !jql->is_string()) {
      input.unreadable = "The filter has no 'jql': export the filters with expand=jql,owner.";
    } else {
      input.text = std::string(jql->get_string());
    }
    out.push_back(std::move(input));
  }
  return true;
}

// For a user field's unknown value: Jira Cloud names users by account id, and scripts
// from Server or Data Center still say `reporter = jsmith`.
std::optional<std::string> UsernameHint(const std::string& message) {
  static const std::regex kUnknownValue(
      R"(^The value '(.*)' does not exist for the field '(.*)'\.$)");
  std::smatch m;
  if (!std::regex_match(message, m, kUnknownValue)) return std::nullopt;
  const FieldDescriptor* field = FindSystemField(m[2].str());
  if (field == nullptr || field->dictionary != Dictionary::kUsers) return std::nullopt;
  return "hint: Jira Cloud names users by account id (e.g. 5b10ac8d82e05b22cc7d4ef5), not by "
         "username; '" +
         m[1].str() +
         "' is no account id, display name or e-mail in this data. Old usernames from Jira "
         "Server or Data Center must be replaced by account ids.";
}

struct Verdict {
  std::vector<Diagnostic> errors;
  std::vector<std::string> hints;
};

std::string Where(const Input& input) {
  if (input.filter) {
    const Filter& f = *input.filter;
    return "filter " + f.id + " \"" + f.name + "\"" +
           (f.owner.empty() ? std::string() : " (owner " + f.owner + ")");
  }
  return input.source.empty() ? "argument " + std::to_string(input.line)
                              : input.source + ":" + std::to_string(input.line);
}

boost::json::object VerdictJson(const Input& input, const Verdict& v) {
  boost::json::object out;
  if (!input.source.empty()) out["source"] = ValidUtf8(input.source);
  if (input.filter) {
    out["filter"] = boost::json::object{{"id", ValidUtf8(input.filter->id)},
                                        {"name", ValidUtf8(input.filter->name)},
                                        {"owner", ValidUtf8(input.filter->owner)}};
    out["position"] = input.line;  // the filter's place in its file
  } else {
    out["line"] = input.line;
  }
  out["query"] = ValidUtf8(input.text);
  out["valid"] = v.errors.empty();
  boost::json::array errors;
  for (const Diagnostic& d : v.errors) {
    boost::json::object e{{"message", ValidUtf8(d.message)}};
    if (d.range.end > 0 || d.range.begin > 0) {
      e["line"] = d.range.line;
      e["column"] = d.range.column;
    }
    errors.push_back(std::move(e));
  }
  out["errors"] = std::move(errors);
  if (!v.hints.empty()) {
    boost::json::array hints;
    for (const std::string& h : v.hints) hints.emplace_back(h);
    out["hints"] = std::move(hints);
  }
  return out;
}

int Run(const ValidateOptions& options) {
  std::vector<Input> inputs;
  for (size_t i = 0; i < options.queries.size(); ++i)
    inputs.push_back(Input{"", i + 1, options.queries[i], std::nullopt, std::nullopt});
  std::vector<std::string> files = options.files;
  if (files.empty() && options.queries.empty() && options.filters.empty()) files.push_back("-");
  for (const std::string& file : options.filters) {
    if (!ReadFilters(file, inputs)) return kUsageOrIoError;
  }
  for (const std::string& file : files) {
    if (file == "-") {
      ReadQueries(std::cin, "stdin", options.json_strings, inputs);
      continue;
    }
    std::ifstream in(file);
    if (!in || !ReadQueries(in, file, options.json_strings, inputs)) {
      std::cerr << "jql: cannot read " << file << ": " << std::strerror(errno) << '\n';
      return kUsageOrIoError;
    }
  }

  std::optional<IssueStore> store;
  std::optional<Engine> engine;
  QueryContext context;
  if (!options.data.empty()) {
    if (!MakeContext(options.context, &context)) return kUsageOrIoError;
    store = LoadData(options.data);
    if (!store) return kUsageOrIoError;
    engine.emplace(*store);
  } else if (!options.catalog.empty()) {
    if (!MakeContext(options.context, &context)) return kUsageOrIoError;
    SiteCatalogReport report;
    auto site = LoadSiteCatalog(options.catalog, &report);
    if (!site.ok()) {
      std::cerr << "jql: " << site.status().message() << '\n';
      return kUsageOrIoError;
    }
    // What the catalog cannot check is said once, before the verdicts.
    for (const std::string& note : report.notes) std::cerr << "jql: note: " << note << '\n';
    store = std::move(site).value();
    engine.emplace(*store);
  }
  auto validate = [&](const Input& input) {
    Verdict v;
    if (input.unreadable) {
      v.errors.push_back(Diagnostic{{}, *input.unreadable});
      return v;
    }
    if (engine) {
      v.errors = engine->Compile(input.text, context).errors;
      for (const Diagnostic& d : v.errors)
        if (auto hint = UsernameHint(d.message)) v.hints.push_back(*hint);
    } else {
      // Without data, all of Jira's validation that needs no catalog.
      const ParseResult parsed = Parse(input.text);
      v.errors = parsed.ok() ? CheckOperatorUsage(*parsed.query) : parsed.errors;
    }
    return v;
  };

  size_t invalid = 0;
  boost::json::array all;
  for (const Input& input : inputs) {
    const Verdict v = validate(input);
    if (!v.errors.empty()) ++invalid;
    if (options.format == "jsonl") {
      std::cout << boost::json::serialize(VerdictJson(input, v)) << '\n';
    } else if (options.format == "json") {
      all.push_back(VerdictJson(input, v));
    } else {
      std::string shown = input.text;
      for (char& c : shown)
        if (c == '\n' || c == '\r') c = ' ';
      std::cout << Where(input) << ": " << (v.errors.empty() ? "valid" : "INVALID") << ": " << shown
                << '\n';
      for (const Diagnostic& d : v.errors) std::cout << "    " << d.message << '\n';
      for (const std::string& h : v.hints) std::cout << "    " << h << '\n';
    }
  }
  const size_t valid = inputs.size() - invalid;
  if (options.format == "json") {
    std::cout << boost::json::serialize(boost::json::object{
                     {"queries", std::move(all)}, {"valid", valid}, {"invalid", invalid}})
              << '\n';
  } else if (options.format == "text") {
    std::cout << inputs.size() << (inputs.size() == 1 ? " query: " : " queries: ") << valid
              << " valid, " << invalid << " invalid\n";
  }
  std::cout.flush();
  return invalid == 0 ? kOk : kInvalidQuery;
}

}  // namespace

void RegisterValidate(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Check JQL queries and print Jira's verdict on each, in input order, with a summary. "
      "Exit 0 only if all are valid.");
  cmd->add_option("queries", options->queries,
                  "Queries to check; without any (and without -f), one per line of stdin");
  cmd->add_option("-f,--file", options->files,
                  "Read queries from FILE, one per line ('-' for stdin; blank lines and '#' "
                  "comments are skipped); may be given several times");
  cmd->add_option("--format", options->format,
                  "text (default), json (one document) or jsonl (one object per query); "
                  "errors carry their line and column")
      ->check(CLI::IsMember({"text", "json", "jsonl"}));
  cmd->add_flag(
      "--jsonl",
      [options](int64_t) {
        options->json_strings = true;
        options->format = "jsonl";
      },
      "Read each input line as a JSON string (for queries spanning lines) and print "
      "jsonl");
  CLI::Option* data = cmd->add_option(
      "--data", options->data,
      "Also check fields and values against this data set (CSV, Jira JSON, a folder, "
      "or a snapshot)");
  cmd->add_option("--catalog", options->catalog,
                  "Also check fields and values against a site's metadata alone: a folder of "
                  "the JSON of GET /field, /project/search, /status, /priority, /issuetype, "
                  "/resolution, /users/search and /groups/picker (see `jql catalog`)")
      ->excludes(data);
  cmd->add_option("--filters", options->filters,
                  "Check saved filters: files holding pages of GET "
                  "/rest/api/3/filter/search?expand=jql,owner; each verdict names the filter's "
                  "id, name and owner")
      ->expected(1, -1);
  AddContextOptions(cmd, &options->context);
  cmd->callback([options, &exit_code] { exit_code = Run(*options); });
}

}  // namespace jql::cli
