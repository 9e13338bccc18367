// Plan rewrites over the bound tree before it runs: constant branches dropped, and
// leaves on one field merged (`f = a OR f = b` becomes `f IN (a, b)`; `f != a AND
// f != b` becomes `f NOT IN (a, b)`).
#ifndef JQL_SRC_ENGINE_PLANNER_H_
#define JQL_SRC_ENGINE_PLANNER_H_

#include "compiled_query.h"
#include "text_index.h"

namespace jql::internal {

void Simplify(Node& node);

// Each node's estimated fraction of rows, from a sample of rows (text leaves from the
// text index's postings counts when it is built, so that compiling reads no text);
// the children of every AND are put most selective first, the order the executor
// runs them in.
void Estimate(const IssueStore& store, Node& node, const TextIndex* text = nullptr);

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_PLANNER_H_
