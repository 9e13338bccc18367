// Who may call the server: users with an e-mail address and an API token, checked
// by HTTP Basic auth as Jira Cloud does. Tokens are never kept in clear: the users
// file holds the SHA-256 of each token (hex), and a presented token is hashed and
// compared in constant time. API tokens are long random strings, so an unsalted
// hash is enough (no dictionary to guess from).
//
// The users file (JSON):
//   {"users": [{"email": "a@example.com", "accountId": "5b10ac8d82e05b22cc7d4ef5",
//               "displayName": "Ada", "role": "admin", "id": 10000,
//               "tokenSha256": "<sha256 of the token, hex>"}]}
// role: "user", "admin" (Jira admin) or "site-admin". Thread-safe after loading.
#ifndef JQL_SRC_SERVER_AUTH_H_
#define JQL_SRC_SERVER_AUTH_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jql/status.h"

namespace jql::server {

enum class Role { kUser, kAdmin, kSiteAdmin };

struct ApiUser {
  std::string email;
  std::string account_id;
  std::string display_name;
  Role role = Role::kUser;
  int64_t id = 0;  // the numeric id Jira reports as a task's submittedBy
  std::string token_sha256;
  bool is_admin() const { return role != Role::kUser; }
};

class UserDirectory {
 public:
  UserDirectory() = default;
  UserDirectory(const UserDirectory& other) : users_(other.Current()) {}
  UserDirectory& operator=(const UserDirectory& other) {
    Replace(other);
    return *this;
  }
  UserDirectory(UserDirectory&&) noexcept = default;
  UserDirectory& operator=(UserDirectory&&) noexcept = default;

  static StatusOr<UserDirectory> LoadFile(const std::string& path);
  // One site admin, admin@example.com, signing in with `token`.
  static UserDirectory WithDefaultAdmin(const std::string& token);

  // The user an Authorization header names, when its e-mail and token match.
  std::optional<ApiUser> Authenticate(std::string_view authorization_header) const;

  std::vector<ApiUser> users() const { return *Current(); }

  // Takes the users of `other` (a users file read again on SIGHUP). Requests being
  // authenticated now finish against the old list; the next ones see the new.
  void Replace(const UserDirectory& other);

 private:
  std::shared_ptr<const std::vector<ApiUser>> Current() const;
  std::shared_ptr<const std::vector<ApiUser>> users_ = std::make_shared<std::vector<ApiUser>>();
  std::unique_ptr<std::mutex> mutex_ = std::make_unique<std::mutex>();
};

std::string Sha256Hex(std::string_view bytes);
std::string RandomToken();  // 32 random bytes, hex, behind "jqlt_"
std::string Base64Encode(std::string_view bytes);

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_AUTH_H_
