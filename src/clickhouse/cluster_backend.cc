#include "clickhouse/cluster_backend.h"

#include <utility>

namespace jql::clickhouse {

class ClusterBackend::Lease {
 public:
  Lease(ClusterBackend* owner, std::unique_ptr<ClickHouseStore> store)
      : owner_(owner), store_(std::move(store)) {}
  Lease(Lease&& other) noexcept : owner_(other.owner_), store_(std::move(other.store_)) {}
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Lease& operator=(Lease&&) = delete;
  ~Lease() {
    if (store_ == nullptr) return;
    std::lock_guard lock(owner_->mutex_);
    owner_->idle_.push_back(std::move(store_));
  }
  ClickHouseStore* operator->() const { return store_.get(); }

 private:
  ClusterBackend* owner_;
  std::unique_ptr<ClickHouseStore> store_;
};

StatusOr<ClusterBackend::Lease> ClusterBackend::Borrow() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<ClickHouseStore> store = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(store));
    }
  }
  auto store = ClickHouseStore::Open(target_, store_);
  if (!store.ok()) return store.status();
  (*store)->set_query_timeout(query_timeout_seconds_);
  return Lease(this, std::move(*store));
}

StatusOr<std::unique_ptr<ClusterBackend>> ClusterBackend::Open(const Target& target,
                                                               const IssueStore& store,
                                                               int query_timeout_seconds) {
  std::unique_ptr<ClusterBackend> backend(new ClusterBackend(target, store));
  backend->query_timeout_seconds_ = query_timeout_seconds;
  auto lease = backend->Borrow();
  if (!lease.ok()) return lease.status();
  if (Status s = (*lease)->CheckSameStore(); !s.ok()) return s;
  if (Status s = (*lease)->EnsureArchiveMarks(); !s.ok()) return s;
  return backend;
}

StatusOr<QueryResult> ClusterBackend::Execute(const CompiledQuery& query, size_t limit,
                                              const PagePosition* after) {
  auto lease = Borrow();
  if (!lease.ok()) return lease.status();
  return (*lease)->Execute(query, limit, after);
}

StatusOr<ArchiveSelection> ClusterBackend::SelectForArchive(const CompiledQuery& query,
                                                            size_t cap) {
  auto lease = Borrow();
  if (!lease.ok()) return lease.status();
  return (*lease)->SelectForArchive(query, cap);
}

Status ClusterBackend::RecordMarks(const std::vector<archive::SharedMark>& marks) {
  auto lease = Borrow();
  if (!lease.ok()) return lease.status();
  return (*lease)->RecordMarks(marks);
}

StatusOr<size_t> ClusterBackend::MarkCount() {
  auto lease = Borrow();
  if (!lease.ok()) return lease.status();
  return (*lease)->MarkCount();
}

StatusOr<std::vector<archive::SharedMark>> ClusterBackend::CurrentMarks() {
  auto lease = Borrow();
  if (!lease.ok()) return lease.status();
  return (*lease)->CurrentMarks();
}

}  // namespace jql::clickhouse
