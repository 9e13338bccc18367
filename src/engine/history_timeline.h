// One issue's values of one history field over time, derived from its changelog and
// its current value. The index builds its intervals with TimelineBuilder; the plain
// reference evaluator shares the readers of raw data (changes, current values,
// creation) and the two single-step rules (InitialValues, ValuesAfter), but replays
// them itself at single instants rather than as intervals, so the two check each
// other's windows, boundaries and authorship.
//
// The rules (docs/engine.md, "History"):
// - A field is a set of values: single-valued fields hold at most one, fixVersion
//   any number; an empty set is EMPTY.
// - Before its first change the field holds its value at creation: the first
//   change's "from" (single-valued), or the current values with every change undone
//   (fixVersion: remove what was added, put back what was removed).
// - A change sets the field to its "to" (single-valued) or removes "from" and adds
//   "to" (fixVersion). After the last change the field holds its current value, which
//   wins where the changelog and the issue disagree.
// - A value is "set by" the author of the change at which it entered the set, or by
//   the issue's creator when it was there from creation. EMPTY likewise: by the change
//   that emptied the field, or the creator.
// - Changes at the same instant take effect together; nothing holds before creation.
#ifndef JQL_SRC_ENGINE_HISTORY_TIMELINE_H_
#define JQL_SRC_ENGINE_HISTORY_TIMELINE_H_

#include <cstdint>
#include <vector>

#include "jql/issue_store.h"

namespace jql::internal {

// A value held over [start, end); value -1 is EMPTY. `setter` is a user code or -1.
struct HeldValue {
  int64_t value = -1;
  int64_t start = 0;
  int64_t end = 0;
  int64_t setter = -1;
};

// One change of one field (a changelog item), as stored.
struct FieldChange {
  int64_t time = 0;
  int64_t from = -1;
  int64_t to = -1;
  int64_t author = -1;
};

// The changes of `field` on `row`, oldest first.
void FieldChanges(const IssueStore& store, HistoryField field, size_t row,
                  std::vector<FieldChange>& out);

// The field's current values on `row` (empty when EMPTY).
void CurrentValues(const IssueStore& store, HistoryField field, size_t row,
                   std::vector<int64_t>& out);

// When the issue was created (the start of its history); INT64_MIN when unknown.
int64_t CreatedAt(const IssueStore& store, size_t row);
// Who created the issue (the creator, else the reporter); -1 when unknown.
int64_t CreatorOf(const IssueStore& store, size_t row);

bool IsMultiValued(HistoryField field);  // fixVersion

// The field's values at creation (sorted): the rules above, before the first change.
void InitialValues(HistoryField field, const std::vector<FieldChange>& changes,
                   const std::vector<int64_t>& current, std::vector<int64_t>& out);
// The field's values right after change `k` of `changes`, given the values before it.
void ValuesAfter(HistoryField field, const std::vector<FieldChange>& changes, size_t k,
                 const std::vector<int64_t>& current, std::vector<int64_t>& values);

// Every value a field held on a row, with when and by whom; intervals that would be
// empty (changes at one instant, changes dated before creation) are left out. The last
// intervals end at INT64_MAX. Keeps its buffers from row to row.
class TimelineBuilder {
 public:
  // The row's intervals, valid until the next call; changes() then holds its changes.
  const std::vector<HeldValue>& Build(const IssueStore& store, HistoryField field, size_t row);
  const std::vector<FieldChange>& changes() const { return changes_; }

 private:
  struct Open {
    int64_t value, start, setter;  // value -1: EMPTY
  };
  std::vector<FieldChange> changes_;
  std::vector<int64_t> current_, values_, next_;
  std::vector<Open> open_;
  std::vector<HeldValue> out_;
};

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_HISTORY_TIMELINE_H_
