#include "client/site_pool.h"

#include <atomic>
#include <mutex>
#include <thread>

namespace jql::client {

StatusOr<std::unique_ptr<SitePool>> SitePool::Open(const std::string& site, const std::string& user,
                                                   const std::string& token, size_t connections,
                                                   const SiteClientOptions& options) {
  auto pool = std::make_unique<SitePool>();
  for (size_t i = 0; i < std::max<size_t>(connections, 1); ++i) {
    auto client = SiteClient::Open(site, user, token, options);
    if (!client.ok()) return client.status();
    pool->clients_.push_back(std::move(*client));
  }
  return pool;
}

Status SitePool::ForEach(size_t count, const std::function<Status(SiteClient&, size_t)>& work,
                         bool spare_first) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  Status first_error;
  std::mutex error_mutex;
  auto worker = [&](SiteClient& client) {
    while (!failed.load()) {
      const size_t i = next.fetch_add(1);
      if (i >= count) return;
      Status s = work(client, i);
      if (!s.ok()) {
        std::lock_guard lock(error_mutex);
        if (!failed.exchange(true)) first_error = std::move(s);
      }
    }
  };
  const size_t from = spare_first && clients_.size() > 1 ? 1 : 0;
  const size_t threads = std::min(clients_.size() - from, count);
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < threads; ++t) helpers.emplace_back(worker, std::ref(*clients_[from + t]));
  if (threads > 0) worker(*clients_[from]);
  for (std::thread& t : helpers) t.join();
  return first_error;
}

size_t SitePool::requests() const {
  size_t n = 0;
  for (const auto& c : clients_) n += c->requests();
  return n;
}

size_t SitePool::retries() const {
  size_t n = 0;
  for (const auto& c : clients_) n += c->retries();
  return n;
}

}  // namespace jql::client
