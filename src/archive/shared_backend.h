// A store that several archive servers share (`jql serve --backend clickhouse://...`):
// it evaluates their queries and keeps their archive marks, so that what one server
// archives the others stop finding. The server still binds queries and renders issues
// from its own copy of the same data; the backend is where matches are decided.
#ifndef JQL_SRC_ARCHIVE_SHARED_BACKEND_H_
#define JQL_SRC_ARCHIVE_SHARED_BACKEND_H_

#include <cstdint>
#include <string>
#include <vector>

#include "jql/engine.h"
#include "jql/status.h"

namespace jql::archive {

// An issue archived (or unarchived) through one of the servers: by whom, when, by
// which task (empty for an archive by keys).
struct SharedMark {
  uint32_t row = 0;
  bool archived = false;
  std::string task, by;
  int64_t at = 0;  // epoch ms
};

// Thread-safe: called from every request thread at once.
class SharedBackend {
 public:
  virtual ~SharedBackend() = default;

  // As Engine::Execute and Engine::SelectForArchive (with exact counts), over the
  // shared store with every server's marks.
  virtual StatusOr<QueryResult> Execute(const CompiledQuery& query, size_t limit,
                                        const PagePosition* after) = 0;
  virtual StatusOr<ArchiveSelection> SelectForArchive(const CompiledQuery& query, size_t cap) = 0;

  // Records marks durably, all of them visible at once; the caller answers its client
  // only after this returns.
  virtual Status RecordMarks(const std::vector<SharedMark>& marks) = 0;
  // How many marks were ever recorded: marks are only added, so an unchanged count means
  // nothing changed since it was last read.
  virtual StatusOr<size_t> MarkCount() = 0;
  // Every marked issue's latest mark.
  virtual StatusOr<std::vector<SharedMark>> CurrentMarks() = 0;
};

}  // namespace jql::archive

#endif  // JQL_SRC_ARCHIVE_SHARED_BACKEND_H_
