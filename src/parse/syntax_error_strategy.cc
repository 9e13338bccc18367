#include "syntax_error_strategy.h"

#include <string>

#include "JqlParser.h"
#include "syntax_messages.h"
#include "token_text.h"

namespace jql::internal {
namespace {

using grammar::JqlParser;
namespace m = messages;

// The default-channel token before `token`, or null at the start.
antlr4::Token* PreviousToken(antlr4::Parser* parser, antlr4::Token* token) {
  auto* stream = parser->getTokenStream();
  for (ptrdiff_t i = static_cast<ptrdiff_t>(token->getTokenIndex()) - 1; i >= 0; --i) {
    antlr4::Token* t = stream->get(static_cast<size_t>(i));
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return t;
  }
  return nullptr;
}

size_t TypeOf(const antlr4::Token* token) {
  return token != nullptr ? token->getType() : antlr4::Token::INVALID_TYPE;
}

std::string Expecting(std::string_view what, bool at_end, const std::string& got) {
  return at_end ? m::ExpectingBeforeEnd(what) : m::ExpectingButGot(what, got);
}

std::string FieldExpected(bool at_end, antlr4::Token* token, const std::string& got) {
  if (at_end) return m::NoFieldAtEnd();
  if (token->getType() == JqlParser::LBRACKET) return m::NoCustomFieldBracket();
  return m::NoField(got);
}

std::string OperandExpected(bool at_end, const std::string& got) {
  return at_end ? m::BadOperandAtEnd() : m::BadOperand(got);
}

// The message for an error at `token` while the parser was in `ctx`.
std::string Describe(antlr4::Parser* parser, antlr4::ParserRuleContext* ctx, antlr4::Token* token) {
  const bool at_end = token->getType() == antlr4::Token::EOF;
  const std::string got = at_end ? std::string() : TokenDisplay(token);
  antlr4::Token* previous = PreviousToken(parser, token);
  const size_t before = TypeOf(previous);

  switch (ctx->getRuleIndex()) {
    case JqlParser::RuleQuery: {
      auto* query = static_cast<JqlParser::QueryContext*>(ctx);
      if (query->orderBy() != nullptr) {
        if (before == JqlParser::ASC || before == JqlParser::DESC) {
          return Expecting("','", at_end, got);
        }
        return Expecting("either 'ASC' or 'DESC'", at_end, got);
      }
      if (query->orClause() != nullptr) return m::ExpectingOrAnd(got);
      return FieldExpected(at_end, token, got);
    }
    case JqlParser::RuleNotClause:
      if (auto* group = dynamic_cast<JqlParser::GroupContext*>(ctx);
          group != nullptr && group->orClause() != nullptr) {
        return Expecting("')'", at_end, got);
      }
      return FieldExpected(at_end, token, got);
    case JqlParser::RuleOrClause:
    case JqlParser::RuleAndClause:
    case JqlParser::RuleTerminalClause:
    case JqlParser::RuleField:
    case JqlParser::RuleSortField:
    case JqlParser::RuleOrderBy:
      if (before == JqlParser::ORDER) return Expecting("'by'", at_end, got);
      return FieldExpected(at_end, token, got);
    case JqlParser::RuleCustomField:
      switch (ctx->children.size()) {
        case 1:
          return Expecting("'['", at_end, got);
        case 2:
          return Expecting("a custom field id (a positive number)", at_end, got);
        default:
          return Expecting("']'", at_end, got);
      }
    case JqlParser::RuleFieldProperty:
      if (before == JqlParser::LBRACKET)
        return at_end ? m::BadPropertyIdAtEnd() : m::BadPropertyId(got);
      return Expecting("']'", at_end, got);
    case JqlParser::RuleArgument:
      if (ctx->parent != nullptr &&
          static_cast<antlr4::ParserRuleContext*>(ctx->parent)->getRuleIndex() ==
              JqlParser::RuleFieldProperty) {
        return at_end ? m::BadPropertyIdAtEnd() : m::BadPropertyId(got);
      }
      [[fallthrough]];
    case JqlParser::RuleArguments:
      if (at_end) return m::BadFunctionArgumentAtEnd();
      if (token->getType() == JqlParser::RPAREN) return m::MissingFunctionArgument();
      return m::BadFunctionArgument(got);
    case JqlParser::RuleFunctionCall:
      if (before == JqlParser::LPAREN) {
        if (at_end || token->getType() == JqlParser::COMMA) return Expecting("')'", at_end, got);
        return m::BadFunctionArgument(got);
      }
      return at_end ? m::ExpectingBeforeEnd("')'") : m::ExpectingButGot("')' or ','", got);
    case JqlParser::RuleClauseRhs:
      if (before == JqlParser::IS) {
        return Expecting(TypeOf(token) == JqlParser::BANG ? "'NOT'" : "'EMPTY'", at_end, got);
      }
      if (before == JqlParser::NOT) return Expecting("'EMPTY'", at_end, got);
      return at_end ? m::NoOperatorAtEnd() : m::NoOperator(got);
    case JqlParser::RuleClauseOperator:
      return Expecting("'IN'", at_end, got);
    case JqlParser::RuleList:
      if (before == JqlParser::LPAREN || before == JqlParser::COMMA) {
        return OperandExpected(at_end, got);
      }
      return Expecting("')'", at_end, got);
    case JqlParser::RuleOperand:
    case JqlParser::RuleValue:
    case JqlParser::RuleFunctionName:
    case JqlParser::RulePredicate:
      return OperandExpected(at_end, got);
    default:
      return at_end ? m::ExpectingBeforeEnd("more") : "Unable to parse the query at '" + got + "'.";
  }
}

}  // namespace

void SyntaxErrorStrategy::reportError(antlr4::Parser* parser,
                                      const antlr4::RecognitionException& e) {
  if (error_.has_value()) return;
  antlr4::Token* token = e.getOffendingToken();
  if (token == nullptr) token = parser->getCurrentToken();
  auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(e.getCtx());
  if (ctx == nullptr) ctx = parser->getContext();
  const bool at_end = token->getType() == antlr4::Token::EOF;
  const SourceRange range =
      at_end ? source_.Range(static_cast<uint32_t>(source_.text().size()),
                             static_cast<uint32_t>(source_.text().size()))
             : source_.RangeOfCodePoints(token->getStartIndex(), token->getStopIndex());
  error_ = Diagnostic{range, m::Located(Describe(parser, ctx, token), range, at_end)};
}

void SyntaxErrorStrategy::recover(antlr4::Parser*, std::exception_ptr) {
  throw antlr4::ParseCancellationException();
}

antlr4::Token* SyntaxErrorStrategy::recoverInline(antlr4::Parser* parser) {
  throw antlr4::InputMismatchException(parser);
}

void SyntaxErrorStrategy::sync(antlr4::Parser*) {}

}  // namespace jql::internal
