// Reading one row's values of a leaf's column: shared by the reference evaluator,
// the fast path's fallbacks and ORDER BY.
#ifndef JQL_SRC_ENGINE_ROW_VALUES_H_
#define JQL_SRC_ENGINE_ROW_VALUES_H_

#include <string_view>
#include <vector>

#include "compiled_query.h"
#include "text_analyzer.h"

namespace jql::internal {

// The row's values (codes, times, numbers); empty when the field is empty.
void RowValues(const IssueStore& store, ColumnId column, int custom, size_t row,
               std::vector<int64_t>& out);

// The row's text of a text column, field by field (every text field for kAllText).
void RowTextParts(const IssueStore& store, ColumnId column, int custom, size_t row,
                  std::vector<std::string_view>& out);
// Whether a text counts as empty for ~, !~ and IS EMPTY: nothing but line breaks
// (comments are joined with them). The index and the plain evaluator both use this.
bool IsBlankText(std::string_view text);
// Whether the row's text of a text column is empty, every field of it.
bool RowTextIsEmpty(const IssueStore& store, ColumnId column, int custom, size_t row);
// The analyzed tokens of that text; separate fields are kept apart by a gap in the
// positions, so that a phrase never spans two fields.
void RowTokens(const IssueStore& store, ColumnId column, int custom, size_t row,
               std::vector<TextToken>& out);

// Whether the row matches the leaf: the plain, obviously-correct definition.
bool LeafMatches(const IssueStore& store, const Leaf& leaf, size_t row);

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_ROW_VALUES_H_
