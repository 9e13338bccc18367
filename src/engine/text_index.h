// Inverted indexes for `~`: one per text field (summary, description, environment,
// comments, each text custom field), built on first use. Each holds its sorted term
// dictionary and, per term, the rows that contain it as varint-coded row gaps. The
// `text` field searches all of them: a word matches when it is in any field of the
// issue. Phrases are found as rows holding every word, then checked by re-analysing
// those rows' text for the words side by side. Thread-safe.
#ifndef JQL_SRC_ENGINE_TEXT_INDEX_H_
#define JQL_SRC_ENGINE_TEXT_INDEX_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "compiled_query.h"
#include "row_bitmap.h"
#include "text_query.h"

namespace jql::internal {

class TextIndex {
 public:
  explicit TextIndex(const IssueStore& store);
  ~TextIndex();
  TextIndex(const TextIndex&) = delete;
  TextIndex& operator=(const TextIndex&) = delete;

  struct Work {
    size_t postings_read = 0;  // row ids decoded
    size_t verified = 0;       // rows re-analysed for phrases
  };

  // Rows whose `column` text (all text fields for kAllText) matches the query, and
  // rows where that text is not empty; bitmaps over the whole store.
  RowBitmap Search(const TextQuery& query, ColumnId column, int custom, Work* work) const;
  RowBitmap NonEmpty(ColumnId column, int custom) const;

  // The fraction of rows the query may match, from the postings counts alone (no
  // text is read), when every index it needs is built; nullopt otherwise. For the
  // planner's estimate, which must not read sample rows' text at compile time.
  std::optional<double> EstimateFraction(const TextQuery& query, ColumnId column, int custom) const;

  struct FieldReport {
    std::string field;
    size_t terms = 0;
    size_t postings = 0;  // (term, row) pairs
    size_t bytes = 0;     // dictionary and postings
    double build_seconds = 0;
  };
  // Builds every field's index (if not built yet) and reports each; with `stop`
  // set between fields, returns what is built so far.
  // `step` is called after each field.
  std::vector<FieldReport> BuildAll(const std::atomic<bool>* stop = nullptr,
                                    const std::function<void()>& step = {}) const;
  size_t BuildSteps() const { return sources_; }

 private:
  struct FieldIndex;
  const FieldIndex& Field(size_t source) const;
  std::vector<size_t> Sources(ColumnId column, int custom) const;
  RowBitmap Evaluate(const TextQuery& q, const std::vector<size_t>& sources, ColumnId column,
                     int custom, Work* work) const;
  RowBitmap TermRows(const std::string& term, const std::vector<size_t>& sources, Work* work) const;

  const IssueStore& store_;
  std::vector<const TextColumn*> columns_;  // AllTextColumns: 4 system fields, then custom
  size_t sources_;
  std::unique_ptr<std::once_flag[]> built_;
  std::unique_ptr<std::atomic<bool>[]> ready_;  // per source: its index is built
  mutable std::vector<std::unique_ptr<FieldIndex>> fields_;
};

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_TEXT_INDEX_H_
