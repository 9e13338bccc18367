// Compiled queries cached by their text and caller. Parsing is serialised on one
// mutex (the ANTLR 4.9 runtime cannot parse concurrently), so a server that
// compiled every request would queue on it; the cache answers repeated queries
// without parsing. A compile folds "now" and currentUser() into the query, so an
// entry serves only the same user, and only for `reuse_ms` (relative dates move).
//
// Bounded so that no stream of queries can grow it: entries leave once they are
// `reuse_ms` old (they could serve nobody after that), the total estimated size
// stays under `byte_budget` (oldest first out), and neither invalid queries nor
// queries longer than `max_text_bytes` are kept at all. Thread-safe.
#ifndef JQL_SRC_SERVER_QUERY_CACHE_H_
#define JQL_SRC_SERVER_QUERY_CACHE_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "jql/engine.h"

namespace jql::server {

struct QueryCacheLimits {
  int64_t reuse_ms = 1000;
  size_t byte_budget = 32 << 20;     // estimated bytes of all entries
  size_t max_text_bytes = 16 << 10;  // longer queries are compiled, not kept
};

class QueryCache {
 public:
  explicit QueryCache(const Engine& engine, QueryCacheLimits limits = {})
      : engine_(engine), limits_(limits) {}

  std::shared_ptr<const CompileResult> Compile(std::string_view jql, const std::string& account_id,
                                               int64_t now_ms);

  size_t hits() const;
  size_t misses() const;
  size_t entries() const;
  size_t bytes() const;  // the estimate the budget counts

  // What an entry of this query text is taken to cost: a compiled query holds its
  // text several times over (AST, labels, text terms), and a fixed part.
  static size_t EstimatedBytes(size_t key_bytes) { return 1024 + 16 * key_bytes; }

 private:
  struct Entry {
    std::shared_ptr<const CompileResult> result;
    int64_t compiled_at = 0;
  };
  void EvictLocked(int64_t now_ms, size_t room);

  const Engine& engine_;
  const QueryCacheLimits limits_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  // Insertion order (keys with the time they went in): expiry and the budget take
  // from the front.
  std::deque<std::pair<std::string, int64_t>> order_;
  size_t bytes_ = 0;
  size_t hits_ = 0, misses_ = 0;
};

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_QUERY_CACHE_H_
