// The wall around ANTLR: everything the runtime throws is caught here, limits are
// enforced before the recursive-descent parser runs, and lexical mistakes are
// reported from the token stream in Jira's words.
#include "jql/parser.h"

#include <algorithm>
#include <mutex>

#include "JqlLexer.h"
#include "JqlParser.h"
#include "antlr4-runtime.h"
#include "ast_builder.h"
#include "lexical.h"
#include "source_text.h"
#include "syntax_error_strategy.h"
#include "syntax_messages.h"

namespace jql {
namespace {

using internal::SourceText;
using internal::grammar::JqlLexer;
using internal::grammar::JqlParser;
namespace m = internal::messages;

// ANTLR 4.9 shares its DFA cache between all parser instances without locking.
std::mutex& AntlrMutex() {
  static std::mutex mutex;
  return mutex;
}

class LexicalChecker {
 public:
  LexicalChecker(const SourceText& source, std::vector<Diagnostic>* errors)
      : source_(source), errors_(errors) {}

  // Checks every token; stops after an unterminated quote, since the rest of the
  // text is the string's content. Returns the byte offset from which syntax errors
  // are only echoes of the lexical ones (SIZE_MAX when there were none).
  size_t Check(const std::vector<antlr4::Token*>& tokens) {
    size_t echo_from = SIZE_MAX;
    const size_t errors_before = errors_->size();
    for (const antlr4::Token* token : tokens) {
      switch (token->getType()) {
        case JqlLexer::ERROR_RESERVED:
        case JqlLexer::ERRORCHAR:
          BadCharacterAt(token->getStartIndex());
          break;
        case JqlLexer::STRING:
          if (internal::IsReservedWord(token->getText())) {
            Add(RangeOf(token), m::ReservedWord(token->getText()));
          }
          break;
        case JqlLexer::UNCLOSED_QUOTE_STRING:
        case JqlLexer::UNCLOSED_SQUOTE_STRING:
          // The parser stops at the opening quote; the error is what ended the string.
          echo_from = std::min<size_t>(echo_from, source_.ByteOfCodePoint(token->getStartIndex()));
          Unclosed(token);
          return EchoFrom(echo_from, errors_before);
        default:
          break;
      }
    }
    return EchoFrom(echo_from, errors_before);
  }

 private:
  SourceRange RangeOf(const antlr4::Token* token) const {
    return source_.RangeOfCodePoints(token->getStartIndex(), token->getStopIndex());
  }

  size_t EchoFrom(size_t echo_from, size_t errors_before) const {
    for (size_t i = errors_before; i < errors_->size(); ++i) {
      echo_from = std::min<size_t>(echo_from, (*errors_)[i].range.begin);
    }
    return echo_from;
  }

  void Add(const SourceRange& range, const std::string& message) {
    errors_->push_back(Diagnostic{range, m::Located(message, range)});
  }

  uint32_t CodePointAt(size_t index) const {
    size_t length;
    return internal::DecodeUtf8At(source_.text(), source_.ByteOfCodePoint(index), &length);
  }

  // A character no token may start with: a reserved or illegal character, or a
  // backslash that does not start a valid escape.
  void BadCharacterAt(size_t index) {
    const SourceRange range = source_.RangeOfCodePoints(index, index);
    const uint32_t cp = CodePointAt(index);
    if (cp == '\\') {
      BadEscapeAt(index);
    } else if (cp < 0x80 && std::string_view("{}*/%+^$#@?;").find(static_cast<char>(cp)) !=
                                std::string_view::npos) {
      Add(range, m::ReservedCharacter(cp));
    } else {
      Add(range, m::IllegalCharacter(cp, range));
    }
  }

  void BadEscapeAt(size_t index) {
    const size_t n = source_.code_points();
    if (index + 1 >= n) {
      Add(source_.RangeOfCodePoints(index, index), m::IncompleteEscape());
      return;
    }
    // Jira shows the escape up to and including the first character that breaks it.
    size_t last = index + 1;
    if (CodePointAt(index + 1) == 'u') {
      while (last + 1 < n && last < index + 5) {
        const uint32_t c = CodePointAt(last + 1);
        ++last;
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex) break;
      }
    }
    const uint32_t begin = source_.ByteOfCodePoint(index);
    const uint32_t end = source_.ByteOfCodePoint(last + 1);
    Add(source_.Range(begin, end), m::IllegalEscape(source_.text().substr(begin, end - begin)));
  }

  void Unclosed(const antlr4::Token* token) {
    const size_t next = token->getStopIndex() + 1;
    if (next < source_.code_points()) {
      // The quote ended early at a character a quoted string may not hold.
      BadCharacterAt(next);
      return;
    }
    const uint32_t begin = source_.ByteOfCodePoint(token->getStartIndex());
    const uint32_t end = static_cast<uint32_t>(source_.text().size());
    Add(source_.Range(begin, end),
        m::UnfinishedString(source_.text().substr(begin + 1, end - begin - 1)));
  }

  const SourceText& source_;
  std::vector<Diagnostic>* errors_;
};

// How deep the parser would recurse: each open parenthesis and each NOT in a row
// is one level of notClause.
bool NestsTooDeeply(const std::vector<antlr4::Token*>& tokens, size_t limit) {
  std::vector<size_t> saved;
  size_t base = 0;
  size_t run = 0;
  for (const antlr4::Token* token : tokens) {
    switch (token->getType()) {
      case JqlLexer::NOT:
      case JqlLexer::BANG:
        ++run;
        break;
      case JqlLexer::LPAREN:
        saved.push_back(base);
        base += run + 1;
        run = 0;
        break;
      case JqlLexer::RPAREN:
        if (!saved.empty()) {
          base = saved.back();
          saved.pop_back();
        }
        run = 0;
        break;
      default:
        run = 0;
        break;
    }
    if (base + run > limit) return true;
  }
  return false;
}

ParseResult Finish(std::vector<Diagnostic> errors, std::optional<Query> query,
                   const ParseOptions& options) {
  ParseResult result;
  if (errors.empty()) {
    result.query = std::move(query);
    return result;
  }
  std::stable_sort(errors.begin(), errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.range.begin < b.range.begin;
  });
  if (errors.size() > options.max_errors) errors.resize(std::max<size_t>(options.max_errors, 1));
  result.errors = std::move(errors);
  return result;
}

ParseResult ParseValidUtf8(std::string_view text, const ParseOptions& options) {
  const SourceText source(text);
  std::vector<Diagnostic> errors;

  std::lock_guard<std::mutex> lock(AntlrMutex());
  antlr4::ANTLRInputStream input(text.data(), text.size());
  JqlLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();

  const size_t first_lexical = LexicalChecker(source, &errors).Check(tokens.getTokens());

  std::vector<antlr4::Token*> visible;
  for (antlr4::Token* t : tokens.getTokens()) {
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) visible.push_back(t);
  }
  if (NestsTooDeeply(visible, options.max_nesting_depth)) {
    errors.push_back(
        Diagnostic{source.Range(0, 0),
                   m::Located(m::NestedTooDeeply(options.max_nesting_depth), source.Range(0, 0))});
    return Finish(std::move(errors), std::nullopt, options);
  }

  JqlParser parser(&tokens);
  parser.removeErrorListeners();
  auto strategy = std::make_shared<internal::SyntaxErrorStrategy>(source);
  parser.setErrorHandler(strategy);
  // SLL is exact for this grammar's LL(1) decisions and much cheaper; a full-LL
  // second pass only runs when the first one fails, to be sure the error is real.
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  JqlParser::QueryContext* tree = nullptr;
  try {
    tree = parser.query();
  } catch (const antlr4::ParseCancellationException&) {
    tree = nullptr;
  }
  if (strategy->error().has_value()) {
    tokens.seek(0);
    parser.reset();
    strategy->Reset();
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    try {
      tree = parser.query();
    } catch (const antlr4::ParseCancellationException&) {
      tree = nullptr;
    }
  }
  if (const auto& error = strategy->error(); error.has_value()) {
    // A syntax error at or after a lexical one is only its echo.
    if (error->range.begin < first_lexical) errors.push_back(*error);
    return Finish(std::move(errors), std::nullopt, options);
  }
  if (!errors.empty() || tree == nullptr) return Finish(std::move(errors), std::nullopt, options);
  Query query = internal::BuildAst(tree, source, options, &errors);
  return Finish(std::move(errors), std::move(query), options);
}

}  // namespace

ParseResult Parse(std::string_view text, const ParseOptions& options) {
  if (text.size() > options.max_query_bytes) {
    const SourceRange range{0, 0, 1, 1};
    return Finish(
        {Diagnostic{range,
                    m::Located(m::QueryTooLong(text.size(), options.max_query_bytes), range)}},
        std::nullopt, options);
  }
  if (const auto bad = internal::FindInvalidUtf8(text); bad.has_value()) {
    const SourceRange range{static_cast<uint32_t>(*bad), static_cast<uint32_t>(*bad) + 1, 1, 1};
    return Finish({Diagnostic{range, "Error in the JQL Query: " + m::InvalidUtf8(*bad)}},
                  std::nullopt, options);
  }
  try {
    return ParseValidUtf8(text, options);
  } catch (const std::exception& e) {
    // The runtime should not throw past the strategy; if it does, the caller still
    // gets an answer, never an exception.
    const SourceRange range{0, 0, 1, 1};
    return Finish(
        {Diagnostic{range, std::string("Error in the JQL Query: Unable to parse the query (") +
                               e.what() + ")."}},
        std::nullopt, options);
  } catch (...) {
    const SourceRange range{0, 0, 1, 1};
    return Finish({Diagnostic{range, "Error in the JQL Query: Unable to parse the query."}},
                  std::nullopt, options);
  }
}

std::span<const std::string_view> ReservedWords() { return internal::ReservedWordList(); }

}  // namespace jql
