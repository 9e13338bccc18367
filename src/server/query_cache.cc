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
    if (it != entries_.end() && now_ms - it->second.compiled_at < reuse_ms_) {
      ++hits_;
      return it->second.result;
    }
    ++misses_;
  }
  QueryContext context;
  context.current_user = account_id;
  context.now_ms = now_ms;
  auto result = std::make_shared<const CompileResult>(engine_.Compile(jql, context));
  std::lock_guard lock(mutex_);
  // Entries expire within a second, so when the cache is full they are all nearly
  // stale: dropping them all is as good as LRU here and much simpler.
  if (entries_.size() >= capacity_) entries_.clear();
  entries_[std::move(key)] = Entry{result, now_ms};
  return result;
}

size_t QueryCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}

size_t QueryCache::misses() const {
  std::lock_guard lock(mutex_);
  return misses_;
}

}  // namespace jql::server
