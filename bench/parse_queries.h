// The queries the parse benchmarks time, shared by the steady-state and the
// first-parse programs.
#ifndef JQL_BENCH_PARSE_QUERIES_H_
#define JQL_BENCH_PARSE_QUERIES_H_

#include <string>

namespace jql::bench {

inline const std::string kShortQuery = "project = ABC";

// 100 characters: the size the performance target names.
inline const std::string kTypicalQuery =
    "project in (PAYJ, PBUV) AND status = Done AND updated < -365d AND assignee != currentUser() "
    "ORDER BY key";

inline std::string LongQuery() {
  std::string q = "project = ABC";
  for (int i = 0; i < 200; ++i) {
    q += " AND (labels in (lbl-" + std::to_string(i) + ", \"label " + std::to_string(i) +
         "\") OR created >= \"2024-01-" + std::to_string(10 + i % 20) + "\")";
  }
  return q + " ORDER BY created DESC, key";
}

}  // namespace jql::bench

#endif  // JQL_BENCH_PARSE_QUERIES_H_
