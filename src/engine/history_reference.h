// The plain meaning of a history search on one issue: replay its changes up to each
// instant that matters and look at the values then. Slow and obviously correct; the
// index (history_index.h) must agree with it.
#ifndef JQL_SRC_ENGINE_HISTORY_REFERENCE_H_
#define JQL_SRC_ENGINE_HISTORY_REFERENCE_H_

#include <cstddef>

#include "compiled_query.h"

namespace jql::internal {

// Whether the row's history matches (ignoring the leaf's negation).
bool HistoryMatches(const IssueStore& store, const HistorySearch& search, size_t row);

}  // namespace jql::internal

#endif  // JQL_SRC_ENGINE_HISTORY_REFERENCE_H_
