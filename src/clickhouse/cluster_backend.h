// A ClickHouse store as the shared backend of archive servers (`jql serve --backend
// clickhouse://...`): queries are lowered and evaluated on the cluster, archive marks
// go into its archive-marks table. Each request thread borrows a connection set of its
// own, so that queries run side by side.
#ifndef JQL_SRC_CLICKHOUSE_CLUSTER_BACKEND_H_
#define JQL_SRC_CLICKHOUSE_CLUSTER_BACKEND_H_

#include <memory>
#include <mutex>
#include <vector>

#include "archive/shared_backend.h"
#include "clickhouse/clickhouse_store.h"

namespace jql::clickhouse {

class ClusterBackend : public archive::SharedBackend {
 public:
  // Checks that the cluster holds `store` (pushed with `jql push`) and that the
  // archive-marks table is there. Queries that run longer than `query_timeout_seconds`
  // are stopped by the cluster (the server's --query-timeout; 0: no limit).
  static StatusOr<std::unique_ptr<ClusterBackend>> Open(const Target& target,
                                                        const IssueStore& store,
                                                        int query_timeout_seconds = 0);

  StatusOr<QueryResult> Execute(const CompiledQuery& query, size_t limit,
                                const PagePosition* after) override;
  StatusOr<ArchiveSelection> SelectForArchive(const CompiledQuery& query, size_t cap) override;
  Status RecordMarks(const std::vector<archive::SharedMark>& marks) override;
  StatusOr<size_t> MarkCount() override;
  StatusOr<std::vector<archive::SharedMark>> CurrentMarks() override;

 private:
  ClusterBackend(const Target& target, const IssueStore& store) : target_(target), store_(store) {}

  // A connection set for one call, returned to the pool when the lease ends.
  class Lease;
  StatusOr<Lease> Borrow();

  Target target_;
  const IssueStore& store_;
  int query_timeout_seconds_ = 0;
  std::mutex mutex_;
  std::vector<std::unique_ptr<ClickHouseStore>> idle_;
};

}  // namespace jql::clickhouse

#endif  // JQL_SRC_CLICKHOUSE_CLUSTER_BACKEND_H_
