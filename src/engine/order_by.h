// ORDER BY: the matching rows in the query's order. Sort keys become int64s once per
// query (names ranked, versions by project and sequence), so rows compare by numbers;
// rows tie-break by issue id, and without ORDER BY the order is issue id ascending.
#ifndef JQL_SRC_ENGINE_ORDER_BY_H_
#define JQL_SRC_ENGINE_ORDER_BY_H_

#include <cstdint>
#include <vector>

#include "compiled_query.h"
#include "row_bitmap.h"

namespace jql::internal {

// The rows of `hits` in the query's order; only the first `limit` need to be in
// order, and only they are returned.
std::vector<uint32_t> OrderRows(const IssueStore& store, const CompiledQuery& query,
                                const RowBitmap& hits, size_t limit = SIZE_MAX);

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_ORDER_BY_H_
