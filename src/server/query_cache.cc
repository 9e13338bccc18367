#include "server/query_cache.h"

namespace jql::server {

std::shared_ptr<const CompileResult> QueryCache::Compile(std::string_view jql,
                                                         const std::string& account_id,
                                                         int64_t now_ms) {
  std::string key = account_id;
  key += '\0';
  key += jql;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end() && now_ms - it->second.compiled_at < limits_.reuse_ms &&
        now_ms >= it->second.compiled_at) {
      ++hits_;
      return it->second.result;
    }
    ++misses_;
  }
  QueryContext context;
  context.current_user = account_id;
  context.now_ms = now_ms;
  auto result = std::make_shared<const CompileResult>(engine_.Compile(jql, context));
  // An invalid query is answered once and forgotten (a stream of distinct invalid
  // megabyte queries must cost nothing after its answers); so is a very long one.
  if (!result->ok() || jql.size() > limits_.max_text_bytes) return result;
  const size_t cost = EstimatedBytes(key.size());
  std::lock_guard lock(mutex_);
  EvictLocked(now_ms, cost);
  if (auto it = entries_.find(key); it != entries_.end()) {
    it->second = Entry{result, now_ms};  // a stale entry renewed: its order slot stays
    return result;
  }
  if (cost > limits_.byte_budget) return result;
  order_.emplace_back(key, now_ms);
  entries_.emplace(std::move(key), Entry{result, now_ms});
  bytes_ += cost;
  return result;
}

void QueryCache::EvictLocked(int64_t now_ms, size_t room) {
  while (!order_.empty()) {
    const auto& [key, at] = order_.front();
    const bool expired = now_ms - at >= limits_.reuse_ms || now_ms < at;
    if (!expired && bytes_ + room <= limits_.byte_budget) break;
    const auto it = entries_.find(key);
    // A renewed entry is younger than its slot: requeue it instead of dropping it.
    if (it != entries_.end() && it->second.compiled_at != at &&
        !(bytes_ + room > limits_.byte_budget)) {
      order_.emplace_back(key, it->second.compiled_at);
      order_.pop_front();
      continue;
    }
    if (it != entries_.end()) entries_.erase(it);
    bytes_ -= EstimatedBytes(key.size());
    order_.pop_front();
  }
}

size_t QueryCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}

size_t QueryCache::misses() const {
  std::lock_guard lock(mutex_);
  return misses_;
}

size_t QueryCache::entries() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

size_t QueryCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace jql::server
