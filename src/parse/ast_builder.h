// Parse tree -> AST. Also where the checks live that Jira makes after its grammar
// accepted the text: empty names, numbers outside int64, operand shapes per operator,
// predicates on operators that take none, and the list-size limit.
#ifndef JQL_SRC_PARSE_AST_BUILDER_H_
#define JQL_SRC_PARSE_AST_BUILDER_H_

#include <vector>

#include "JqlParser.h"
#include "jql/ast.h"
#include "jql/parser.h"
#include "source_text.h"

namespace jql::internal {

// Builds the Query for a parse tree that had no syntax error. Problems found on the
// way are appended to *errors; the returned Query is meaningful only when none were.
Query BuildAst(grammar::JqlParser::QueryContext* tree, const SourceText& source,
               const ParseOptions& options, std::vector<Diagnostic>* errors);

}  // namespace jql::internal

#endif  // JQL_SRC_PARSE_AST_BUILDER_H_
