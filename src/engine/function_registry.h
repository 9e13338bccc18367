// The JQL functions as data, in the manner of DuckDB's function sets: each one's
// names, the fields it applies to, how many arguments it takes, whether it returns
// a list or a single value, and the function that binds a call. The binder looks a
// call up here and checks it in one place (CheckArity, CheckOperator), with Jira's
// messages.
#ifndef JQL_SRC_ENGINE_FUNCTION_REGISTRY_H_
#define JQL_SRC_ENGINE_FUNCTION_REGISTRY_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "bind_context.h"

namespace jql::internal {

// What a function's value is made of, which decides the fields it applies to.
enum class FunctionKind : uint8_t {
  kCodes,   // dictionary codes of a coded field (currentUser(), releasedVersions())
  kIssues,  // issues, for key, issue and parent (linkedIssues(), watchedIssues())
  kDate,    // an instant, for date fields (now(), startOfMonth())
};

// Which operators may take the value.
enum class FunctionResult : uint8_t {
  kList,    // IN, NOT IN, WAS IN, WAS NOT IN only
  kSingle,  // every operator but those
  kAny,     // either (a single value that also reads as a one-element list)
};

struct FunctionDescriptor {
  // As Jira spells them, the canonical first; calls match case-insensitively.
  std::vector<std::string_view> names;
  FunctionKind kind = FunctionKind::kCodes;
  Dictionary dictionary = Dictionary::kNone;  // kCodes: the fields' dictionary
  size_t min_args = 0, max_args = 0;
  FunctionResult result = FunctionResult::kList;
  // The binding, one per kind; each reports its own argument errors and returns
  // false (or nullopt) after one.
  bool (*codes)(BindContext&, const Operand& call, std::vector<Code>& out) = nullptr;
  // Makes `leaf` the issues the call names: its kind and what the kind reads (the
  // caller sets the column and whether the leaf is negated).
  bool (*issues)(BindContext&, const Operand& call, Leaf& leaf) = nullptr;
  std::optional<int64_t> (*date)(BindContext&, const Operand& call) = nullptr;
};

// Every function, in the order autocomplete lists them.
std::span<const FunctionDescriptor> Functions();
// The function of that name (case-insensitive) and kind that applies to the field
// (for kCodes, a field of its dictionary; `field` may be null for other kinds).
const FunctionDescriptor* FindFunction(std::string_view name, FunctionKind kind,
                                       const BoundField* field);
// The argument count, with Jira's message when it is wrong.
bool CheckArity(BindContext& bind, const FunctionDescriptor& fn, const Operand& call);
// Whether the operator takes the function's kind of value, with Jira's message.
bool CheckOperator(BindContext& bind, const FunctionDescriptor& fn, const Operand& call,
                   Operator op, const BoundField& field);

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_FUNCTION_REGISTRY_H_
