// AST -> CompiledQuery: fields, operators and values checked against the catalog
// with Jira's validation messages; NOT pushed down with operator flips.
#ifndef JQL_SRC_ENGINE_BINDER_H_
#define JQL_SRC_ENGINE_BINDER_H_

#include <memory>
#include <string>
#include <vector>

#include "compiled_query.h"
#include "jql/ast.h"
#include "jql/engine.h"

namespace jql::internal {

// Binds a parsed query; appends every user mistake to *errors (with its position).
std::shared_ptr<CompiledQuery> Bind(const Query& query, const IssueStore& store,
                                    const QueryContext& context, std::vector<Diagnostic>* errors);

// The clause names of every system field the binder knows, one list per field (its
// name first, then its aliases), lower case: what tests must cover field by field.
std::vector<std::vector<std::string>> SystemFieldClauseNames();

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_BINDER_H_
