// What every step of binding shares: the store and its catalog, the caller's
// context, where errors go, and the field a clause names. The steps themselves are in
// bind_steps.h, one file per kind of clause.
#ifndef JQL_SRC_ENGINE_BIND_CONTEXT_H_
#define JQL_SRC_ENGINE_BIND_CONTEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiled_query.h"
#include "dates.h"
#include "jql/ast.h"
#include "jql/engine.h"
#include "jql/fields.h"

namespace jql::internal {

// A field as a clause names it: its descriptor and, for a custom field, which one.
struct BoundField {
  const FieldDescriptor* field = nullptr;
  int custom = -1;                          // index into IssueColumns::custom; -1: none
  const CustomField* definition = nullptr;  // for custom fields
  std::string name;  // as messages name it: the JQL name, or the custom field as written

  // How many codes the field's dictionary has.
  size_t DictionarySize(const Catalog& catalog) const {
    return jql::DictionarySize(catalog, field->dictionary, definition);
  }
};

class BindContext {
 public:
  BindContext(const IssueStore& store, const QueryContext& context, const Query& query,
              std::vector<Diagnostic>* errors)
      : store(store), catalog(store.catalog()), context(context), query_(query), errors_(errors) {}

  const IssueStore& store;
  const Catalog& catalog;
  const QueryContext& context;

  // Reports a user mistake at a node's place in the query text.
  void Error(NodeId id, std::string message);

  // The users a text names: an account id, else every user of that display name.
  void UserCodes(std::string_view text, std::vector<Code>& codes) const;
  // A project a function argument names (key, name or id); reports when none.
  std::optional<Code> ProjectArgument(const Operand& fn, const std::string& text);
  // "Unable to find JQL function 'f(a, b)'."
  void UnknownFunction(const Operand& fn);

  // A date operand: an absolute date, a period, epoch milliseconds or a date
  // function. `subject` names what the date is for in messages ("field 'created'").
  std::optional<DateValue> DateOf(const std::string& subject, const Operand& operand);

 private:
  const Query& query_;
  std::vector<Diagnostic>* errors_;
};

// The operand as Jira echoes it in value messages: the text, or the number.
std::string Echo(const Operand& operand);
// Whether a list (at any depth) holds EMPTY.
bool ListHasEmpty(const Operand& operand);
// Every operand of a list, flattened (lists may nest); the operand itself otherwise.
void Flatten(const Operand& operand, std::vector<const Operand*>& out);
bool ParseInteger(std::string_view text, int64_t* out);

// The operator a NOT turns `op` into (Jira's De Morgan rule).
Operator Flip(Operator op);
bool IsHistoryOperator(Operator op);
bool IsOrdering(Operator op);      // < <= > >=
bool IsPositive(Operator op);      // = IN ~
bool IsListOperator(Operator op);  // IN, NOT IN, WAS IN, WAS NOT IN

// A node holding one leaf.
Node LeafNode(Leaf leaf);

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_BIND_CONTEXT_H_
