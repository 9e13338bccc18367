#include "archive/task_manager.h"

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "common/csv_field.h"
#include "common/number_format.h"

namespace jql::archive {
namespace {

using internal::WithCommas;

namespace json = boost::json;

constexpr TaskStatus kAllStatuses[] = {
    TaskStatus::kEnqueued, TaskStatus::kRunning,         TaskStatus::kComplete,
    TaskStatus::kFailed,   TaskStatus::kCancelRequested, TaskStatus::kCancelled,
    TaskStatus::kDead};

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  return WithCommas(n) + " " + std::string(n == 1 ? one : many);
}

// One skipped-issue group of Jira's IssueArchivalSyncResponse errors.
json::object SkippedGroup(const IssueStore& store, size_t count,
                          const std::vector<uint32_t>& sample, std::string_view message) {
  json::array keys;
  for (uint32_t row : sample) keys.push_back(json::value(store.Key(row)));
  return json::object{{"count", count}, {"issueIdsOrKeys", std::move(keys)}, {"message", message}};
}

std::string IsoTime(int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string_view TaskStatusName(TaskStatus status) {
  switch (status) {
    case TaskStatus::kEnqueued:
      return "ENQUEUED";
    case TaskStatus::kRunning:
      return "RUNNING";
    case TaskStatus::kComplete:
      return "COMPLETE";
    case TaskStatus::kFailed:
      return "FAILED";
    case TaskStatus::kCancelRequested:
      return "CANCEL_REQUESTED";
    case TaskStatus::kCancelled:
      return "CANCELLED";
    case TaskStatus::kDead:
      return "DEAD";
  }
  return "DEAD";
}

bool IsActive(TaskStatus status) {
  return status == TaskStatus::kEnqueued || status == TaskStatus::kRunning ||
         status == TaskStatus::kCancelRequested;
}

json::object Task::ToRecord() const {
  json::object r{{"id", id},
                 {"kind", kind == TaskKind::kArchive ? "archive" : "export"},
                 {"description", description},
                 {"status", TaskStatusName(status)},
                 {"message", message},
                 {"result", result},
                 {"submitter", submitter},
                 {"submittedBy", submitted_by},
                 {"progress", progress},
                 {"submitted", submitted},
                 {"started", started},
                 {"finished", finished},
                 {"lastUpdate", last_update}};
  if (kind == TaskKind::kArchive) r["jql"] = jql;
  if (kind == TaskKind::kExport) {
    r["filters"] = filters;
    r["payload"] = payload;
    r["file"] = file;
  }
  return r;
}

std::optional<Task> Task::FromRecord(const json::object& r) {
  auto str = [&](const char* key) -> std::string {
    const json::value* v = r.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  auto num = [&](const char* key) -> int64_t {
    const json::value* v = r.if_contains(key);
    return v && v->is_int64() ? v->as_int64() : 0;
  };
  Task t;
  t.id = str("id");
  if (t.id.empty()) return std::nullopt;
  t.kind = str("kind") == "export" ? TaskKind::kExport : TaskKind::kArchive;
  t.description = str("description");
  const std::string status = str("status");
  bool known = false;
  for (TaskStatus s : kAllStatuses) {
    if (TaskStatusName(s) == status) {
      t.status = s;
      known = true;
    }
  }
  if (!known) return std::nullopt;
  t.message = str("message");
  if (const json::value* v = r.if_contains("result")) t.result = *v;
  t.submitter = str("submitter");
  t.submitted_by = num("submittedBy");
  t.progress = num("progress");
  t.submitted = num("submitted");
  t.started = num("started");
  t.finished = num("finished");
  t.last_update = num("lastUpdate");
  t.jql = str("jql");
  if (const json::value* v = r.if_contains("filters"); v && v->is_object())
    t.filters = v->as_object();
  t.payload = str("payload");
  t.file = str("file");
  return t;
}

namespace {

// At most `limit` bytes of `text`, cut before a character, never inside one (the
// journal's JSON must stay valid UTF-8), with "..." when something was cut.
std::string Utf8Prefix(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

}  // namespace

json::object Task::ToUpdateRecord() const {
  return json::object{
      {"id", id},           {"update", true},       {"status", TaskStatusName(status)},
      {"message", message}, {"result", result},     {"progress", progress},
      {"started", started}, {"finished", finished}, {"lastUpdate", last_update},
      {"file", file}};
}

bool Task::ApplyUpdate(const json::object& r) {
  const json::value* s = r.if_contains("status");
  if (s == nullptr || !s->is_string()) return false;
  bool known = false;
  for (TaskStatus candidate : kAllStatuses) {
    if (TaskStatusName(candidate) == s->as_string()) {
      status = candidate;
      known = true;
    }
  }
  if (!known) return false;
  auto num = [&](const char* key, int64_t& into) {
    if (const json::value* v = r.if_contains(key); v && v->is_int64()) into = v->as_int64();
  };
  if (const json::value* v = r.if_contains("message"); v && v->is_string())
    message = std::string(v->as_string());
  if (const json::value* v = r.if_contains("result")) result = *v;
  if (const json::value* v = r.if_contains("file"); v && v->is_string())
    file = std::string(v->as_string());
  num("progress", progress);
  num("started", started);
  num("finished", finished);
  num("lastUpdate", last_update);
  return true;
}

TaskManager::TaskManager(DurableArchive& archive, TaskOptions options)
    : archive_(archive), options_(std::move(options)) {}

TaskManager::~TaskManager() {
  stopping_ = true;
  if (archive_worker_.joinable()) archive_worker_.join();
  if (export_worker_.joinable()) export_worker_.join();
}

void TaskManager::Recover(const std::vector<json::object>& records) {
  std::vector<std::string> interrupted;
  {
    std::lock_guard lock(mutex_);
    auto take = [&](std::optional<Task> task) {
      if (!task) return;
      if (const int64_t n = std::atoll(task->id.c_str()); n >= next_id_) next_id_ = n + 1;
      tasks_[task->id] = std::move(*task);
    };
    // Finished tasks from their files, then the journal's records over them.
    std::error_code ec;
    const std::string tasks_dir =
        options_.state_dir.empty() ? std::string() : options_.state_dir + "/tasks";
    for (const auto& entry : std::filesystem::directory_iterator(tasks_dir, ec)) {
      if (entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path());
      const std::string text((std::istreambuf_iterator<char>(in)), {});
      boost::system::error_code parse_error;
      const json::value v = json::parse(text, parse_error);
      if (parse_error || !v.is_object()) continue;
      std::optional<Task> task = Task::FromRecord(v.as_object());
      if (task) persisted_.insert(task->id);
      take(std::move(task));
    }
    for (const json::object& record : records) {
      if (record.contains("update")) {
        const json::value* id = record.if_contains("id");
        if (id == nullptr || !id->is_string()) continue;
        const auto it = tasks_.find(std::string(id->as_string()));
        if (it != tasks_.end()) it->second.ApplyUpdate(record);
        continue;
      }
      take(Task::FromRecord(record));
    }
    for (auto& [id, task] : tasks_)
      if (IsActive(task.status)) interrupted.push_back(id);
  }
  for (const std::string& id : interrupted) {
    const size_t changed = archive_.ReplayedChanges(id);
    Update(id, [&](Task& t) {
      t.status = TaskStatus::kFailed;
      t.finished = NowMs();
      if (t.kind == TaskKind::kArchive) {
        json::object result = t.result.is_object() ? t.result.as_object() : json::object{};
        result["numberOfIssuesUpdated"] = changed;
        t.result = std::move(result);
        t.message = "The server stopped while this task was running. " +
                    Plural(changed, "issue it archived stays", "issues it archived stay") +
                    " archived; run the same JQL again to archive the rest.";
      } else {
        t.message = "The server stopped while this export was running; request it again.";
      }
    });
  }
  DropExpired(NowMs());
  SweepExportFiles();
}

std::string TaskManager::NextId() { return std::to_string(next_id_++); }

void TaskManager::DropExpired(int64_t now) {
  std::vector<std::string> files;
  {
    std::lock_guard lock(mutex_);
    for (auto it = tasks_.begin(); it != tasks_.end();) {
      const Task& t = it->second;
      if (!IsActive(t.status) && t.finished != 0 && t.finished + options_.retention_ms < now) {
        // An export's file goes with its task: nobody can download it afterwards.
        if (!t.file.empty()) files.push_back(t.file);
        if (!options_.state_dir.empty())
          files.push_back(options_.state_dir + "/tasks/" + it->first + ".json");
        persisted_.erase(it->first);
        it = tasks_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const std::string& file : files) {
    std::error_code ec;
    std::filesystem::remove(file, ec);
  }
}

void TaskManager::PersistFinished(const Task& task) {
  if (options_.state_dir.empty()) return;  // no state directory: the journal keeps it
  const std::string dir = options_.state_dir + "/tasks";
  const std::string path = dir + "/" + task.id + ".json";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  bool ok = false;
  {
    std::ofstream out(path + ".tmp", std::ios::trunc | std::ios::binary);
    out << json::serialize(task.ToRecord());
    out.flush();
    ok = out.good();
  }
  if (ok) ok = SyncFile(path + ".tmp").ok();
  if (ok) {
    std::filesystem::rename(path + ".tmp", path, ec);
    ok = !ec && SyncDirectory(dir).ok();
  }
  if (!ok) {
    // The journal keeps carrying it (RetainedRecords) until a later write succeeds.
    std::filesystem::remove(path + ".tmp", ec);
    return;
  }
  std::lock_guard lock(mutex_);
  persisted_.insert(task.id);
}

void TaskManager::SweepExportFiles() {
  if (options_.state_dir.empty()) return;
  std::error_code tasks_ec;
  for (const auto& entry :
       std::filesystem::directory_iterator(options_.state_dir + "/tasks", tasks_ec)) {
    if (entry.path().extension() == ".tmp") std::filesystem::remove(entry.path(), tasks_ec);
  }
  std::set<std::string> kept;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, t] : tasks_)
      if (!t.file.empty()) kept.insert(std::filesystem::path(t.file).filename().string());
  }
  std::error_code ec;
  const std::filesystem::path dir = options_.state_dir + "/exports";
  if (!std::filesystem::is_directory(dir, ec)) return;
  // Files of tasks dropped while the server was down, and the temporary files of
  // exports a crash cut short.
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!kept.count(entry.path().filename().string())) std::filesystem::remove(entry.path(), ec);
  }
}

void TaskManager::Update(const std::string& id, const std::function<void(Task&)>& change) {
  json::object record;
  std::optional<Task> finished;
  {
    std::lock_guard lock(mutex_);
    auto it = tasks_.find(id);
    if (it == tasks_.end()) return;
    change(it->second);
    it->second.last_update = NowMs();
    if (!IsActive(it->second.status)) {
      if (active_archive_ == id) active_archive_.clear();
      if (active_export_ == id) active_export_.clear();
      finished = it->second;
    }
    record = it->second.ToUpdateRecord();
  }
  // The finished state goes to the task's own file first: a crash between the two
  // writes leaves the journal's older "running" record, and a restart then reports
  // the task FAILED with what the journal shows it did.
  if (finished) PersistFinished(*finished);
  // A task whose state cannot be journaled still runs; its archive batches are
  // journaled on their own, and a restart recounts them.
  (void)archive_.RecordTask(record);
  changed_.notify_all();
}

bool TaskManager::CancelWanted(const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto it = tasks_.find(id);
  return it != tasks_.end() && it->second.status == TaskStatus::kCancelRequested;
}

std::optional<Task> TaskManager::Start(Task task, std::string TaskManager::*active_slot,
                                       std::thread TaskManager::*worker,
                                       std::function<void(std::string)> run, std::string* active) {
  DropExpired(NowMs());
  std::lock_guard start(start_mutex_);
  {
    std::lock_guard lock(mutex_);
    if (!(this->*active_slot).empty()) {
      *active = this->*active_slot;
      return std::nullopt;
    }
    if (stopping_) return std::nullopt;
    task.id = NextId();
    task.submitted = task.last_update = NowMs();
    tasks_[task.id] = task;
    this->*active_slot = task.id;
  }
  // The last worker of this kind has finished its task; it may still be compacting.
  if ((this->*worker).joinable()) (this->*worker).join();
  (void)archive_.RecordTask(task.ToRecord());
  this->*worker = std::thread([run = std::move(run), id = task.id] { run(id); });
  return task;
}

std::optional<Task> TaskManager::StartArchive(std::shared_ptr<const CompiledQuery> query,
                                              const std::string& jql, const std::string& submitter,
                                              int64_t submitted_by, std::string* active) {
  Task task;
  task.kind = TaskKind::kArchive;
  task.description = "Archive issues by JQL: " + Utf8Prefix(jql, 200);
  task.submitter = submitter;
  task.submitted_by = submitted_by;
  task.jql = Utf8Prefix(jql, kTaskJqlLimit);
  return Start(
      std::move(task), &TaskManager::active_archive_, &TaskManager::archive_worker_,
      [this, query](std::string id) { RunArchive(std::move(id), query); }, active);
}

void TaskManager::RunArchive(std::string id, std::shared_ptr<const CompiledQuery> query) {
  std::string submitter;
  Update(id, [&](Task& t) {
    t.status = TaskStatus::kRunning;
    t.started = NowMs();
    t.message = "Selecting the issues to archive.";
    submitter = t.submitter;
  });
  const Engine& engine = archive_.engine();
  const IssueStore& store = archive_.store();
  StatusOr<ArchiveSelection> selected = archive_.SelectForArchive(*query);
  if (!selected.ok()) {
    Update(id, [&](Task& t) {
      t.status = TaskStatus::kFailed;
      t.finished = NowMs();
      t.message = "Selecting the issues failed: " + selected.status().message() + ".";
    });
    return;
  }
  const ArchiveSelection& selection = *selected;
  const size_t total = selection.rows.size();

  json::object errors;
  if (selection.skipped_subtasks > 0)
    errors["issueIsSubtask"] = SkippedGroup(store, selection.skipped_subtasks,
                                            selection.sample_subtasks, "Issue is subtask.");
  if (selection.skipped_unlicensed > 0)
    errors["issuesInUnlicensedProjects"] =
        SkippedGroup(store, selection.skipped_unlicensed, selection.sample_unlicensed,
                     "Issues with these IDs are in unlicensed projects.");
  size_t updated = 0, done = 0;
  auto result = [&] {
    json::object r{{"numberOfIssuesUpdated", updated}, {"errors", errors}};
    r["issuesMatched"] = selection.matched;
    r["issuesSelected"] = total;
    r["issuesProcessed"] = done;
    if (selection.skipped_over_cap > 0) {
      r["issuesOverLimit"] = selection.skipped_over_cap;
      r["limit"] = Engine::kArchiveCap;
    }
    return r;
  };
  std::string stop_reason;
  TaskStatus end = TaskStatus::kComplete;
  for (size_t begin = 0; begin < total; begin += options_.batch_size) {
    if (stopping_) {
      end = TaskStatus::kFailed;
      stop_reason = "The server stopped while this task was running. ";
      break;
    }
    if (CancelWanted(id)) {
      end = TaskStatus::kCancelled;
      stop_reason = "Cancelled. ";
      break;
    }
    const size_t stop = std::min(total, begin + options_.batch_size);
    std::vector<uint32_t> rows;
    for (size_t i = begin; i < stop; ++i) {
      const uint32_t parent = selection.rows[i];
      rows.push_back(parent);
      for (uint32_t subtask : engine.SubtasksOf(parent)) rows.push_back(subtask);
    }
    StatusOr<size_t> changed = archive_.Apply(rows, true, id, submitter, NowMs());
    if (!changed.ok()) {
      end = TaskStatus::kFailed;
      stop_reason = "Archiving stopped: " + changed.status().message() + ". ";
      break;
    }
    updated += *changed;
    done = stop;
    Update(id, [&](Task& t) {
      t.progress = static_cast<int64_t>(done * 100 / total);
      t.message = "Archived " + Plural(updated, "issue", "issues") + "; " + WithCommas(done) +
                  " of " + WithCommas(total) + " selected issues done.";
      t.result = result();
    });
    if (options_.batch_pause.count() > 0 && done < total)
      std::this_thread::sleep_for(options_.batch_pause);
  }
  std::string message = stop_reason + "Archived " + Plural(updated, "issue", "issues") + " (" +
                        WithCommas(done) + " of " + WithCommas(total) +
                        " selected by the query, with their subtasks).";
  if (selection.skipped_subtasks > 0 || selection.skipped_unlicensed > 0)
    message += " Skipped " + Plural(selection.skipped_subtasks, "subtask", "subtasks") +
               " (they go with their parents) and " +
               Plural(selection.skipped_unlicensed, "issue", "issues") +
               " in projects that cannot be archived.";
  if (selection.skipped_over_cap > 0)
    message += " The query matched " + WithCommas(selection.skipped_over_cap) +
               " more issues than the limit of " + WithCommas(Engine::kArchiveCap) +
               "; run it again to archive them.";
  Update(id, [&](Task& t) {
    t.status = end;
    if (end == TaskStatus::kComplete) t.progress = 100;
    t.finished = NowMs();
    t.message = message;
    t.result = result();
  });
  MaybeCompact();
}

bool TaskManager::ExportMatches(size_t row, const ExportFilters& f) const {
  const IssueStore& store = archive_.store();
  if (!store.IsArchived(row)) return false;
  const Catalog& cat = store.catalog();
  const IssueColumns& c = store.columns();
  auto any = [](const auto& list, const auto& value) {
    return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
  };
  if (!f.projects.empty() &&
      !any(f.projects, cat.projects[static_cast<Code>(c.project.values.Get(row))].key))
    return false;
  if (!f.issue_types.empty() &&
      (!c.issue_type.IsValid(row) ||
       !any(f.issue_types, cat.issue_types[static_cast<Code>(c.issue_type.values.Get(row))].id)))
    return false;
  if (!f.reporters.empty() &&
      (!c.reporter.IsValid(row) ||
       !any(f.reporters, cat.users[static_cast<Code>(c.reporter.values.Get(row))].account_id)))
    return false;
  if (!f.archived_by.empty() || f.archived_after != INT64_MIN || f.archived_before != INT64_MAX) {
    const std::optional<ArchiveMark> mark = archive_.MarkOf(row);
    if (!mark) return false;  // archived in the data itself: no one and no date to match
    if (!any(f.archived_by, mark->by)) return false;
    if (mark->at < f.archived_after || mark->at >= f.archived_before) return false;
  }
  return true;
}

bool TaskManager::ForEachExported(const ExportFilters& filters,
                                  const std::function<void(size_t)>& each,
                                  const std::function<bool()>& stop) const {
  const IssueStore& store = archive_.store();
  // A pinned state: an export of a million issues holds no lock that archives wait on.
  const auto archived = store.PinArchived();
  for (size_t word = 0; word * 64 < store.rows(); ++word) {
    if (word % 1024 == 0 && stop && stop()) return false;
    for (uint64_t bits = archived->words[word]; bits != 0; bits &= bits - 1) {
      const size_t row = word * 64 + static_cast<size_t>(std::countr_zero(bits));
      if (ExportMatches(row, filters)) each(row);
    }
  }
  return true;
}

size_t TaskManager::CountForExport(const ExportFilters& filters) const {
  size_t n = 0;
  ForEachExported(
      filters, [&](size_t) { ++n; }, nullptr);
  return n;
}

std::optional<Task> TaskManager::StartExport(const ExportFilters& filters, std::string payload,
                                             const std::string& submitter, int64_t submitted_by,
                                             std::string* active) {
  Task task;
  task.kind = TaskKind::kExport;
  task.description = "Export archived issues";
  task.submitter = submitter;
  task.submitted_by = submitted_by;
  task.payload = std::move(payload);
  return Start(
      std::move(task), &TaskManager::active_export_, &TaskManager::export_worker_,
      [this, filters](std::string id) { RunExport(std::move(id), filters); }, active);
}

void TaskManager::RunExport(std::string id, ExportFilters filters) {
  Update(id, [&](Task& t) {
    t.status = TaskStatus::kRunning;
    t.started = NowMs();
  });
  const IssueStore& store = archive_.store();
  const Catalog& cat = store.catalog();
  const IssueColumns& c = store.columns();
  const std::string dir = options_.state_dir + "/exports";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string path = dir + "/" + id + ".csv";
  std::ofstream out(path + ".tmp", std::ios::trunc);
  out << "Issue key,Issue id,Summary,Issue Type,Status,Project key,Project name,Reporter,"
         "Assignee,Created,Updated,ArchivedBy,ArchivedDate\n";
  size_t rows = 0;
  auto user = [&](const IntColumn& column, size_t row) {
    return column.IsValid(row) ? cat.users[static_cast<Code>(column.values.Get(row))].display_name
                               : std::string();
  };
  auto name = [&](const IntColumn& column, size_t row, const auto& table) {
    return column.IsValid(row) ? std::string(table[static_cast<Code>(column.values.Get(row))].name)
                               : std::string();
  };
  std::string line;
  const bool cancelled = !ForEachExported(
      filters,
      [&](size_t row) {
        const Project& project = cat.projects[static_cast<Code>(c.project.values.Get(row))];
        const std::optional<ArchiveMark> mark = archive_.MarkOf(row);
        const std::string fields[] = {
            store.Key(row),
            std::to_string(c.id.values.Get(row)),
            std::string(store.text().summary.present() ? store.text().summary.Get(row) : ""),
            name(c.issue_type, row, cat.issue_types),
            name(c.status, row, cat.statuses),
            project.key,
            project.name,
            user(c.reporter, row),
            user(c.assignee, row),
            c.created.IsValid(row) ? IsoTime(c.created.values.Get(row)) : "",
            c.updated.IsValid(row) ? IsoTime(c.updated.values.Get(row)) : "",
            mark ? mark->by : "",
            mark ? IsoTime(mark->at) : ""};
        line.clear();
        for (const std::string& field : fields) {
          if (&field != &fields[0]) line += ',';
          internal::AppendCsvField(line, field);
        }
        out << line << '\n';
        ++rows;
      },
      [&] { return CancelWanted(id) || stopping_; });
  out.close();
  const bool written =
      !cancelled && out.good() && (std::filesystem::rename(path + ".tmp", path, ec), !ec);
  if (!written) std::filesystem::remove(path + ".tmp", ec);
  Update(id, [&](Task& t) {
    t.finished = NowMs();
    if (cancelled) {
      // Update holds the task lock: read the state here, not through CancelWanted.
      t.status =
          t.status == TaskStatus::kCancelRequested ? TaskStatus::kCancelled : TaskStatus::kFailed;
      t.message = "The export stopped before it finished.";
      return;
    }
    if (!written) {
      t.status = TaskStatus::kFailed;
      t.message = "The export file could not be written.";
      return;
    }
    t.status = TaskStatus::kComplete;
    t.progress = 100;
    t.file = path;
    t.message = "Exported " + Plural(rows, "archived issue", "archived issues") + ".";
    t.result = json::object{
        {"fileUrl", options_.base_url + "/rest/api/3/issues/archive/export/" + id + "/file"},
        {"numberOfIssues", rows}};
  });
}

std::optional<Task> TaskManager::Get(const std::string& id) {
  DropExpired(NowMs());
  std::lock_guard lock(mutex_);
  auto it = tasks_.find(id);
  if (it == tasks_.end()) return std::nullopt;
  return it->second;
}

std::vector<Task> TaskManager::List() {
  DropExpired(NowMs());
  std::vector<Task> out;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, task] : tasks_) out.push_back(task);
  }
  std::sort(out.begin(), out.end(), [](const Task& a, const Task& b) {
    return a.submitted != b.submitted ? a.submitted > b.submitted : a.id > b.id;
  });
  return out;
}

std::map<std::pair<TaskKind, TaskStatus>, size_t> TaskManager::CountByState() const {
  std::lock_guard lock(mutex_);
  std::map<std::pair<TaskKind, TaskStatus>, size_t> counts;
  for (const auto& [id, task] : tasks_) ++counts[{task.kind, task.status}];
  return counts;
}

TaskManager::CancelOutcome TaskManager::Cancel(const std::string& id) {
  {
    std::lock_guard lock(mutex_);
    auto it = tasks_.find(id);
    if (it == tasks_.end()) return CancelOutcome::kNotFound;
    if (!IsActive(it->second.status)) return CancelOutcome::kAlreadyFinished;
    if (it->second.status == TaskStatus::kCancelRequested) return CancelOutcome::kRequested;
  }
  Update(id, [](Task& t) {
    if (IsActive(t.status)) t.status = TaskStatus::kCancelRequested;
  });
  return CancelOutcome::kRequested;
}

void TaskManager::WaitIdle() const {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return active_archive_.empty() && active_export_.empty(); });
}

std::vector<json::object> TaskManager::RetainedRecords() const {
  std::lock_guard lock(mutex_);
  std::vector<json::object> records;
  // Finished tasks live in their own files; the journal keeps only the others, so
  // a compaction costs the same however many tasks are kept.
  for (const auto& [id, task] : tasks_)
    if (!persisted_.count(id)) records.push_back(task.ToRecord());
  return records;
}

void TaskManager::MaybeCompact() {
  if (archive_.journal_bytes() < options_.compact_after_bytes) return;
  (void)archive_.Compact(RetainedRecords());
}

Status TaskManager::Shutdown() {
  std::lock_guard start(start_mutex_);
  stopping_ = true;
  if (archive_worker_.joinable()) archive_worker_.join();
  if (export_worker_.joinable()) export_worker_.join();
  return archive_.Compact(RetainedRecords());
}

}  // namespace jql::archive
