// A compiled query (bound and planned in process, against the store that was pushed) as
// ClickHouse SQL over the issues table of clickhouse_schema.h. What lowers is in
// docs/clickhouse.md; anything else is an error naming the construct, never SQL that
// could answer differently from the engine.
#ifndef JQL_SRC_CLICKHOUSE_CLICKHOUSE_LOWERING_H_
#define JQL_SRC_CLICKHOUSE_CLICKHOUSE_LOWERING_H_

#include <string>

#include "clickhouse/clickhouse_schema.h"
#include "jql/engine.h"

namespace jql::clickhouse {

// Whether an issue is not archived now: not archived when pushed, or unarchived since,
// and not archived since, by the latest of its marks in the archive-marks table. The
// marks live on the first node (where queries start) and go to the shards as sets
// (GLOBAL IN), so every shard sees the same marks.
std::string NotArchived(const Schema& schema);

// The condition a row must meet (archived issues excluded).
StatusOr<std::string> LowerCondition(const CompiledQuery& query, const Schema& schema);

// SELECT row FROM `table` ... in the engine's order, at most `limit` rows (SIZE_MAX: all).
StatusOr<std::string> LowerSelect(const CompiledQuery& query, const IssueStore& store,
                                  const Schema& schema, const std::string& table,
                                  size_t limit = SIZE_MAX);
// The ORDER BY list of a query's order (ties by id).
StatusOr<std::string> LowerOrder(const CompiledQuery& query, const IssueStore& store,
                                 const Schema& schema);
// The condition for rows after `after` in the query's order (a page that starts there).
StatusOr<std::string> LowerAfter(const CompiledQuery& query, const IssueStore& store,
                                 const Schema& schema, const PagePosition& after);
// SELECT count() FROM `table` ...
StatusOr<std::string> LowerCount(const CompiledQuery& query, const Schema& schema,
                                 const std::string& table);

}  // namespace jql::clickhouse

#endif  // JQL_SRC_CLICKHOUSE_CLICKHOUSE_LOWERING_H_
