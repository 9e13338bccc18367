// A client of a Jira site's REST API (or of `jql serve`, which speaks the same API):
// JSON requests with Basic credentials over HTTP or HTTPS (verified against the
// system's CA certificates), one kept-alive connection, and the retries a real site
// asks for: 429 waits for Retry-After, 5xx and dropped connections back off
// exponentially. The token is never written anywhere, not even in error messages.
#ifndef JQL_SRC_CLIENT_SITE_CLIENT_H_
#define JQL_SRC_CLIENT_SITE_CLIENT_H_

#include <boost/json/value.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "jql/status.h"

namespace jql::client {

struct SiteClientOptions {
  int max_attempts = 8;                           // per request
  std::chrono::milliseconds first_backoff{200};   // doubled after each 5xx
  std::chrono::milliseconds longest_wait{60000};  // cap on Retry-After and backoff
  std::chrono::seconds timeout{60};               // per attempt
  // Told of each retry ("429 on GET /rest/api/3/...; waiting 1 s"), for a log.
  std::function<void(const std::string&)> on_retry;
};

enum class SiteMethod { kGet, kPost, kPut };

// A final answer: 2xx, or a client error (4xx but 429) with Jira's error body, if any.
struct SiteAnswer {
  unsigned status = 0;
  boost::json::value body;
};

// The errorMessages of Jira's error body ({"errorMessages": [...], "errors": {}}),
// joined by spaces; empty for any other body.
std::string JiraErrorMessages(const boost::json::value& body);

class SiteClient {
 public:
  // `site` is "https://example.atlassian.net" or "http://127.0.0.1:8080".
  static StatusOr<std::unique_ptr<SiteClient>> Open(const std::string& site,
                                                    const std::string& user,
                                                    const std::string& token,
                                                    SiteClientOptions options = {});
  ~SiteClient();

  // A JSON answer of 2xx, or an error naming the request and Jira's message.
  StatusOr<boost::json::value> Get(const std::string& path_and_query);
  StatusOr<boost::json::value> Post(const std::string& path, const boost::json::value& body);
  StatusOr<boost::json::value> Put(const std::string& path, const boost::json::value& body);
  // For callers that act on a 4xx themselves (a 400 "no valid issue" is an outcome of an
  // archive request, not a failure): the answer whatever its status; an error only
  // when no final answer came (retries exhausted, no connection, 2xx not JSON).
  StatusOr<SiteAnswer> Send(SiteMethod method, const std::string& path,
                            const boost::json::value* body);

  size_t requests() const;  // attempts made, retries included
  size_t retries() const;

 private:
  struct Impl;
  explicit SiteClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jql::client

#endif  // JQL_SRC_CLIENT_SITE_CLIENT_H_
