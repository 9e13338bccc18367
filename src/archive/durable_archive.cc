#include "archive/durable_archive.h"

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
};

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
  return Source{std::string(o.at("data").as_string()),
                static_cast<size_t>(o.at("rows").as_int64())};
}

Status WriteSource(const std::string& dir, const Source& source) {
  const std::string path = dir + "/source.json";
  {
    std::ofstream out(path + ".tmp", std::ios::trunc);
    out << json::serialize(json::object{{"data", source.data}, {"rows", source.rows}}) << "\n";
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

StatusOr<std::unique_ptr<DurableArchive>> DurableArchive::Open(
    const std::string& state_dir, const std::string& data_path,
    std::vector<json::object>* task_records) {
  std::error_code ec;
  fs::create_directories(state_dir, ec);
  if (ec)
    return InvalidArgument("cannot create the state directory " + state_dir + ": " + ec.message());
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
  StatusOr<IssueStore> store =
      archive->loaded_from_ == snapshot ? LoadSnapshot(snapshot) : LoadIssueStore(data);
  if (!store.ok()) return store.status();
  if (source && source->rows != store->rows())
    return DataLoss("the state directory " + state_dir + " recorded " +
                    std::to_string(source->rows) + " issues but " + archive->loaded_from_ +
                    " has " + std::to_string(store->rows()));
  if (!source) {
    if (Status s = WriteSource(state_dir, Source{data, store->rows()}); !s.ok()) return s;
  }
  archive->store_ = std::make_unique<IssueStore>(std::move(*store));
  archive->engine_ = std::make_unique<Engine>(*archive->store_);

  std::vector<json::object> records;
  auto journal = ArchiveJournal::Open(state_dir + "/journal.log", &records);
  if (!journal.ok()) return journal.status();
  archive->journal_ = std::move(*journal);
  for (json::object& record : records) {
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
  std::vector<uint32_t> changing;
  for (uint32_t row : rows)
    if (row < store_->rows() && store_->IsArchived(row) != archived) changing.push_back(row);
  if (changing.empty()) return size_t{0};
  json::object record{{"t", "set"}, {"archived", archived}, {"by", by}, {"at", now_ms}};
  if (!task_id.empty()) record["task"] = task_id;
  record["ids"] = Ids(*store_, changing);
  if (Status s = journal_->Append(record); !s.ok()) return s;
  store_->SetArchived(changing, archived);
  Mark(changing, archived, by, now_ms);
  return changing.size();
}

Status DurableArchive::RecordTask(const json::object& task) {
  std::lock_guard lock(mutex_);
  json::object record = task;
  record["t"] = "task";
  return journal_->Append(record);
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
