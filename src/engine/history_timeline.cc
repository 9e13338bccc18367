#include "history_timeline.h"

#include <algorithm>

namespace jql::internal {
namespace {

void Insert(std::vector<int64_t>& set, int64_t v) {
  if (v < 0) return;
  const auto it = std::lower_bound(set.begin(), set.end(), v);
  if (it == set.end() || *it != v) set.insert(it, v);
}

void Erase(std::vector<int64_t>& set, int64_t v) {
  const auto it = std::lower_bound(set.begin(), set.end(), v);
  if (it != set.end() && *it == v) set.erase(it);
}

bool Contains(const std::vector<int64_t>& set, int64_t v) {
  return std::binary_search(set.begin(), set.end(), v);
}

const IntColumn* SingleColumn(const IssueStore& store, HistoryField field) {
  const IssueColumns& c = store.columns();
  switch (field) {
    case HistoryField::kStatus:
      return &c.status;
    case HistoryField::kAssignee:
      return &c.assignee;
    case HistoryField::kReporter:
      return &c.reporter;
    case HistoryField::kPriority:
      return &c.priority;
    case HistoryField::kResolution:
      return &c.resolution;
    case HistoryField::kFixVersion:
      return nullptr;
  }
  return nullptr;
}

}  // namespace

bool IsMultiValued(HistoryField field) { return field == HistoryField::kFixVersion; }

void FieldChanges(const IssueStore& store, HistoryField field, size_t row,
                  std::vector<FieldChange>& out) {
  out.clear();
  const History& h = store.history();
  if (h.row_begin.size() <= row + 1) return;
  const auto begin = static_cast<size_t>(h.row_begin.Get(row));
  const auto end = static_cast<size_t>(h.row_begin.Get(row + 1));
  for (size_t i = begin; i < end; ++i) {
    if (static_cast<HistoryField>(h.field.Get(i)) != field) continue;
    out.push_back({h.time.Get(i), h.from.Get(i), h.to.Get(i), h.author.Get(i)});
  }
}

void CurrentValues(const IssueStore& store, HistoryField field, size_t row,
                   std::vector<int64_t>& out) {
  out.clear();
  if (const IntColumn* c = SingleColumn(store, field)) {
    if (c->IsValid(row)) out.push_back(c->values.Get(row));
    return;
  }
  const MultiColumn& m = store.columns().fix_versions;
  if (!m.present()) return;
  const uint64_t begin = m.Begin(row);
  for (uint32_t i = 0; i < m.Count(row); ++i) Insert(out, m.codes().Get(begin + i));
}

int64_t CreatedAt(const IssueStore& store, size_t row) {
  const IntColumn& c = store.columns().created;
  return c.IsValid(row) ? c.values.Get(row) : INT64_MIN;
}

int64_t CreatorOf(const IssueStore& store, size_t row) {
  const IssueColumns& c = store.columns();
  if (c.creator.IsValid(row)) return c.creator.values.Get(row);
  if (c.reporter.IsValid(row)) return c.reporter.values.Get(row);
  return -1;
}

void InitialValues(HistoryField field, const std::vector<FieldChange>& changes,
                   const std::vector<int64_t>& current, std::vector<int64_t>& out) {
  out.clear();
  if (changes.empty()) {
    out = current;
    return;
  }
  if (!IsMultiValued(field)) {
    Insert(out, changes.front().from);
    return;
  }
  out = current;
  for (size_t k = changes.size(); k-- > 0;) {
    Erase(out, changes[k].to);
    Insert(out, changes[k].from);
  }
}

void ValuesAfter(HistoryField field, const std::vector<FieldChange>& changes, size_t k,
                 const std::vector<int64_t>& current, std::vector<int64_t>& values) {
  if (k + 1 == changes.size()) {
    values = current;  // the issue's own value wins after the last change
    return;
  }
  if (!IsMultiValued(field)) values.clear();
  if (IsMultiValued(field)) Erase(values, changes[k].from);
  Insert(values, changes[k].to);
}

const std::vector<HeldValue>& TimelineBuilder::Build(const IssueStore& store, HistoryField field,
                                                     size_t row) {
  out_.clear();
  open_.clear();
  FieldChanges(store, field, row, changes_);
  CurrentValues(store, field, row, current_);
  InitialValues(field, changes_, current_, values_);
  const int64_t created = CreatedAt(store, row);
  const int64_t creator = CreatorOf(store, row);
  auto emit = [&](const Open& o, int64_t end) {
    const int64_t start = std::max(o.start, created);
    if (end > start) out_.push_back({o.value, start, end, o.setter});
  };
  for (int64_t v : values_) open_.push_back({v, INT64_MIN, creator});
  if (values_.empty()) open_.push_back({-1, INT64_MIN, creator});
  for (size_t k = 0; k < changes_.size(); ++k) {
    const FieldChange& change = changes_[k];
    next_ = values_;
    ValuesAfter(field, changes_, k, current_, next_);
    // Close what left (EMPTY leaves when a value arrives), open what arrived.
    for (size_t i = 0; i < open_.size();) {
      const bool stays = open_[i].value < 0 ? next_.empty() : Contains(next_, open_[i].value);
      if (stays) {
        ++i;
        continue;
      }
      emit(open_[i], change.time);
      open_.erase(open_.begin() + static_cast<ptrdiff_t>(i));
    }
    for (int64_t v : next_) {
      if (!Contains(values_, v)) open_.push_back({v, change.time, change.author});
    }
    if (next_.empty() && !values_.empty()) open_.push_back({-1, change.time, change.author});
    values_.swap(next_);
  }
  for (const Open& o : open_) emit(o, INT64_MAX);
  return out_;
}

}  // namespace jql::internal
