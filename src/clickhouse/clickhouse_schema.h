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

// A text field (or `text`, all of them) as three columns: its analyzed terms and their
// positions, as the in-process index analyzes them (the same analyzer and stemmer),
// and whether the field is empty. `t_NAME` Array(String), `p_NAME` Array(UInt32) side
// by side, `e_NAME` UInt8.
struct TextSchemaColumn {
  std::string name;  // summary, description, environment, comments, all, cfN
  ColumnId column = ColumnId::kNone;
  int custom = -1;
};

// A string as a single-quoted ClickHouse literal (also inside a TabSeparated array).
std::string Quoted(std::string_view text);

class Schema {
 public:
  explicit Schema(const IssueStore& store);

  const std::vector<SchemaColumn>& columns() const { return columns_; }
  const std::vector<TextSchemaColumn>& text_columns() const { return text_columns_; }
  const TextSchemaColumn* FindText(ColumnId column, int custom) const;
  // The column that holds `column` (and `custom`), or null when the schema has none.
  const SchemaColumn* Find(ColumnId column, int custom) const;

  // CREATE TABLE IF NOT EXISTS statements: the table of one node's issues, and the
  // Distributed table over the cluster's nodes (sharded by id).
  std::string CreateLocal(const std::string& table) const;
  std::string CreateDistributed(const std::string& table, const std::string& local,
                                const std::string& database, const std::string& cluster) const;
  // Rows [begin, end) of the store in TabSeparated, in the columns' order.
  void AppendRows(const IssueStore& store, size_t begin, size_t end, std::string& out) const;

  // The change history, in two tables sharded like the issues (so that a query joins
  // each node's issues with that node's history): every value a history field held,
  // over [start, end) and set by whom (the intervals the in-process history index
  // keeps), and every change. Value -1 is EMPTY.
  static std::string CreateHistory(const std::string& table);
  static std::string CreateChanges(const std::string& table);
  static void AppendHistory(const IssueStore& store, size_t row, std::string& history,
                            std::string& changes);
  // Who changed anything and when (every change of every field, for updatedBy()), and
  // the issue links, each stored on both ends as in the store: the row at the other end
  // and the direction seen from this one.
  static std::string CreateUpdates(const std::string& table);
  static std::string CreateLinks(const std::string& table);
  static void AppendUpdatesAndLinks(const IssueStore& store, size_t row, std::string& updates,
                                    std::string& links);

  // The archive marks of the servers that archive through this cluster (`jql serve
  // --backend`): append-only, one row per issue per change, the latest (stamp, writer)
  // per issue saying whether it is archived now. It is one table on the first node, not
  // sharded: one change (an issue with its subtasks, which may live on other shards) is
  // one INSERT, and ClickHouse makes one INSERT into one table visible whole or not at
  // all, so no query ever sees a parent archived without its subtasks.
  static std::string CreateArchiveMarks(const std::string& table);

  // The tables queries read history from (qualified with the database: on a cluster
  // the query runs on each node, whose session knows no database of ours).
  std::string issues_table = "issues";  // every issue (the Distributed table on a cluster)
  std::string history_table = "history";
  std::string changes_table = "changes";
  std::string updates_table = "updates";
  std::string links_table = "links";
  std::string marks_table = "archive_marks";  // on the first node, which runs every query

 private:
  std::vector<SchemaColumn> columns_;
  std::vector<TextSchemaColumn> text_columns_;
};

// A store's identity (its ids and keys), recorded with a push so that a query bound
// against other data is refused instead of answering with the wrong codes.
std::string StoreFingerprint(const IssueStore& store);

}  // namespace jql::clickhouse

#endif  // JQL_SRC_CLICKHOUSE_CLICKHOUSE_SCHEMA_H_
