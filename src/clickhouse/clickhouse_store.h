// An issue store held in ClickHouse: pushed once (`jql push`), then queried with
// queries bound against the same store in process (`jql select --engine`).
//
// Tables in the target's database: `issues_local` on every node (a MergeTree of that
// node's issues), `issues` to read them all (a Distributed table over the cluster; with
// one node, the local table itself), and `jql_store` on the first node, recording the
// pushed store's fingerprint (clickhouse_schema.h). An issue lives on node id % nodes.
#ifndef JQL_SRC_CLICKHOUSE_CLICKHOUSE_STORE_H_
#define JQL_SRC_CLICKHOUSE_CLICKHOUSE_STORE_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "archive/shared_backend.h"
#include "clickhouse/clickhouse_client.h"
#include "clickhouse/clickhouse_schema.h"
#include "jql/engine.h"

namespace jql::clickhouse {

enum class PushOutcome { kPushed, kAlreadyThere };

class ClickHouseStore {
 public:
  // Connects to every node of the target (no request is made yet).
  static StatusOr<std::unique_ptr<ClickHouseStore>> Open(const Target& target,
                                                         const IssueStore& store);

  // Creates the tables (if missing) and loads the store in batches; pushing the same
  // store again changes nothing, and other data already there is refused. `progress`
  // is told the rows sent so far.
  StatusOr<PushOutcome> Push(const std::function<void(size_t)>& progress = {});

  // Checks that the cluster holds this store (its fingerprint).
  Status CheckSameStore();

  // Creates the archive-marks table if it is missing (Push creates it too).
  Status EnsureArchiveMarks();
  // Appends marks in one INSERT: visible to every query whole, once this returns. Each
  // gets this process's writer id and a stamp later than every stamp it wrote before,
  // so that the latest of an issue's marks is the one that counts.
  Status RecordMarks(const std::vector<archive::SharedMark>& marks);
  // How many marks were ever recorded (they are only added).
  StatusOr<size_t> MarkCount();
  // Every issue's latest mark (issues never marked are as pushed), in row order.
  StatusOr<std::vector<archive::SharedMark>> CurrentMarks();

  // As Engine::Execute: the rows after `after` (all without one) in the engine's order,
  // up to `limit`; how many match in all, and how many after `after`.
  StatusOr<QueryResult> Execute(const CompiledQuery& query, size_t limit,
                                const PagePosition* after = nullptr);

  // The query's rows (of the store it was bound against), in the engine's order.
  StatusOr<std::vector<uint32_t>> Select(const CompiledQuery& query, size_t limit = SIZE_MAX);
  StatusOr<size_t> Count(const CompiledQuery& query);
  // The archive rule over the query's matches, as Engine::SelectForArchive with exact
  // counts: the eligible issues in the query's order up to the cap, their subtasks not
  // archived yet (parent by parent, in row order), the counts and samples of skipped.
  StatusOr<ArchiveSelection> SelectForArchive(const CompiledQuery& query,
                                              size_t cap = Engine::kArchiveCap);

  // Queries that run longer are stopped by ClickHouse and answer an error (0: no limit).
  void set_query_timeout(int seconds) {
    for (auto& node : nodes_) node->set_max_execution_seconds(seconds);
  }

  const Schema& schema() const { return schema_; }
  const char* table() const { return "issues"; }

 private:
  ClickHouseStore(const Target& target, const IssueStore& store);
  // The answer's TabSeparated lines, split into fields (escapes left as they are).
  StatusOr<std::vector<std::vector<std::string_view>>> Fields(const std::string& sql,
                                                              std::string* answer);
  // The answer's TabSeparated lines of numbers.
  StatusOr<std::vector<std::vector<int64_t>>> Numbers(const std::string& sql);
  // The one number a count query answers.
  StatusOr<size_t> CountOf(const std::string& sql);
  // The fingerprint jql_store records, empty when none is.
  StatusOr<std::string> RecordedFingerprint();
  // The answer's first column, as rows of the store.
  StatusOr<std::vector<uint32_t>> Rows(const std::string& sql);

  Target target_;
  const IssueStore& store_;
  Schema schema_;
  std::vector<std::unique_ptr<Connection>> nodes_;
};

}  // namespace jql::clickhouse

#endif  // JQL_SRC_CLICKHOUSE_CLICKHOUSE_STORE_H_
