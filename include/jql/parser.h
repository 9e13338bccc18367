// Parse JQL text into a Query, or into the list of syntax errors Jira would give.
//
// Parse never throws and never crashes on any input: oversized, deeply nested or
// invalid UTF-8 input comes back as diagnostics. The ANTLR 4.9 runtime underneath is
// not safe for concurrent parsing (its DFA cache is shared), so Parse serializes
// callers on one process-wide mutex; it is safe to call from any thread, and callers
// that parse the same text often should cache the result.
#ifndef JQL_PARSER_H_
#define JQL_PARSER_H_

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "jql/ast.h"
#include "jql/diagnostic.h"

namespace jql {

struct ParseOptions {
  // Longest query accepted, in bytes.
  size_t max_query_bytes = 1 << 20;
  // Deepest nesting of parentheses and NOTs accepted; deeper input is refused
  // before the recursive-descent parser could exhaust the stack.
  size_t max_nesting_depth = 200;
  // Most operands in one list (Jira Cloud's search fails near 25,000).
  size_t max_list_elements = 25000;
  // Most diagnostics reported for one query.
  size_t max_errors = 10;
};

struct ParseResult {
  std::optional<Query> query;      // set exactly when errors is empty
  std::vector<Diagnostic> errors;  // in the order of their position in the text

  bool ok() const { return query.has_value(); }
};

ParseResult Parse(std::string_view text, const ParseOptions& options = {});

// Jira Cloud's reserved words, lower case and sorted: such a word must be quoted to be
// a value (GET /jql/autocompletedata lists them).
std::span<const std::string_view> ReservedWords();

}  // namespace jql

#endif  // JQL_PARSER_H_
