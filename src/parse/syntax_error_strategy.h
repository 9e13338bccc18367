// An ANTLR error strategy that stops at the first syntax error and describes it in
// Jira's words, from the rule the parser was in and the token it could not take.
#ifndef JQL_SRC_PARSE_SYNTAX_ERROR_STRATEGY_H_
#define JQL_SRC_PARSE_SYNTAX_ERROR_STRATEGY_H_

#include <optional>

#include "antlr4-runtime.h"
#include "jql/diagnostic.h"
#include "source_text.h"

namespace jql::internal {

class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  explicit SyntaxErrorStrategy(const SourceText& source) : source_(source) {}

  // Records the first error; every later one is a consequence of it.
  void reportError(antlr4::Parser* parser, const antlr4::RecognitionException& e) override;
  // No recovery: the parse ends at the first error (Jira reports one).
  void recover(antlr4::Parser* parser, std::exception_ptr e) override;
  antlr4::Token* recoverInline(antlr4::Parser* parser) override;
  void sync(antlr4::Parser* parser) override;

  const std::optional<Diagnostic>& error() const { return error_; }
  void Reset() { error_.reset(); }

 private:
  const SourceText& source_;
  std::optional<Diagnostic> error_;
};

}  // namespace jql::internal

#endif  // JQL_SRC_PARSE_SYNTAX_ERROR_STRATEGY_H_
