// The JQL functions the engine knows, as clients list them (autocomplete): names,
// argument counts, whether the value is a list, and what it is made of. The engine's
// function registry (src/engine/function_registry.h) is where they are defined.
#ifndef JQL_FUNCTIONS_H_
#define JQL_FUNCTIONS_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "jql/fields.h"

namespace jql {

struct FunctionInfo {
  std::vector<std::string_view> names;  // as Jira spells them, the canonical first
  size_t min_args = 0, max_args = 0;
  bool list = false;  // a list of values: IN and NOT IN take it, = does not
  // What the values are: issues (kKey), an instant (kDate), or codes (kCoded) of
  // `dictionary`, which is also what decides the fields the function applies to.
  ValueKind kind = ValueKind::kCoded;
  Dictionary dictionary = Dictionary::kNone;
};

std::vector<FunctionInfo> ListFunctions();

}  // namespace jql

#endif  // JQL_FUNCTIONS_H_
