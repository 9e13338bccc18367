#include "archive/durable_archive.h"

#include <sys/statvfs.h>

#include <chrono>

#include <boost/crc.hpp>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "jql/data_loader.h"
#include "jql/snapshot.h"

namespace jql::archive {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

// The data a state directory was made from, so that a restart with other data is
// refused rather than replaying issue ids that mean something else.
struct Source {
  std::string data;
  size_t rows = 0;
  std::string fingerprint;  // empty in state directories made before fingerprints
};

// The issues' identity: their ids and keys in row order (CRC-64/XZ). Other data at
// the same path, or a regenerated set with as many rows, has another fingerprint.
std::string Fingerprint(const IssueStore& store) {
  boost::crc_optimal<64, 0x42F0E1EBA9EA3693ULL, ~0ULL, ~0ULL, true, true> crc;
  for (size_t row = 0; row < store.rows(); ++row) {
    const int64_t id = store.columns().id.values.Get(row);
    crc.process_bytes(&id, sizeof id);
    const std::string key = store.Key(row);
    crc.process_bytes(key.data(), key.size() + 1);  // with its NUL, as a separator
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(crc.checksum()));
  return hex;
}

std::optional<Source> ReadSource(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  json::value v = json::parse(text.str(), ec);
  if (ec || !v.is_object()) return std::nullopt;
  const json::object& o = v.as_object();
  if (!o.contains("data") || !o.at("data").is_string() || !o.contains("rows") ||
      !o.at("rows").is_int64())
    return std::nullopt;
  Source source{std::string(o.at("data").as_string()), static_cast<size_t>(o.at("rows").as_int64()),
                ""};
  if (const json::value* f = o.if_contains("fingerprint"); f != nullptr && f->is_string())
    source.fingerprint = std::string(f->as_string());
  return source;
}

Status WriteSource(const std::string& dir, const Source& source) {
  const std::string path = dir + "/source.json";
  {
    std::ofstream out(path + ".tmp", std::ios::trunc);
    out << json::serialize(json::object{
               {"data", source.data}, {"rows", source.rows}, {"fingerprint", source.fingerprint}})
        << "\n";
    out.flush();
    if (!out) return Status(StatusCode::kInternal, "cannot write " + path);
  }
  std::error_code ec;
  fs::rename(path + ".tmp", path, ec);
  if (ec) return Status(StatusCode::kInternal, "cannot write " + path + ": " + ec.message());
  return SyncDirectory(dir);
}

json::array Ids(const IssueStore& store, std::span<const uint32_t> rows) {
  json::array ids;
  ids.reserve(rows.size());
  for (uint32_t row : rows) ids.push_back(store.columns().id.values.Get(row));
  return ids;
}

}  // namespace

std::optional<std::string> DurableArchive::WhyJournalNotWritable() const {
  if (journal_->broken())
    return "The archive journal stopped after a write it could not undo; restart the server.";
  // A journal record needs a few KiB; with less than 64 KiB free the next archive
  // may well fail on a full disk (it would then change nothing, but not be done).
  struct statvfs fs_info {};
  if (::statvfs(state_dir_.c_str(), &fs_info) == 0 &&
      static_cast<uint64_t>(fs_info.f_bavail) * fs_info.f_frsize < (uint64_t{64} << 10))
    return "The state directory " + state_dir_ + " has less than 64 KiB free.";
  return std::nullopt;
}

StatusOr<std::unique_ptr<DurableArchive>> DurableArchive::Open(
    const std::string& state_dir, const std::string& data_path,
    std::vector<json::object>* task_records, const LoadOptions& load, LoadReport* report) {
  std::error_code ec;
  fs::create_directories(state_dir, ec);
  if (ec)
    return InvalidArgument("cannot create the state directory " + state_dir + ": " + ec.message());
  // Temporary files are only ever renamed into place once complete: one left here
  // is a write a crash cut short, and nothing reads it.
  for (const auto& entry : fs::directory_iterator(state_dir, ec)) {
    if (entry.path().extension() == ".tmp") fs::remove(entry.path(), ec);
  }
  std::unique_ptr<DurableArchive> archive(new DurableArchive());
  archive->state_dir_ = state_dir;
  const std::string data = fs::weakly_canonical(data_path, ec).string();
  const std::string snapshot = state_dir + "/store.snapshot";
  const std::optional<Source> source = ReadSource(state_dir + "/source.json");
  if (source && source->data != data)
    return InvalidArgument("the state directory " + state_dir + " belongs to the data " +
                           source->data + ", not " + data +
                           "; start with that --data or another --state");
  archive->loaded_from_ = fs::exists(snapshot) ? snapshot : data;
  StatusOr<IssueStore> store = archive->loaded_from_ == snapshot
                                   ? LoadSnapshot(snapshot)
                                   : LoadIssueStore(data, report, load);
  if (!store.ok()) return store.status();
  if (source && source->rows != store->rows())
    return DataLoss("the state directory " + state_dir + " recorded " +
                    std::to_string(source->rows) + " issues but " + archive->loaded_from_ +
                    " has " + std::to_string(store->rows()));
  const std::string fingerprint = Fingerprint(*store);
  archive->store_ = std::make_unique<IssueStore>(std::move(*store));
  archive->engine_ = std::make_unique<Engine>(*archive->store_);

  std::vector<json::object> records;
  auto journal = ArchiveJournal::Open(state_dir + "/journal.log", &records);
  if (!journal.ok()) return journal.status();
  archive->journal_ = std::move(*journal);
  // The journal's first record names the data it belongs to. It guards what
  // source.json alone could not: a deleted source.json, regenerated data at the
  // same path, and a journal emptied or cut at its head.
  const json::object* header =
      !records.empty() && records.front().contains("t") && records.front().at("t") == "journal"
          ? &records.front()
          : nullptr;
  const std::string journal_path = archive->journal_->path();
  if (header != nullptr) {
    const json::value* f = header->if_contains("fingerprint");
    if (f == nullptr || !f->is_string() || f->as_string() != fingerprint)
      return InvalidArgument("the state directory " + state_dir + " belongs to other issues than " +
                             archive->loaded_from_ +
                             " (their ids and keys differ from when the state was made); " +
                             "start with that data or another --state");
  } else if (!records.empty()) {
    // A journal from before headers: only source.json vouches for it.
    if (!source)
      return InvalidArgument("the state directory " + state_dir +
                             " has a journal but no source.json, so nothing says which data "
                             "it belongs to; restore source.json or use another --state");
  } else if ((source && !source->fingerprint.empty()) || (!source && fs::exists(snapshot))) {
    // A state made by this version always has the first record; one made before
    // fingerprints (source.json without one) may rightly have an empty journal.
    return DataLoss("archive journal " + journal_path +
                    " is empty, but this state directory was initialised: the archives it "
                    "recorded would be lost; see docs/server.md, \"Recovering a damaged journal\"");
  } else {
    archive->header_ = json::object{{"t", "journal"}, {"fingerprint", fingerprint}};
    if (Status s = archive->journal_->Append(archive->header_); !s.ok()) return s;
  }
  if (header != nullptr) archive->header_ = *header;
  if (source && !source->fingerprint.empty() && source->fingerprint != fingerprint)
    return InvalidArgument("the state directory " + state_dir + " belongs to other issues than " +
                           archive->loaded_from_ + "; start with that data or another --state");
  if (!source || source->fingerprint.empty()) {
    if (Status s = WriteSource(state_dir, Source{data, archive->store_->rows(), fingerprint});
        !s.ok())
      return s;
  }
  for (json::object& record : records) {
    if (record.contains("t") && record.at("t") == "journal") continue;
    if (record.contains("t") && record.at("t") == "task") {
      task_records->push_back(std::move(record));
      continue;
    }
    if (Status s = archive->Replay(record); !s.ok())
      return DataLoss("archive journal " + archive->journal_->path() + ": " + s.message());
  }
  return archive;
}

Status DurableArchive::Replay(const json::object& record) {
  const json::value* type = record.if_contains("t");
  const json::value* ids = record.if_contains("ids");
  if (type == nullptr || !type->is_string() || ids == nullptr || !ids->is_array())
    return InvalidArgument("a record has no type or no issue ids");
  std::vector<uint32_t> rows;
  for (const json::value& id : ids->as_array()) {
    if (!id.is_int64()) return InvalidArgument("an issue id is not a number");
    const std::optional<size_t> row = store_->FindRowById(id.as_int64());
    if (!row)
      return InvalidArgument("issue id " + std::to_string(id.as_int64()) + " is not in the data");
    rows.push_back(static_cast<uint32_t>(*row));
  }
  const std::string by = record.contains("by") && record.at("by").is_string()
                             ? std::string(record.at("by").as_string())
                             : std::string();
  const int64_t at =
      record.contains("at") && record.at("at").is_int64() ? record.at("at").as_int64() : 0;
  if (*type == "set") {
    const bool archived = record.contains("archived") && record.at("archived") == true;
    const size_t changed = store_->SetArchived(rows, archived);
    if (const json::value* task = record.if_contains("task"); task && task->is_string())
      replayed_changes_[std::string(task->as_string())] += changed;
    Mark(rows, archived, by, at);
  } else if (*type == "marks") {
    Mark(rows, true, by, at);
  } else {
    return InvalidArgument("unknown record type " + json::serialize(*type));
  }
  return Status::Ok();
}

void DurableArchive::Mark(std::span<const uint32_t> rows, bool archived, const std::string& by,
                          int64_t at) {
  std::lock_guard lock(marks_mutex_);
  for (uint32_t row : rows) {
    if (archived)
      marks_[row] = ArchiveMark{by, at};
    else
      marks_.erase(row);
  }
}

StatusOr<size_t> DurableArchive::Apply(std::span<const uint32_t> rows, bool archived,
                                       const std::string& task_id, const std::string& by,
                                       int64_t now_ms) {
  std::lock_guard lock(mutex_);
  // Another server may have changed some of these since this one last looked.
  if (Status s = RefreshLocked(); !s.ok()) return s;
  std::vector<uint32_t> changing;
  for (uint32_t row : rows)
    if (row < store_->rows() && store_->IsArchived(row) != archived) changing.push_back(row);
  if (changing.empty()) return size_t{0};
  if (shared_ != nullptr) {
    // The shared backend first: once it has the marks every server acts on them, and a
    // change it refused is not made here either.
    std::vector<SharedMark> marks;
    marks.reserve(changing.size());
    for (uint32_t row : changing) marks.push_back({row, archived, task_id, by, now_ms});
    if (Status s = shared_->RecordMarks(marks); !s.ok()) return s;
    // The Refresh above left us up to date; ours are now the only marks we have not
    // read, unless another server's came in between, which the count will show.
    if (shared_marks_seen_ != SIZE_MAX) shared_marks_seen_ += marks.size();
  }
  json::object record{{"t", "set"}, {"archived", archived}, {"by", by}, {"at", now_ms}};
  if (!task_id.empty()) record["task"] = task_id;
  record["ids"] = Ids(*store_, changing);
  if (Status s = TimedAppend(record); !s.ok()) return s;
  store_->SetArchived(changing, archived);
  Mark(changing, archived, by, now_ms);
  return changing.size();
}

Status DurableArchive::set_shared(std::unique_ptr<SharedBackend> shared) {
  std::lock_guard lock(mutex_);
  shared_ = std::move(shared);
  shared_marks_seen_ = SIZE_MAX;
  return RefreshLocked();
}

StatusOr<QueryResult> DurableArchive::Execute(const CompiledQuery& query, size_t limit,
                                              const QueryBudget& budget,
                                              const PagePosition* after) const {
  if (shared_ != nullptr) return shared_->Execute(query, limit, after);
  return engine_->Execute(query, limit, budget, after);
}

StatusOr<ArchiveSelection> DurableArchive::SelectForArchive(const CompiledQuery& query,
                                                            const QueryBudget& budget) const {
  if (shared_ != nullptr) return shared_->SelectForArchive(query, Engine::kArchiveCap);
  return engine_->SelectForArchive(query, Engine::kArchiveCap, true, budget);
}

Status DurableArchive::Refresh() {
  if (shared_ == nullptr) return Status();
  // A writer holds the lock while the cluster records its change (and refreshes
  // first). Readers do not queue behind it: a slow cluster must stall only the change,
  // not every request, and what they miss is at most the change in flight.
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return Status();
  return RefreshLocked();
}

Status DurableArchive::RefreshLocked() {
  if (shared_ == nullptr) return Status();
  StatusOr<size_t> count = shared_->MarkCount();
  if (!count.ok()) return count.status();
  if (*count == shared_marks_seen_) return Status();
  StatusOr<std::vector<SharedMark>> marks = shared_->CurrentMarks();
  if (!marks.ok()) return marks.status();
  // The shared marks decide; the local journal follows them (a restart replays it and
  // then reads the marks again).
  std::vector<uint32_t> to_archive, to_unarchive;
  {
    std::lock_guard marks_lock(marks_mutex_);
    for (const SharedMark& m : *marks) {
      if (m.row >= store_->rows()) continue;
      if (m.archived) {
        marks_[m.row] = ArchiveMark{m.by, m.at};
        if (!store_->IsArchived(m.row)) to_archive.push_back(m.row);
      } else {
        marks_.erase(m.row);
        if (store_->IsArchived(m.row)) to_unarchive.push_back(m.row);
      }
    }
  }
  store_->SetArchived(to_archive, true);
  store_->SetArchived(to_unarchive, false);
  shared_marks_seen_ = *count;
  return Status();
}

Status DurableArchive::RecordTask(const json::object& task) {
  std::lock_guard lock(mutex_);
  json::object record = task;
  record["t"] = "task";
  return TimedAppend(record);
}

Status DurableArchive::TimedAppend(const json::object& record) {
  const auto start = std::chrono::steady_clock::now();
  Status s = journal_->Append(record);
  if (append_observer_)
    append_observer_(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return s;
}

std::optional<ArchiveMark> DurableArchive::MarkOf(size_t row) const {
  std::lock_guard lock(marks_mutex_);
  const auto it = marks_.find(static_cast<uint32_t>(row));
  if (it == marks_.end()) return std::nullopt;
  return it->second;
}

Status DurableArchive::Compact(const std::vector<json::object>& tasks) {
  std::lock_guard lock(mutex_);
  if (Status s = SaveSnapshot(*store_, state_dir_ + "/store.snapshot"); !s.ok()) return s;
  if (Status s = SyncDirectory(state_dir_); !s.ok()) return s;
  // Marks grouped by (who, when), one record per group.
  std::map<std::pair<std::string, int64_t>, std::vector<uint32_t>> groups;
  {
    std::lock_guard marks_lock(marks_mutex_);
    for (const auto& [row, mark] : marks_) groups[{mark.by, mark.at}].push_back(row);
  }
  std::vector<json::object> records;
  if (!header_.empty()) records.push_back(header_);
  for (auto& [key, rows] : groups) {
    std::sort(rows.begin(), rows.end());
    records.push_back(json::object{
        {"t", "marks"}, {"by", key.first}, {"at", key.second}, {"ids", Ids(*store_, rows)}});
  }
  for (const json::object& task : tasks) {
    json::object record = task;
    record["t"] = "task";
    records.push_back(std::move(record));
  }
  return journal_->Rewrite(records);
}

size_t DurableArchive::ReplayedChanges(const std::string& task_id) const {
  std::lock_guard lock(mutex_);
  const auto it = replayed_changes_.find(task_id);
  return it == replayed_changes_.end() ? 0 : it->second;
}

size_t DurableArchive::journal_bytes() const {
  std::lock_guard lock(mutex_);
  return journal_->bytes();
}

}  // namespace jql::archive
