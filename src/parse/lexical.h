// Lexical facts of JQL that the C++ side needs beside the grammar: reserved words,
// which characters may stand unquoted, and decoding of escapes.
#ifndef JQL_SRC_PARSE_LEXICAL_H_
#define JQL_SRC_PARSE_LEXICAL_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace jql::internal {

// True for Jira Cloud's reserved words, compared case-insensitively: the server's
// list (abort ... with), and the English stop words Cloud adds (a an are at be but
// it no such that the their there these they this will).
bool IsReservedWord(std::string_view word);
// The reserved words, lower case and sorted.
std::span<const std::string_view> ReservedWordList();

// True for the words the grammar makes keywords (and, or, not, in, is, empty, null,
// was, changed, before, after, from, to, on, during, order, by, asc, desc, cf).
bool IsKeyword(std::string_view word);

// True when the code point may appear in an unquoted string without an escape.
bool IsUnquotedChar(uint32_t code_point);
// True when the code point may appear raw inside a quoted string.
bool IsQuotedChar(uint32_t code_point, char quote);

// Decodes the escapes of a STRING token, or of the inside of a quoted token. The
// lexer has already checked every escape. \uXXXX is a UTF-16 code unit: pairs are
// joined, a lone surrogate becomes U+FFFD.
std::string DecodeEscapes(std::string_view raw);

// Parses a decimal integer token ("123", "-7"); false when outside int64.
bool ParseInt64(std::string_view digits, int64_t* value);

}  // namespace jql::internal

#endif  // JQL_SRC_PARSE_LEXICAL_H_
