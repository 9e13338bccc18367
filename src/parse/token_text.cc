#include "token_text.h"

#include "JqlLexer.h"
#include "lexical.h"

namespace jql::internal {

using grammar::JqlLexer;

bool IsQuotedStringToken(const antlr4::Token* token) {
  const size_t type = token->getType();
  return type == JqlLexer::QUOTE_STRING || type == JqlLexer::SQUOTE_STRING;
}

std::string TokenValue(const antlr4::Token* token) {
  const std::string text = token->getText();
  if (IsQuotedStringToken(token)) {
    return DecodeEscapes(std::string_view(text).substr(1, text.size() - 2));
  }
  if (token->getType() == JqlLexer::STRING) return DecodeEscapes(text);
  return text;
}

std::string TokenDisplay(const antlr4::Token* token) {
  if (IsQuotedStringToken(token)) return TokenValue(token);
  return token->getText();
}

}  // namespace jql::internal
