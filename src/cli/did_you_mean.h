// "Did you mean" for a mistyped subcommand or flag: `jql selec` and `jql select --dat`
// name what is wrong and the nearest right spelling, as git does, instead of CLI11's
// "A subcommand is required" or "--data is required".
#ifndef JQL_SRC_CLI_DID_YOU_MEAN_H_
#define JQL_SRC_CLI_DID_YOU_MEAN_H_

#include <optional>
#include <string>

#include "CLI/CLI.hpp"

namespace jql::cli {

// The message for the first unknown subcommand or option on the command line, when
// there is one; nothing when every word is known.
std::optional<std::string> DidYouMean(int argc, const char* const* argv, CLI::App& app);

}  // namespace jql::cli

#endif  // JQL_SRC_CLI_DID_YOU_MEAN_H_
