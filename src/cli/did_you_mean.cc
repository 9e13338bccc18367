#include "cli/did_you_mean.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace jql::cli {
namespace {

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The nearest candidate within two edits, or one the word begins; empty when none.
std::string Nearest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = 3;
  for (const std::string& c : candidates) {
    const size_t d = c.starts_with(word) && word.size() >= 2 ? 1 : EditDistance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::string Suggestion(const std::string& nearest) {
  return nearest.empty() ? "" : " Did you mean '" + nearest + "'?";
}

}  // namespace

std::optional<std::string> DidYouMean(int argc, const char* const* argv, CLI::App& app) {
  if (argc < 2) return std::nullopt;
  const std::string first = argv[1];
  if (first.empty() || first[0] == '-') return std::nullopt;
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
  CLI::App* command = nullptr;
  for (CLI::App* sub : app.get_subcommands({}))
    if (sub->get_name() == first) command = sub;
  if (command == nullptr)
    return "jql: '" + first + "' is not a jql command." + Suggestion(Nearest(first, commands)) +
           " (jql --help lists them)";
  // A command with commands of its own (jql users add): the second word names one.
  std::string name = first;
  int next = 2;
  if (!command->get_subcommands({}).empty() && argc > 2 && argv[2][0] != '-') {
    std::vector<std::string> inner;
    CLI::App* chosen = nullptr;
    for (CLI::App* sub : command->get_subcommands({})) {
      inner.push_back(sub->get_name());
      if (sub->get_name() == argv[2]) chosen = sub;
    }
    if (chosen == nullptr)
      return "jql " + first + ": '" + argv[2] + "' is not a jql " + first + " command." +
             Suggestion(Nearest(argv[2], inner)) + " (jql " + first + " --help lists them)";
    command = chosen;
    name = first + " " + argv[2];
    next = 3;
  }
  std::vector<std::string> flags;
  for (const CLI::Option* option : command->get_options()) {
    for (const std::string& l : option->get_lnames()) flags.push_back("--" + l);
    for (const std::string& s : option->get_snames()) flags.push_back("-" + s);
  }
  for (int i = next; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;  // what follows is positional, even with dashes
    if (!arg.starts_with("-") || arg == "-" || (arg.size() > 1 && std::isdigit(arg[1]))) continue;
    const std::string flag(arg.substr(0, arg.find('=')));
    if (std::find(flags.begin(), flags.end(), flag) != flags.end()) continue;
    return "jql " + name + ": unknown option '" + flag + "'." + Suggestion(Nearest(flag, flags)) +
           " (jql " + name + " --help lists them)";
  }
  return std::nullopt;
}

}  // namespace jql::cli
