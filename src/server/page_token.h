// nextPageToken of GET/POST /search/jql: where a page ended (the engine's
// PagePosition), for one query and one user, with the time it was given out, sealed
// with an HMAC under a key drawn when the server starts. A client can neither forge
// nor alter one; a token of another query or user, one older than `lifetime`, or one
// from before a restart is refused. Thread-safe.
#ifndef JQL_SRC_SERVER_PAGE_TOKEN_H_
#define JQL_SRC_SERVER_PAGE_TOKEN_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "jql/engine.h"

namespace jql::server {

class PageTokens {
 public:
  explicit PageTokens(std::chrono::milliseconds lifetime = std::chrono::hours(24));

  std::string Issue(std::string_view jql, std::string_view account, const PagePosition& position,
                    int64_t now_ms) const;
  std::optional<PagePosition> Read(std::string_view token, std::string_view jql,
                                   std::string_view account, int64_t now_ms) const;

 private:
  std::string Mac(std::string_view payload, std::string_view jql, std::string_view account) const;

  std::array<unsigned char, 32> key_{};
  std::chrono::milliseconds lifetime_;
};

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_PAGE_TOKEN_H_
