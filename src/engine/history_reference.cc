#include "history_reference.h"

#include <algorithm>
#include <map>

#include "history_timeline.h"

namespace jql::internal {
namespace {

// WAS: is there an instant in [after, before), at or after creation, when the field
// held a wanted value set by a wanted user? Values only change at changes, so the
// instants worth looking at are the window's start and each change inside it.
bool WasMatches(const IssueStore& store, const HistorySearch& s, size_t row) {
  std::vector<FieldChange> changes;
  std::vector<int64_t> current, initial;
  FieldChanges(store, s.field, row, changes);
  CurrentValues(store, s.field, row, current);
  InitialValues(s.field, changes, current, initial);
  const int64_t creator = CreatorOf(store, row);
  const int64_t first = std::max(s.after, CreatedAt(store, row));
  std::vector<int64_t> instants;
  if (first < s.before) instants.push_back(first);
  for (const FieldChange& c : changes) {
    if (c.time > first && c.time < s.before) instants.push_back(c.time);
  }
  for (int64_t t : instants) {
    // Replay from creation to t, remembering who brought each value in.
    std::vector<int64_t> values = initial;
    std::map<int64_t, int64_t> setter;  // value (-1: EMPTY) -> user
    for (int64_t v : values) setter[v] = creator;
    if (values.empty()) setter[-1] = creator;
    for (size_t k = 0; k < changes.size() && changes[k].time <= t; ++k) {
      std::vector<int64_t> next = values;
      ValuesAfter(s.field, changes, k, current, next);
      for (int64_t v : next) {
        if (std::find(values.begin(), values.end(), v) == values.end())
          setter[v] = changes[k].author;
      }
      if (next.empty() && !values.empty()) setter[-1] = changes[k].author;
      values = next;
    }
    if (values.empty()) {
      if (s.values.Has(-1) && s.by.Has(setter[-1])) return true;
      continue;
    }
    for (int64_t v : values) {
      if (s.values.Has(v) && s.by.Has(setter[v])) return true;
    }
  }
  return false;
}

// CHANGED: one change of the field in the window that matches every predicate.
bool ChangedMatches(const IssueStore& store, const HistorySearch& s, size_t row) {
  std::vector<FieldChange> changes;
  FieldChanges(store, s.field, row, changes);
  for (const FieldChange& c : changes) {
    if (c.time >= s.after && c.time < s.before && s.from.Has(c.from) && s.to.Has(c.to) &&
        s.by.Has(c.author))
      return true;
  }
  return false;
}

}  // namespace

bool HistoryMatches(const IssueStore& store, const HistorySearch& search, size_t row) {
  return search.kind == HistorySearch::Kind::kWas ? WasMatches(store, search, row)
                                                  : ChangedMatches(store, search, row);
}

}  // namespace jql::internal
