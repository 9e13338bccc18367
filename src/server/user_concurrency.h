// At most N requests of heavy work (searches, counts, previews, parses, archive by
// JQL) at once per user, so that one user's burst cannot take every worker thread
// from everybody else. A request over its user's limit is refused at once with 429
// and Retry-After, as Jira Cloud's rate limiting answers; it never queues.
// Thread-safe.
#ifndef JQL_SRC_SERVER_USER_CONCURRENCY_H_
#define JQL_SRC_SERVER_USER_CONCURRENCY_H_

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace jql::server {

class UserConcurrency {
 public:
  explicit UserConcurrency(size_t per_user) : per_user_(per_user) {}

  // Held while the work runs; gives its place back when destroyed.
  class Slot {
   public:
    Slot(UserConcurrency& owner, std::string user) : owner_(&owner), user_(std::move(user)) {}
    Slot(Slot&& other) noexcept : owner_(other.owner_), user_(std::move(other.user_)) {
      other.owner_ = nullptr;
    }
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (owner_ != nullptr) owner_->Leave(user_);
    }

   private:
    UserConcurrency* owner_;
    std::string user_;
  };

  // A slot, or nothing when the user already has `per_user` requests running.
  std::optional<Slot> TryEnter(const std::string& user);
  size_t running(const std::string& user) const;
  size_t running() const;  // every user's together

 private:
  void Leave(const std::string& user);

  const size_t per_user_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, size_t> running_;
};

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_USER_CONCURRENCY_H_
