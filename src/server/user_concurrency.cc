#include "server/user_concurrency.h"

namespace jql::server {

std::optional<UserConcurrency::Slot> UserConcurrency::TryEnter(const std::string& user) {
  std::lock_guard lock(mutex_);
  size_t& running = running_[user];
  if (running >= per_user_) {
    if (running == 0) running_.erase(user);
    return std::nullopt;
  }
  ++running;
  return Slot(*this, user);
}

void UserConcurrency::Leave(const std::string& user) {
  std::lock_guard lock(mutex_);
  const auto it = running_.find(user);
  if (it == running_.end()) return;
  if (--it->second == 0) running_.erase(it);
}

size_t UserConcurrency::running(const std::string& user) const {
  std::lock_guard lock(mutex_);
  const auto it = running_.find(user);
  return it == running_.end() ? 0 : it->second;
}

size_t UserConcurrency::running() const {
  std::lock_guard lock(mutex_);
  size_t total = 0;
  for (const auto& [user, n] : running_) total += n;
  return total;
}

}  // namespace jql::server
