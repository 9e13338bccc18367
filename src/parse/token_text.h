// What a token means, in the AST's terms: the decoded text of a string token, and the
// text Jira shows for a token in an error message.
#ifndef JQL_SRC_PARSE_TOKEN_TEXT_H_
#define JQL_SRC_PARSE_TOKEN_TEXT_H_

#include <string>

#include "antlr4-runtime.h"

namespace jql::internal {

// The value of a STRING, QUOTE_STRING or SQUOTE_STRING token, escapes decoded and
// quotes removed; for any other token its text.
std::string TokenValue(const antlr4::Token* token);

// The token as Jira names it in "but got 'X'": quoted strings without their quotes.
std::string TokenDisplay(const antlr4::Token* token);

bool IsQuotedStringToken(const antlr4::Token* token);

}  // namespace jql::internal

#endif  // JQL_SRC_PARSE_TOKEN_TEXT_H_
