// Compiled queries cached by their text and caller. Parsing is serialised on one
// mutex (the ANTLR 4.9 runtime cannot parse concurrently), so a server that
// compiled every request would queue on it; the cache answers repeated queries
// without parsing. A compile folds "now" and currentUser() into the query, so an
// entry serves only the same user, and only for `reuse_ms` (relative dates move).
// Thread-safe.
#ifndef JQL_SRC_SERVER_QUERY_CACHE_H_
#define JQL_SRC_SERVER_QUERY_CACHE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "jql/engine.h"

namespace jql::server {

class QueryCache {
 public:
  explicit QueryCache(const Engine& engine, size_t capacity = 4096, int64_t reuse_ms = 1000)
      : engine_(engine), capacity_(capacity), reuse_ms_(reuse_ms) {}

  std::shared_ptr<const CompileResult> Compile(std::string_view jql, const std::string& account_id,
                                               int64_t now_ms);

  size_t hits() const;
  size_t misses() const;

 private:
  struct Entry {
    std::shared_ptr<const CompileResult> result;
    int64_t compiled_at = 0;
  };
  const Engine& engine_;
  const size_t capacity_;
  const int64_t reuse_ms_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  size_t hits_ = 0, misses_ = 0;
};

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_QUERY_CACHE_H_
