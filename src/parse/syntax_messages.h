// Jira's wording for syntax errors (jql.parse.* keys of Jira's message bundle), in one
// place. Each function returns the message without the "Error in the JQL Query: "
// prefix and the position suffix; Located() adds both.
#ifndef JQL_SRC_PARSE_SYNTAX_MESSAGES_H_
#define JQL_SRC_PARSE_SYNTAX_MESSAGES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "jql/diagnostic.h"

namespace jql::internal::messages {

// "Error in the JQL Query: <message> (line L, character C)"; without the suffix when
// the error is at the end of the query (Jira has no position for those).
std::string Located(std::string_view message, const SourceRange& range, bool at_end = false);

std::string ReservedWord(std::string_view word);
std::string ReservedCharacter(uint32_t code_point);
std::string IllegalCharacter(uint32_t code_point, const SourceRange& range);
std::string IllegalEscape(std::string_view sequence);
std::string IncompleteEscape();
std::string UnfinishedString(std::string_view content);  // content after the quote
std::string IllegalNumber(std::string_view digits);
std::string EmptyFieldName();
std::string EmptyFunctionName();
std::string EmptyFunctionArgument();
std::string MissingFunctionArgument();

// "Expecting <what> but got 'X'." / "Expecting <what> before the end of the query."
std::string ExpectingButGot(std::string_view what, std::string_view got);
std::string ExpectingBeforeEnd(std::string_view what);

std::string NoOperator(std::string_view got);
std::string NoOperatorAtEnd();
std::string NoField(std::string_view got);
std::string NoFieldAtEnd();
std::string NoCustomFieldBracket();  // got '[' where a field name belongs
std::string BadOperand(std::string_view got);
std::string BadOperandAtEnd();
std::string BadFunctionArgument(std::string_view got);
std::string BadFunctionArgumentAtEnd();
std::string BadPropertyId(std::string_view got);
std::string BadPropertyIdAtEnd();
std::string ExpectingOrAnd(std::string_view got);

// Operand shapes the grammar accepts but Jira refuses.
std::string UnsupportedPredicate(std::string_view operator_name, std::string_view predicate);
std::string ChangedValueWithoutPredicate(std::string_view value);

// Limits of ParseOptions (our own wording; Jira has no such limits).
std::string QueryTooLong(size_t bytes, size_t limit);
std::string NestedTooDeeply(size_t limit);
std::string ListTooLong(size_t limit);
std::string InvalidUtf8(size_t byte_offset);

}  // namespace jql::internal::messages

#endif  // JQL_SRC_PARSE_SYNTAX_MESSAGES_H_
