// The first step of Jira's validation, which needs no catalog: each clause's operand
// against its operator's shape (a list or function for IN and NOT IN, one value for
// the others, no EMPTY for < <= > >=). Jira checks this before it looks the field up,
// and reports it as a validation error, not a syntax error: the query parses.
#ifndef JQL_OPERATOR_USAGE_H_
#define JQL_OPERATOR_USAGE_H_

#include <optional>
#include <string>
#include <vector>

#include "jql/ast.h"
#include "jql/diagnostic.h"

namespace jql {

// Jira's message for one clause ("Operator 'in' does not support the non-list value
// '"test"' for field 'summary'."), or none when the operand fits.
std::optional<std::string> OperatorUsageError(const TerminalClause& clause);

// Every clause's error, in query order, each at its operand.
std::vector<Diagnostic> CheckOperatorUsage(const Query& query);

}  // namespace jql

#endif  // JQL_OPERATOR_USAGE_H_
