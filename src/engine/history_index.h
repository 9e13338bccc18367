// Time-ordered layouts of the change history, built per field on first use, that
// answer WAS and CHANGED by looking only at what the search can match:
// - CHANGED: the field's changes sorted by time; a time predicate is two binary
//   searches, and only the changes inside the window are tested.
// - WAS: the intervals during which each value was held (from the timeline rules),
//   grouped by value and sorted by start; only the searched values' intervals that
//   start before the window's end are tested.
// Thread-safe: each field's layouts are built once, whoever asks first.
#ifndef JQL_SRC_ENGINE_HISTORY_INDEX_H_
#define JQL_SRC_ENGINE_HISTORY_INDEX_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "compiled_query.h"
#include "row_bitmap.h"

namespace jql::internal {

class HistoryIndex {
 public:
  explicit HistoryIndex(const IssueStore& store);
  ~HistoryIndex();
  HistoryIndex(const HistoryIndex&) = delete;
  HistoryIndex& operator=(const HistoryIndex&) = delete;

  // What a search did, for explain.
  struct Work {
    std::string layout;    // "status changes by time" / "status intervals by value"
    size_t looked_at = 0;  // entries tested
    size_t entries = 0;    // entries in that layout
  };

  // Builds every field's layouts now (unless `stop` is set between fields).
  // `step` is called after each layout.
  void BuildAll(const std::atomic<bool>* stop = nullptr,
                const std::function<void()>& step = {}) const;
  static constexpr size_t BuildSteps() { return 2 * kFields; }

  // Rows whose history matches (a bitmap over the whole store, archived rows
  // included; the leaf's negation is not applied).
  RowBitmap Search(const HistorySearch& search, Work* work) const;

 private:
  struct Changes;
  struct Intervals;
  const Changes& ChangesOf(HistoryField field) const;
  const Intervals& IntervalsOf(HistoryField field) const;

  const IssueStore& store_;
  static constexpr size_t kFields = 6;
  // Each layout of each field is built once, by the first search that needs it.
  mutable std::array<std::once_flag, kFields> changes_built_, intervals_built_;
  mutable std::array<std::unique_ptr<Changes>, kFields> changes_;
  mutable std::array<std::unique_ptr<Intervals>, kFields> intervals_;
};

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_HISTORY_INDEX_H_
