// The ClickHouse tables an issue store becomes (docs/clickhouse.md): one row per issue
// with its row number, id, key parts, archived flag and every coded, date and number
// column as the store keeps them (dictionary codes, epoch ms, scaled numbers), single
// values as Nullable(Int64), lists as Array(Int64). Codes only mean something with the
// catalog of the store they came from, which is why queries are bound in process
// against that store and only evaluated in ClickHouse.
#ifndef JQL_SRC_CLICKHOUSE_CLICKHOUSE_SCHEMA_H_
#define JQL_SRC_CLICKHOUSE_CLICKHOUSE_SCHEMA_H_

#include <string>
#include <vector>

#include "jql/fields.h"
#include "jql/issue_store.h"

namespace jql::clickhouse {

// One column of the issues table, and the store column it holds.
struct SchemaColumn {
  std::string name;  // c_status, m_labels, c_cf3 (custom field 3), ...
  ColumnId column = ColumnId::kNone;
  int custom = -1;
  bool multi = false;
};

class Schema {
 public:
  explicit Schema(const IssueStore& store);

  const std::vector<SchemaColumn>& columns() const { return columns_; }
  // The column that holds `column` (and `custom`), or null when the schema has none.
  const SchemaColumn* Find(ColumnId column, int custom) const;

  // CREATE TABLE IF NOT EXISTS statements: the table of one node's issues, and the
  // Distributed table over the cluster's nodes (sharded by id).
  std::string CreateLocal(const std::string& table) const;
  std::string CreateDistributed(const std::string& table, const std::string& local,
                                const std::string& database, const std::string& cluster) const;
  // Rows [begin, end) of the store in TabSeparated, in the columns' order.
  void AppendRows(const IssueStore& store, size_t begin, size_t end, std::string& out) const;

 private:
  std::vector<SchemaColumn> columns_;
};

// A store's identity (its ids and keys), recorded with a push so that a query bound
// against other data is refused instead of answering with the wrong codes.
std::string StoreFingerprint(const IssueStore& store);

}  // namespace jql::clickhouse

#endif  // JQL_SRC_CLICKHOUSE_CLICKHOUSE_SCHEMA_H_
