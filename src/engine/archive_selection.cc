// The archive rule over a query's matches (architecture.md): top-level issues in
// projects that can be archived, at most the cap, each with its subtasks; matched
// subtasks and unlicensed issues are counted (and a few named) as skipped.
#include <algorithm>
#include <bit>

#include "engine_indexes.h"
#include "executor.h"
#include "jql/engine.h"
#include "order_by.h"

namespace jql {
namespace {

using internal::EngineIndexes;
using internal::RowBitmap;

// Counts the skipped rows among 64 matches (bit i is row 64 * word + i) and keeps the
// first few of each reason.
void SampleSkipped(size_t word, uint64_t hits, const EngineIndexes& ix, ArchiveSelection& s) {
  const uint64_t subtasks = hits & ix.subtask.word(word);
  const uint64_t unlicensed = hits & ~ix.subtask.word(word) & ix.unlicensed.word(word);
  s.skipped_subtasks += static_cast<size_t>(std::popcount(subtasks));
  s.skipped_unlicensed += static_cast<size_t>(std::popcount(unlicensed));
  auto keep = [word](uint64_t bits, std::vector<uint32_t>& sample) {
    for (; bits != 0 && sample.size() < ArchiveSelection::kSkippedSample; bits &= bits - 1)
      sample.push_back(static_cast<uint32_t>(word * 64 + std::countr_zero(bits)));
  };
  keep(subtasks, s.sample_subtasks);
  keep(unlicensed, s.sample_unlicensed);
}

// Keeps the eligible rows of 64 matches until the cap; counts the ones past it.
void Select(size_t word, uint64_t hits, const EngineIndexes& ix, size_t cap, ArchiveSelection& s) {
  s.matched += static_cast<size_t>(std::popcount(hits));
  SampleSkipped(word, hits, ix, s);
  uint64_t eligible = hits & ~ix.subtask.word(word) & ~ix.unlicensed.word(word);
  while (eligible != 0) {
    if (s.rows.size() == cap) {
      s.skipped_over_cap += static_cast<size_t>(std::popcount(eligible));
      break;
    }
    s.rows.push_back(static_cast<uint32_t>(word * 64 + std::countr_zero(eligible)));
    eligible &= eligible - 1;
  }
}

// The subtasks of ascending selected rows, in the order one ForEachSubtask per row
// gives them: one pass over the (parent, subtask) pairs between the first and the
// last selected row, without a branch per pair. (Whether a parent has subtasks, or
// was selected, is as good as random, and the mispredicted branches of a lookup per
// row were most of the cost of selecting 100,000 issues.)
void GatherSubtasksInOrder(const EngineIndexes& ix, const IssueStore::ArchivedState& archived,
                           ArchiveSelection& s) {
  if (s.rows.empty()) return;
  const uint32_t first = s.rows.front(), last = s.rows.back();
  RowBitmap selected(last - first + 1);
  for (uint32_t row : s.rows) selected.Set(row - first);
  size_t begin = ix.subtask_bucket[first >> 6];
  while (begin < ix.children.size() && ix.children[begin].first < first) ++begin;
  size_t end = begin;
  while (end < ix.children.size() && ix.children[end].first <= last) ++end;
  s.subtasks.resize(end - begin);
  size_t n = 0;
  for (size_t i = begin; i < end; ++i) {
    const auto [parent, subtask] = ix.children[i];
    s.subtasks[n] = subtask;
    n += static_cast<size_t>(selected.Get(parent - first)) &
         static_cast<size_t>(!archived.Has(subtask));
  }
  s.subtasks.resize(n);
}

// A selection the budget cut short: empty, so that nothing acts on part of it.
ArchiveSelection Stopped() {
  ArchiveSelection s;
  s.stopped = true;
  return s;
}

}  // namespace

ArchiveSelection Engine::SelectForArchive(const CompiledQuery& query, size_t cap, bool exact_counts,
                                          const QueryBudget& budget) const {
  const auto archived = store_.PinArchived();
  const EngineIndexes& ix = *indexes_;
  internal::EvalCache cache;
  cache.history = ix.history.get();
  cache.text = ix.text.get();
  ArchiveSelection s;
  if (!exact_counts && query.order.empty() && store_.IdsAscend()) {
    // Rows come in id order: keep eligible rows block by block until the cap, then
    // stop. The counts then cover the blocks looked at.
    const bool finished = internal::ForEachBlock(
        store_, query, cache, budget, [&](size_t begin, const RowBitmap& block) {
          for (size_t w = 0; w < block.words(); ++w) {
            const size_t word = begin / 64 + w;
            Select(word, block.word(w) & ~archived->words[word], ix, cap, s);
          }
          return s.rows.size() < cap;
        });
    if (!finished) return Stopped();
  } else {
    const auto hits = internal::EvaluateAll(store_, query, cache, *archived, budget);
    if (!hits) return Stopped();
    RowBitmap eligible(hits->rows());
    for (size_t w = 0; w < hits->words(); ++w) {
      s.matched += static_cast<size_t>(std::popcount(hits->word(w)));
      SampleSkipped(w, hits->word(w), ix, s);
      eligible.word(w) = hits->word(w) & ~ix.subtask.word(w) & ~ix.unlicensed.word(w);
    }
    const size_t eligible_count = eligible.Count();
    s.rows = internal::OrderRows(store_, query, eligible, cap);
    s.skipped_over_cap = eligible_count - s.rows.size();
  }
  // Each selected issue takes its subtasks that are not archived yet. One pass over
  // the pairs pays when the selected issues are dense among them; a few issues spread
  // over the store look theirs up one by one.
  const bool ascending = std::is_sorted(s.rows.begin(), s.rows.end());
  const size_t pairs_in_range = s.rows.empty() ? 0
                                               : ix.subtask_bucket[(s.rows.back() >> 6) + 1] -
                                                     ix.subtask_bucket[s.rows.front() >> 6];
  if (ascending && s.rows.size() * 8 >= pairs_in_range) {
    GatherSubtasksInOrder(ix, *archived, s);
  } else {
    for (uint32_t parent : s.rows) {
      ix.ForEachSubtask(parent, [&](uint32_t subtask) {
        if (!archived->Has(subtask)) s.subtasks.push_back(subtask);
      });
    }
  }
  return s;
}

ArchiveEligibility Engine::Eligibility(size_t row) const {
  const EngineIndexes& ix = *indexes_;
  if (ix.subtask.Get(row)) return ArchiveEligibility::kSubtask;
  const Catalog& cat = store_.catalog();
  if (cat.projects[static_cast<Code>(store_.columns().project.values.Get(row))].archived)
    return ArchiveEligibility::kArchivedProject;
  if (ix.unlicensed.Get(row)) return ArchiveEligibility::kUnlicensed;
  return ArchiveEligibility::kEligible;
}

std::vector<uint32_t> Engine::SubtasksOf(size_t row) const {
  std::vector<uint32_t> out;
  indexes_->ForEachSubtask(static_cast<uint32_t>(row), [&](uint32_t s) { out.push_back(s); });
  return out;
}

}  // namespace jql
