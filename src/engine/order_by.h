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
// order, and only they are returned. With `after`, only rows past that position count;
// *following (when given) is set to how many do.
std::vector<uint32_t> OrderRows(const IssueStore& store, const CompiledQuery& query,
                                const RowBitmap& hits, size_t limit = SIZE_MAX,
                                const PagePosition* after = nullptr, size_t* following = nullptr);

// A row's position in the query's order.
PagePosition PositionOf(const IssueStore& store, const CompiledQuery& query, size_t row);

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_ORDER_BY_H_
