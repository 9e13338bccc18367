#include "engine_indexes.h"

#include <algorithm>

namespace jql::internal {

EngineIndexes::EngineIndexes(const IssueStore& store)
    : subtask(store.rows()),
      unlicensed(store.rows()),
      has_subtasks(store.rows()),
      history(std::make_unique<HistoryIndex>(store)),
      text(std::make_unique<TextIndex>(store)) {
  const IssueColumns& c = store.columns();
  const Catalog& cat = store.catalog();
  const size_t rows = store.rows();
  for (size_t row = 0; row < rows; ++row) {
    if (c.issue_type.IsValid(row) &&
        cat.issue_types[static_cast<Code>(c.issue_type.values.Get(row))].subtask) {
      subtask.Set(row);
    }
    if (!IsArchivable(cat.projects[static_cast<Code>(c.project.values.Get(row))].type))
      unlicensed.Set(row);
    if (c.parent.IsValid(row)) {
      children.emplace_back(static_cast<uint32_t>(c.parent.values.Get(row)),
                            static_cast<uint32_t>(row));
    }
  }
  std::sort(children.begin(), children.end());
  subtask_bucket.assign(RowBitmap::WordsFor(rows) + 1, 0);
  size_t pair = 0;
  for (size_t bucket = 0; bucket < subtask_bucket.size(); ++bucket) {
    while (pair < children.size() && children[pair].first < bucket * 64) ++pair;
    subtask_bucket[bucket] = static_cast<uint32_t>(pair);
  }
  for (const auto& [parent, child] : children) has_subtasks.Set(parent);
}

}  // namespace jql::internal
