// A bounded set of connections to one site, for work that can run side by side (the
// change logs of a page's issues, single issues by id): at most `size()` requests are
// in flight at once, each on its own kept-alive connection. Jira rate-limits per user,
// so more connections do not mean faster: the bound is the caller's to choose.
#ifndef JQL_SRC_CLIENT_SITE_POOL_H_
#define JQL_SRC_CLIENT_SITE_POOL_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "client/site_client.h"

namespace jql::client {

class SitePool {
 public:
  static StatusOr<std::unique_ptr<SitePool>> Open(const std::string& site, const std::string& user,
                                                  const std::string& token, size_t connections,
                                                  const SiteClientOptions& options = {});

  size_t size() const { return clients_.size(); }
  // The first connection, for the requests that must go one after another.
  SiteClient& first() { return *clients_.front(); }
  SiteClient& at(size_t i) { return *clients_[i]; }

  // Runs work(client, i) for i in [0, count) on up to `connections` threads (the calling
  // one among them). Stops handing out work at the first error and returns it. With
  // `spare_first`, the first connection is left to another thread's sequential requests
  // (when there is more than one).
  Status ForEach(size_t count, const std::function<Status(SiteClient&, size_t)>& work,
                 bool spare_first = false);

  size_t requests() const;
  size_t retries() const;

 private:
  std::vector<std::unique_ptr<SiteClient>> clients_;
};

}  // namespace jql::client

#endif  // JQL_SRC_CLIENT_SITE_POOL_H_
