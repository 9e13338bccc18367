// The binding of one terminal clause, by the kind of its field: each returns the
// node the clause means (a leaf, or an OR or AND of leaves for lists) with NOT
// already pushed in, or a false leaf after reporting an error. `base` carries the
// field, column and label every leaf of the clause shares.
#ifndef JQL_SRC_ENGINE_BIND_STEPS_H_
#define JQL_SRC_ENGINE_BIND_STEPS_H_

#include <vector>

#include "bind_context.h"

namespace jql::internal {

// Coded and multi-coded fields (bind_codes.cc). `op` has the NOT pushed in.
Node BindCodes(BindContext& bind, const BoundField& f, Operator op, const Operand& operand,
               Leaf base);
// The codes an operand names (values, EMPTY, lists, functions) and whether it names
// EMPTY; false after an error. Every value is resolved, so every unknown one is
// reported. `op` decides which functions it takes.
bool OperandCodes(BindContext& bind, const BoundField& f, const Operand& operand, Operator op,
                  std::vector<Code>& codes, bool* names_empty);

// Dates and numbers (bind_ranges.cc).
Node BindDates(BindContext& bind, const BoundField& f, Operator op, const Operand& operand,
               Leaf base);
Node BindNumbers(BindContext& bind, const BoundField& f, Operator op, const Operand& operand,
                 Leaf base);

// key, id, issue and parent (bind_issues.cc). `negated` says whether `op` is a flipped one.
Node BindIssues(BindContext& bind, const BoundField& f, Operator op, bool negated,
                const Operand& operand, Leaf base);

// ~ and !~ (bind_text.cc).
Node BindText(BindContext& bind, const BoundField& f, Operator op, const Operand& operand,
              Leaf base);

// WAS and CHANGED with their predicates (bind_history.cc); `op` as written.
Node BindHistory(BindContext& bind, const BoundField& f, const TerminalClause& clause, bool negated,
                 Leaf base);

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_BIND_STEPS_H_
