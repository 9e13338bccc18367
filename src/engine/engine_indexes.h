// What an Engine builds once over its store: the archive rule's lookups (which rows
// are subtasks, which are in projects that cannot be archived, each issue's
// subtasks) and the text and history indexes, whose parts are built on first use.
#ifndef JQL_SRC_ENGINE_ENGINE_INDEXES_H_
#define JQL_SRC_ENGINE_ENGINE_INDEXES_H_

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "history_index.h"
#include "row_bitmap.h"
#include "text_index.h"

namespace jql::internal {

struct EngineIndexes {
  explicit EngineIndexes(const IssueStore& store);

  RowBitmap subtask;     // rows whose issue type is a subtask type
  RowBitmap unlicensed;  // rows in projects whose type cannot be archived
  std::vector<std::pair<uint32_t, uint32_t>> children;  // (parent row, subtask row), sorted
  RowBitmap has_subtasks;                               // rows that are some subtask's parent
  std::vector<uint32_t> subtask_bucket;  // per 64 rows: the first pair whose parent is in them
  std::unique_ptr<HistoryIndex> history;
  std::unique_ptr<TextIndex> text;

  // Calls each(subtask row) for every subtask of `parent`. Most issues have none (a
  // bitmap says which do); the others find their pairs from the start of their
  // 64-row bucket, so a sparse selection costs no binary searches.
  template <typename Each>
  void ForEachSubtask(uint32_t parent, Each each) const {
    if (!has_subtasks.Get(parent)) return;
    size_t i = subtask_bucket[parent >> 6];
    while (children[i].first < parent) ++i;
    for (; i < children.size() && children[i].first == parent; ++i) each(children[i].second);
  }
};

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_ENGINE_INDEXES_H_
