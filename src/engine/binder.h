// AST -> CompiledQuery: fields, operators and values checked against the catalog
// with Jira's validation messages; NOT pushed down with operator flips.
#ifndef JQL_SRC_ENGINE_BINDER_H_
#define JQL_SRC_ENGINE_BINDER_H_

#include <memory>
#include <vector>

#include "compiled_query.h"
#include "jql/ast.h"
#include "jql/engine.h"

namespace jql::internal {

// Binds a parsed query; appends every user mistake to *errors (with its position).
std::shared_ptr<CompiledQuery> Bind(const Query& query, const IssueStore& store,
                                    const QueryContext& context, std::vector<Diagnostic>* errors);

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_BINDER_H_
