// Long-running tasks, as Jira's /rest/api/3/task/{id} shows them: archive by JQL and
// export of archived issues. One archive task and one export task may be active at a
// time across the instance (Jira's rule); each runs on its own thread.
//
// An archive task archives its selection in batches; each batch (top-level issues
// with their subtasks) goes through DurableArchive::Apply, and the task's progress
// and count move only after the batch is synced. Every change of a task's state is
// journaled, so tasks survive a restart; a task that was active when the process
// died comes back FAILED (it does not resume: its selection was made against a
// state that other requests may have changed since), with the count it had reached.
// Thread-safe.
#ifndef JQL_SRC_ARCHIVE_TASK_MANAGER_H_
#define JQL_SRC_ARCHIVE_TASK_MANAGER_H_

#include <atomic>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "archive/durable_archive.h"
#include "jql/engine.h"

namespace jql::archive {

enum class TaskStatus {
  kEnqueued,
  kRunning,
  kComplete,
  kFailed,
  kCancelRequested,
  kCancelled,
  kDead
};
std::string_view TaskStatusName(TaskStatus status);  // "ENQUEUED"
bool IsActive(TaskStatus status);                    // enqueued, running or cancel requested

enum class TaskKind { kArchive, kExport };

struct Task {
  std::string id;
  TaskKind kind = TaskKind::kArchive;
  std::string description;
  TaskStatus status = TaskStatus::kEnqueued;
  std::string message;
  boost::json::value result;  // null until there is one
  std::string submitter;      // account id
  int64_t submitted_by = 0;   // the submitter's numeric id, as Jira reports it
  int64_t progress = 0;       // percent
  int64_t submitted = 0;      // epoch ms
  int64_t started = 0;        // 0: not yet
  int64_t finished = 0;
  int64_t last_update = 0;
  std::string jql;              // archive
  boost::json::object filters;  // export
  std::string payload;          // export: the filters as Jira echoes them
  std::string file;             // export: the CSV written

  // The whole task, written once when it starts and in its finished file.
  boost::json::object ToRecord() const;
  // What changes while it runs (status, message, result, progress, times): the
  // journal record of each update, without the JQL or the export's filters.
  boost::json::object ToUpdateRecord() const;
  static std::optional<Task> FromRecord(const boost::json::object& record);
  // Applies an update record over this task; false when it is not a valid one.
  bool ApplyUpdate(const boost::json::object& record);
};

// A task keeps at most this much of its JQL (the selection is made when it starts;
// afterwards the JQL is only shown), and its description the first 200 characters.
constexpr size_t kTaskJqlLimit = 64 * 1024;

struct TaskOptions {
  size_t batch_size = 1000;  // top-level issues per synced batch
  // A pause after each batch, to leave the disk and the cores to other work during a
  // long archive (and to let tests watch a task in flight).
  std::chrono::milliseconds batch_pause{0};
  std::string state_dir;                                  // exports are written under it
  std::string base_url;                                   // for the export's fileUrl
  int64_t retention_ms = int64_t{14} * 24 * 3600 * 1000;  // Jira keeps tasks 14 days
  // Compact the journal after a task ends once it is this large.
  size_t compact_after_bytes = size_t{64} << 20;
};

// The filters of an export request, already checked.
struct ExportFilters {
  std::vector<std::string> projects;     // keys
  std::vector<std::string> archived_by;  // account ids
  std::vector<std::string> reporters;    // account ids
  std::vector<int64_t> issue_types;      // ids
  int64_t archived_after = INT64_MIN;    // epoch ms, inclusive
  int64_t archived_before = INT64_MAX;   // exclusive
};

class TaskManager {
 public:
  TaskManager(DurableArchive& archive, TaskOptions options);
  ~TaskManager();  // stops a running task (see Shutdown)

  // Restores tasks from their journal records; an active one becomes FAILED.
  void Recover(const std::vector<boost::json::object>& records);

  // Starts archiving what `query` selects. When an archive task is active, nothing
  // starts and its id is returned in `active`.
  std::optional<Task> StartArchive(std::shared_ptr<const CompiledQuery> query,
                                   const std::string& jql, const std::string& submitter,
                                   int64_t submitted_by, std::string* active);
  std::optional<Task> StartExport(const ExportFilters& filters, std::string payload,
                                  const std::string& submitter, int64_t submitted_by,
                                  std::string* active);

  // Archived issues an export with these filters would list.
  size_t CountForExport(const ExportFilters& filters) const;

  std::optional<Task> Get(const std::string& id);
  // The tasks kept (finished ones for 14 days), newest first.
  std::vector<Task> List();
  // How many of the tasks kept (active and retained) are of each kind and status.
  std::map<std::pair<TaskKind, TaskStatus>, size_t> CountByState() const;

  enum class CancelOutcome { kRequested, kNotFound, kAlreadyFinished };
  CancelOutcome Cancel(const std::string& id);

  // Waits for the active task to reach a final state (tests and shutdown).
  void WaitIdle() const;

  // Stops an active task at its next batch (it ends FAILED, saying the server
  // stopped), then compacts the journal into a snapshot.
  Status Shutdown();

 private:
  // Registers and journals `task` in the kind's single active slot and runs `run`
  // with its id on the kind's worker thread; or, when the slot is taken, returns
  // nothing and the active task's id in `active`.
  std::optional<Task> Start(Task task, std::string TaskManager::*active_slot,
                            std::thread TaskManager::*worker, std::function<void(std::string)> run,
                            std::string* active);
  void RunArchive(std::string id, std::shared_ptr<const CompiledQuery> query);
  void RunExport(std::string id, ExportFilters filters);
  // Updates a task under the lock, journals it, and wakes waiters.
  void Update(const std::string& id, const std::function<void(Task&)>& change);
  bool CancelWanted(const std::string& id) const;
  std::string NextId();
  // Forgets tasks past their retention, and deletes their files and export files.
  void DropExpired(int64_t now);
  // Writes a finished task to DIR/tasks/{id}.json (temporary file, sync, rename):
  // from then on the journal need not carry it, so a compaction rewrites only the
  // active tasks, whatever the number of finished ones.
  void PersistFinished(const Task& task);
  // Deletes export files no kept task refers to (and temporary ones).
  void SweepExportFiles();
  std::vector<boost::json::object> RetainedRecords() const;
  void MaybeCompact();
  bool ExportMatches(size_t row, const ExportFilters& filters) const;
  // Calls `each` for every archived issue the filters match, in row order, under
  // the store's read lock; asks `stop` (when given) every 65,536 rows and returns
  // false when it said to stop.
  bool ForEachExported(const ExportFilters& filters, const std::function<void(size_t)>& each,
                       const std::function<bool()>& stop) const;

  DurableArchive& archive_;
  TaskOptions options_;
  std::mutex start_mutex_;  // one start (or shutdown) at a time; workers never take it
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::map<std::string, Task> tasks_;
  int64_t next_id_ = 10000;
  std::string active_archive_, active_export_;
  // Finished tasks whose final state is in their own file (guarded by mutex_).
  std::set<std::string> persisted_;
  std::atomic<bool> stopping_{false};
  std::thread archive_worker_, export_worker_;
};

int64_t NowMs();

}  // namespace jql::archive

#endif  // JQL_SRC_ARCHIVE_TASK_MANAGER_H_
