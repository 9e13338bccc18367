#include "jql/issue_store.h"

#include <algorithm>
#include <bit>
#include <mutex>

namespace jql {

std::string_view HistoryFieldName(HistoryField field) {
  switch (field) {
    case HistoryField::kStatus:
      return "status";
    case HistoryField::kAssignee:
      return "assignee";
    case HistoryField::kReporter:
      return "reporter";
    case HistoryField::kPriority:
      return "priority";
    case HistoryField::kResolution:
      return "resolution";
    case HistoryField::kFixVersion:
      return "Fix Version";
  }
  return "status";
}

std::optional<HistoryField> ParseHistoryField(std::string_view name) {
  const std::string k = FoldCase(name);
  if (k == "status") return HistoryField::kStatus;
  if (k == "assignee") return HistoryField::kAssignee;
  if (k == "reporter") return HistoryField::kReporter;
  if (k == "priority") return HistoryField::kPriority;
  if (k == "resolution") return HistoryField::kResolution;
  if (k == "fix version" || k == "fixversion" || k == "fixversions")
    return HistoryField::kFixVersion;
  return std::nullopt;
}

IssueStore::IssueStore() : catalog_(std::make_unique<Catalog>()) {}
IssueStore::IssueStore(IssueStore&& other) noexcept
    : rows_(other.rows_),
      catalog_(std::move(other.catalog_)),
      columns_(std::move(other.columns_)),
      text_(std::move(other.text_)),
      history_(std::move(other.history_)),
      links_(std::move(other.links_)),
      key_order_(std::move(other.key_order_)),
      project_begin_(std::move(other.project_begin_)),
      id_order_(std::move(other.id_order_)),
      archived_(std::move(other.archived_)),
      archive_generation_(other.archive_generation_.load() + 1) {}

IssueStore& IssueStore::operator=(IssueStore&& other) noexcept {
  rows_ = other.rows_;
  catalog_ = std::move(other.catalog_);
  columns_ = std::move(other.columns_);
  text_ = std::move(other.text_);
  history_ = std::move(other.history_);
  links_ = std::move(other.links_);
  key_order_ = std::move(other.key_order_);
  project_begin_ = std::move(other.project_begin_);
  id_order_ = std::move(other.id_order_);
  archived_ = std::move(other.archived_);
  archive_generation_ = std::max(archive_generation_.load(), other.archive_generation_.load()) + 1;
  pinned_.reset();
  return *this;
}

IssueStore::~IssueStore() = default;

void IssueStore::BuildIndexes() {
  const auto& project = columns_.project.values;
  const auto& number = columns_.number.values;
  // Rows by (project, number): a counting sort by project, then each project's rows by
  // number, which are usually in order already (loaders and the generator add issues
  // as they were created), so the n log n sort is the exception.
  const size_t projects = catalog_->projects.size();
  project_begin_.assign(projects + 1, 0);
  for (size_t i = 0; i < rows_; ++i) ++project_begin_[project.Get(i) + 1];
  for (size_t p = 0; p < projects; ++p) project_begin_[p + 1] += project_begin_[p];
  std::vector<uint32_t> next(project_begin_.begin(), project_begin_.end() - 1);
  key_order_.resize(rows_);
  for (size_t i = 0; i < rows_; ++i) key_order_[next[project.Get(i)]++] = static_cast<uint32_t>(i);
  const auto by_number = [&](uint32_t a, uint32_t b) { return number.Get(a) < number.Get(b); };
  for (size_t p = 0; p < projects; ++p) {
    const auto first = key_order_.begin() + project_begin_[p];
    const auto last = key_order_.begin() + project_begin_[p + 1];
    if (!std::is_sorted(first, last, by_number)) std::sort(first, last, by_number);
  }
  id_order_.clear();
  const auto& id = columns_.id.values;
  bool ascending = true;
  for (size_t i = 1; i < rows_ && ascending; ++i) ascending = id.Get(i - 1) < id.Get(i);
  if (!ascending) {
    id_order_.resize(rows_);
    for (size_t i = 0; i < rows_; ++i) id_order_[i] = static_cast<uint32_t>(i);
    std::sort(id_order_.begin(), id_order_.end(),
              [&](uint32_t a, uint32_t b) { return id.Get(a) < id.Get(b); });
  }
  AllocateArchivedState();
}

void IssueStore::AllocateArchivedState() {
  if (archived_) return;
  const size_t words = (rows_ + 63) / 64;
  archived_ = std::make_unique<std::atomic<uint64_t>[]>(words);
  for (size_t i = 0; i < words; ++i) archived_[i].store(0, std::memory_order_relaxed);
}

std::optional<size_t> IssueStore::FindRowById(int64_t wanted) const {
  const auto& id = columns_.id.values;
  // Ascending ids without gaps (generated data, a fresh site) sit at row id - first id.
  if (id_order_.empty() && rows_ > 0) {
    const uint64_t guess = static_cast<uint64_t>(wanted) - static_cast<uint64_t>(id.Get(0));
    if (guess < rows_ && id.Get(guess) == wanted) return guess;
  }
  size_t lo = 0, hi = rows_;
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    const size_t row = id_order_.empty() ? mid : id_order_[mid];
    if (id.Get(row) < wanted) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == rows_) return std::nullopt;
  const size_t row = id_order_.empty() ? lo : id_order_[lo];
  if (id.Get(row) != wanted) return std::nullopt;
  return row;
}

std::optional<size_t> IssueStore::FindRowByKey(std::string_view key) const {
  const size_t dash = key.rfind('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == key.size()) return std::nullopt;
  const auto project = catalog_->FindProjectByKey(key.substr(0, dash));
  if (!project) return std::nullopt;
  int64_t number = 0;
  for (char c : key.substr(dash + 1)) {
    if (c < '0' || c > '9' || number > (INT64_MAX - 9) / 10) return std::nullopt;
    number = number * 10 + (c - '0');
  }
  const auto rows = ProjectRows(*project);
  const auto& numbers = columns_.number.values;
  const auto it = std::lower_bound(rows.begin(), rows.end(), number,
                                   [&](uint32_t row, int64_t n) { return numbers.Get(row) < n; });
  if (it == rows.end() || numbers.Get(*it) != number) return std::nullopt;
  return *it;
}

std::string IssueStore::Key(size_t row) const {
  return catalog_->projects[static_cast<Code>(columns_.project.values.Get(row))].key + "-" +
         std::to_string(columns_.number.values.Get(row));
}

std::span<const uint32_t> IssueStore::ProjectRows(Code project) const {
  if (project + 1 >= project_begin_.size()) return {};
  return std::span<const uint32_t>(key_order_)
      .subspan(project_begin_[project], project_begin_[project + 1] - project_begin_[project]);
}

size_t IssueStore::SetArchived(std::span<const uint32_t> rows, bool archived) {
  std::unique_lock lock(archive_mutex_);
  size_t changed = 0;
  for (uint32_t row : rows) {
    if (row >= rows_) continue;
    const uint64_t bit = uint64_t{1} << (row & 63);
    const uint64_t before = archived
                                ? archived_[row >> 6].fetch_or(bit, std::memory_order_relaxed)
                                : archived_[row >> 6].fetch_and(~bit, std::memory_order_relaxed);
    changed += ((before & bit) != 0) != archived ? 1 : 0;
  }
  if (changed > 0) archive_generation_.fetch_add(1, std::memory_order_release);
  return changed;
}

std::shared_ptr<const IssueStore::ArchivedState> IssueStore::PinArchived() const {
  std::lock_guard pin(pinned_mutex_);
  const uint64_t generation = archive_generation_.load(std::memory_order_acquire);
  if (pinned_ == nullptr || pinned_->generation != generation) {
    // The first reader after a batch copies the flags (rows / 8 bytes) once, under
    // the read lock so that no batch is half in it; later readers share the copy.
    auto state = std::make_shared<ArchivedState>();
    {
      auto lock = ReadLock();
      state->generation = archive_generation_.load(std::memory_order_acquire);
      state->words.resize((rows_ + 63) / 64);
      for (size_t w = 0; w < state->words.size(); ++w)
        state->words[w] = archived_[w].load(std::memory_order_relaxed);
    }
    pinned_ = std::move(state);
  }
  return pinned_;
}

size_t IssueStore::ArchivedCount() const {
  size_t count = 0;
  for (size_t i = 0; i < (rows_ + 63) / 64; ++i) {
    count += std::popcount(archived_[i].load(std::memory_order_relaxed));
  }
  return count;
}

MemoryReport IssueStore::Memory() const {
  MemoryReport report;
  auto add_int = [&](const char* name, const IntColumn& c) {
    // A column that shares another's bytes (creator = reporter) costs nothing more.
    const bool shared = &c == &columns_.creator &&
                        c.values.buffer().data() == columns_.reporter.values.buffer().data();
    if (c.present() && !shared) report.structured.push_back({name, c.bytes()});
  };
  auto add_multi = [&](const char* name, const MultiColumn& c) {
    if (c.present()) report.structured.push_back({name, c.bytes()});
  };
  const IssueColumns& c = columns_;
  add_int("id", c.id);
  add_int("project", c.project);
  add_int("number", c.number);
  add_int("issuetype", c.issue_type);
  add_int("status", c.status);
  add_int("resolution", c.resolution);
  add_int("priority", c.priority);
  add_int("assignee", c.assignee);
  add_int("reporter", c.reporter);
  add_int("creator", c.creator);
  add_int("created", c.created);
  add_int("updated", c.updated);
  add_int("resolved", c.resolved);
  add_int("due", c.due);
  add_int("parent", c.parent);
  add_int("votes", c.votes);
  add_multi("labels", c.labels);
  add_multi("components", c.components);
  add_multi("fixVersions", c.fix_versions);
  add_multi("versions", c.affected_versions);
  add_multi("sprint", c.sprints);
  add_multi("watchers", c.watchers);
  for (const CustomColumn& custom : c.custom) {
    const std::string name =
        "customfield_" + std::to_string(catalog_->custom_fields[custom.field].id);
    const size_t bytes = custom.ints.bytes() + custom.multi.bytes();
    if (bytes > 0) report.structured.push_back({name, bytes});
    report.text_bytes += custom.text.bytes();
  }
  report.structured.push_back({"archived", (rows_ + 63) / 64 * 8});
  for (const auto& e : report.structured) report.structured_bytes += e.bytes;
  report.index_bytes = (key_order_.size() + id_order_.size() + project_begin_.size()) * 4;
  report.text_bytes += text_.summary.bytes() + text_.description.bytes() +
                       text_.environment.bytes() + text_.comments.bytes();
  report.history_bytes = history_.bytes();
  report.link_bytes = links_.bytes();
  return report;
}

}  // namespace jql
