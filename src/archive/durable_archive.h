// The archived state made durable: the one door through which the server archives
// and unarchives issues. It owns the issue store and its engine.
//
// A change is written to the journal and synced before the store sees it, and one
// change carries an issue together with its subtasks, so a crash at any moment
// leaves each issue either with its subtasks or not changed at all. Compact folds
// the journal into a snapshot of the store (DIR/store.snapshot) and starts the
// journal again with only the records that still matter (tasks and who archived
// what). Thread-safe: writers are serialised on one mutex; readers of the store use
// IssueStore::ReadLock as everywhere else.
#ifndef JQL_SRC_ARCHIVE_DURABLE_ARCHIVE_H_
#define JQL_SRC_ARCHIVE_DURABLE_ARCHIVE_H_

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "archive/archive_journal.h"
#include "archive/shared_backend.h"
#include "jql/data_loader.h"
#include "jql/engine.h"
#include "jql/issue_store.h"
#include "jql/status.h"

namespace jql::archive {

// Who archived an issue through this server, and when (epoch ms).
struct ArchiveMark {
  std::string by;  // account id
  int64_t at = 0;
};

class DurableArchive {
 public:
  // Loads the issues (DIR/store.snapshot when a compaction wrote one, else
  // `data_path`) and replays DIR/journal.log over them. The task records found in
  // the journal come back in `task_records`, oldest first. A state directory made
  // from other data is refused.
  // `load` reports the loading of `data_path` (a snapshot of the state loads whole),
  // and `report` receives what the loader says about it (skipped files, ...).
  static StatusOr<std::unique_ptr<DurableArchive>> Open(
      const std::string& state_dir, const std::string& data_path,
      std::vector<boost::json::object>* task_records, const LoadOptions& load = {},
      LoadReport* report = nullptr);

  // Why an archive could not be recorded now, for GET /readyz: the journal stopped
  // after a write it could not undo, or the state directory's file system is (all
  // but) full (under 64 KiB free). Nothing when the journal can take records.
  std::optional<std::string> WhyJournalNotWritable() const;

  const IssueStore& store() const { return *store_; }
  const Engine& engine() const { return *engine_; }

  // Sets the archived flag of `rows` (an issue with its subtasks, or several) in
  // one synced journal record, then in the store. Rows already in that state are
  // left out. Returns how many changed.
  StatusOr<size_t> Apply(std::span<const uint32_t> rows, bool archived, const std::string& task_id,
                         const std::string& by, int64_t now_ms);

  // From now on queries are evaluated, and archive marks kept, in `shared` as well
  // (`jql serve --backend`); its marks are read into the store at once. Call before the
  // server starts.
  Status set_shared(std::unique_ptr<SharedBackend> shared);
  bool has_shared() const { return shared_ != nullptr; }

  // Evaluates on the shared backend when there is one, else in process. An error only
  // from the shared backend (unreachable, refused).
  StatusOr<QueryResult> Execute(const CompiledQuery& query, size_t limit,
                                const QueryBudget& budget = {},
                                const PagePosition* after = nullptr) const;
  StatusOr<ArchiveSelection> SelectForArchive(const CompiledQuery& query,
                                              const QueryBudget& budget = {}) const;

  // Brings the store's archived flags and marks up to the shared backend's marks (other
  // servers' archives); nothing to do without one. Cheap when no mark was added. While
  // a change is being recorded it returns at once, leaving the flags as they are.
  Status Refresh();

  // Appends a task's latest state to the journal (synced).
  Status RecordTask(const boost::json::object& task);

  std::optional<ArchiveMark> MarkOf(size_t row) const;

  // Writes the store with its archived state to DIR/store.snapshot, then rewrites
  // the journal with `tasks` and the archive marks. A crash between the two steps
  // is harmless: replaying the old journal over the new snapshot changes nothing.
  Status Compact(const std::vector<boost::json::object>& tasks);

  size_t journal_bytes() const;
  // Called with the seconds each synced journal append took (GET /metrics); set it
  // before the server starts.
  void set_append_observer(std::function<void(double seconds)> observer) {
    append_observer_ = std::move(observer);
  }
  // Issues a task changed according to the journal read at Open (for a task that
  // was active when the process died, the count it had really reached).
  size_t ReplayedChanges(const std::string& task_id) const;
  // Where the issues came from: "snapshot" or the data path.
  const std::string& loaded_from() const { return loaded_from_; }

 private:
  DurableArchive() = default;
  Status Replay(const boost::json::object& record);
  void Mark(std::span<const uint32_t> rows, bool archived, const std::string& by, int64_t at);

  std::string state_dir_;
  std::string loaded_from_;
  std::unique_ptr<IssueStore> store_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<ArchiveJournal> journal_;
  std::function<void(double)> append_observer_;
  Status TimedAppend(const boost::json::object& record);
  // The journal's first record: which data (by fingerprint) this state belongs to.
  boost::json::object header_;
  std::unordered_map<std::string, size_t> replayed_changes_;
  // Serialises writers: the journal's order is the order changes reach the store.
  mutable std::mutex mutex_;
  // Guards marks_ alone. Readers ask for marks while holding the store's read lock,
  // and a writer takes the store's write lock under mutex_, so marks must not need
  // mutex_ (that would be a lock-order cycle).
  mutable std::mutex marks_mutex_;
  std::unordered_map<uint32_t, ArchiveMark> marks_;
  std::unique_ptr<SharedBackend> shared_;
  size_t shared_marks_seen_ = SIZE_MAX;  // MarkCount at the last Refresh (under mutex_)
  Status RefreshLocked();
};

}  // namespace jql::archive

#endif  // JQL_SRC_ARCHIVE_DURABLE_ARCHIVE_H_
