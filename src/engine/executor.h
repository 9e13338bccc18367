// The block executor: evaluates a planned query over the store's columns in blocks
// of 64K rows (a block's columns stay in cache while every leaf reads them), each
// node on the rows still in the running, with kernels per leaf kind and the text and
// history indexes answering for the whole store once.
#ifndef JQL_SRC_ENGINE_EXECUTOR_H_
#define JQL_SRC_ENGINE_EXECUTOR_H_

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiled_query.h"
#include "row_bitmap.h"

namespace jql::internal {

class HistoryIndex;
class TextIndex;

constexpr size_t kBlockRows = size_t{1} << 16;

// What the evaluation did at one node, summed over the blocks (for explain).
struct NodeTrace {
  size_t rows_in = 0;                // candidate rows the node was asked about
  size_t rows_out = 0;               // of those, the ones that matched
  std::chrono::nanoseconds time{0};  // including its children
};

// What the blocks of one evaluation share: the indexes, per-leaf lookup tables and
// whole-store index answers built on first use, and what explain reports.
struct EvalCache {
  const HistoryIndex* history = nullptr;  // null: history leaves are tested row by row
  const TextIndex* text = nullptr;        // likewise for ~ and !~
  std::unordered_map<const Leaf*, std::vector<uint8_t>> code_tables;
  std::unordered_map<const Leaf*, RowBitmap> index_hits;  // whole-store bitmaps
  std::unordered_map<const Leaf*, std::string> notes;     // what an index did
  // When set, every node's rows and time are recorded here (explain).
  std::unordered_map<const Node*, NodeTrace>* trace = nullptr;
};

// Evaluates the query block by block in row order and hands each block's matches
// (archived rows included; bit i is row first + i) to `sink`, which returns false to
// stop. Returns false when the budget ran out before the end.
using BlockSink = std::function<bool(size_t first, const RowBitmap& block)>;
bool ForEachBlock(const IssueStore& store, const CompiledQuery& query, EvalCache& cache,
                  const QueryBudget& budget, const BlockSink& sink);

// The query's matches over the whole store without the archived rows; nullopt when
// the budget ran out.
std::optional<RowBitmap> EvaluateAll(const IssueStore& store, const CompiledQuery& query,
                                     EvalCache& cache, const IssueStore::ArchivedState& archived,
                                     const QueryBudget& budget);

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_EXECUTOR_H_
