#include "syntax_messages.h"

#include <cstdio>

namespace jql::internal::messages {
namespace {

constexpr std::string_view kPrefix = "Error in the JQL Query: ";
constexpr std::string_view kValidOperators =
    " The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', "
    "'IS' and 'IS NOT'.";
constexpr std::string_view kValidEscapes =
    " The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX.";

std::string Quoted(std::string_view s) {
  std::string out = "'";
  out += s;
  out += "'";
  return out;
}

std::string Hex4(uint32_t cp, bool upper) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, upper ? "%04X" : "%04x", cp);
  return buffer;
}

}  // namespace

std::string Located(std::string_view message, const SourceRange& range, bool at_end) {
  std::string out(kPrefix);
  out += message;
  if (!at_end) {
    out += " (line " + std::to_string(range.line) + ", character " + std::to_string(range.column) +
           ")";
  }
  return out;
}

std::string ReservedWord(std::string_view word) {
  return Quoted(word) +
         " is a reserved JQL word. You must surround it in quotation marks to use it in a query.";
}

std::string ReservedCharacter(uint32_t cp) {
  std::string c(1, static_cast<char>(cp));
  return "The character " + Quoted(c) +
         " is a reserved JQL character. You must enclose it in a string or use the escape '\\u" +
         Hex4(cp, false) + "' instead.";
}

std::string IllegalCharacter(uint32_t cp, const SourceRange& range) {
  return "The character 'U+" + Hex4(cp, true) + "' on line " + std::to_string(range.line) +
         " at position " + std::to_string(range.column) + " must be escaped. Use the escape '\\u" +
         Hex4(cp, false) + "' instead.";
}

std::string IllegalEscape(std::string_view sequence) {
  return Quoted(sequence) + " is an illegal JQL escape sequence." + std::string(kValidEscapes);
}

std::string IncompleteEscape() {
  return "The escape sequence has not been completed." + std::string(kValidEscapes);
}

std::string UnfinishedString(std::string_view content) {
  if (content.empty()) return "The quoted string has not been completed.";
  std::string shown(content);
  for (char& c : shown) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return "The quoted string " + Quoted(shown) + " has not been completed.";
}

std::string IllegalNumber(std::string_view digits) {
  return Quoted(digits) +
         " is not a valid number. Numbers must be between -9,223,372,036,854,775,808 and "
         "9,223,372,036,854,775,807.";
}

std::string EmptyFieldName() { return "A field name cannot be empty."; }
std::string EmptyFunctionName() { return "A function name cannot be empty."; }
std::string EmptyFunctionArgument() { return "A function argument cannot be empty."; }
std::string MissingFunctionArgument() { return "Function argument must be specified."; }

std::string ExpectingButGot(std::string_view what, std::string_view got) {
  return "Expecting " + std::string(what) + " but got " + Quoted(got) + ".";
}

std::string ExpectingBeforeEnd(std::string_view what) {
  return "Expecting " + std::string(what) + " before the end of the query.";
}

std::string NoOperator(std::string_view got) {
  return "Expecting operator but got " + Quoted(got) + "." + std::string(kValidOperators);
}

std::string NoOperatorAtEnd() {
  return "Expecting operator before the end of the query." + std::string(kValidOperators);
}

std::string NoField(std::string_view got) {
  return "Expecting a field name but got " + Quoted(got) + ". You must surround " + Quoted(got) +
         " in quotation marks to use it as a field name.";
}

std::string NoFieldAtEnd() { return "Expecting a field name at the end of the query."; }

std::string NoCustomFieldBracket() {
  return "Expecting a field name but got '['. Did you mean 'cf['?";
}

std::string BadOperand(std::string_view got) {
  return "Expecting either a value, list or function but got " + Quoted(got) +
         ". You must surround " + Quoted(got) + " in quotation marks to use it as a value.";
}

std::string BadOperandAtEnd() {
  return "Expecting either a value, list or function before the end of the query.";
}

std::string BadFunctionArgument(std::string_view got) {
  return "Expecting a function argument but got " + Quoted(got) + ". You must surround " +
         Quoted(got) + " in quotation marks to use it as an argument.";
}

std::string BadFunctionArgumentAtEnd() {
  return "Expecting a function argument at the end of the query.";
}

std::string BadPropertyId(std::string_view got) {
  return "Expecting a property id but got " + Quoted(got) + ". You must surround " + Quoted(got) +
         " in quotation marks to use it as a property id.";
}

std::string BadPropertyIdAtEnd() { return "Expecting a property id before the end of the query."; }

std::string ExpectingOrAnd(std::string_view got) {
  return "Expecting either 'OR' or 'AND' but got " + Quoted(got) + ".";
}

std::string UnsupportedPredicate(std::string_view operator_name, std::string_view predicate) {
  return "The " + std::string(operator_name) + " operator does not support the use of the " +
         std::string(predicate) + " predicate.";
}

std::string ChangedValueWithoutPredicate(std::string_view value) {
  return "The CHANGED operator does not support the use of values without predicates. You "
         "must prefix the " +
         std::string(value) + " value with a suitable predicate.";
}

std::string QueryTooLong(size_t bytes, size_t limit) {
  return "The query is " + std::to_string(bytes) + " bytes long; the limit is " +
         std::to_string(limit) + " bytes.";
}

std::string NestedTooDeeply(size_t limit) {
  return "The query nests parentheses or NOT more than " + std::to_string(limit) + " levels deep.";
}

std::string ListTooLong(size_t limit) {
  return "A list in the query holds more than " + std::to_string(limit) + " values.";
}

std::string InvalidUtf8(size_t byte_offset) {
  return "The query is not valid UTF-8: the bytes at offset " + std::to_string(byte_offset) +
         " do not form a character.";
}

}  // namespace jql::internal::messages
