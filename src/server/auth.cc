#include "server/auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <sstream>

namespace jql::server {
namespace {

namespace json = boost::json;

std::string Hex(const unsigned char* bytes, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0 || text.size() > 8192) return std::nullopt;
  // At most two '=', and only at the end: "====" or "A===" decode to nothing.
  const size_t padding = text.size() - (text.find_last_not_of('=') + 1);
  if (padding > 2 || text.find('=') < text.size() - padding) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  // EVP_DecodeBlock counts the padding as zero bytes.
  if (n < 0 || static_cast<size_t>(n) < padding) return std::nullopt;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

bool EqualIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<Role> ParseRole(std::string_view text) {
  if (text == "user") return Role::kUser;
  if (text == "admin") return Role::kAdmin;
  if (text == "site-admin") return Role::kSiteAdmin;
  return std::nullopt;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  return Hex(digest, size);
}

std::string RandomToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random bytes for a token");
  return "jqlt_" + Hex(bytes, sizeof bytes);
}

std::string Base64Encode(std::string_view bytes) {
  std::string out((bytes.size() + 2) / 3 * 4 + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

StatusOr<UserDirectory> UserDirectory::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot read the users file " + path);
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  json::value root = json::parse(text.str(), ec);
  if (ec) return InvalidArgument("the users file " + path + " is not JSON: " + ec.message());
  const json::value* list = root.is_object() ? root.as_object().if_contains("users") : nullptr;
  if (list == nullptr || !list->is_array())
    return InvalidArgument("the users file " + path + " has no \"users\" array");
  std::vector<ApiUser> users;
  int64_t next_id = 10000;
  for (const json::value& entry : list->as_array()) {
    const size_t index = users.size();
    auto fail = [&](const std::string& what) {
      return InvalidArgument("the users file " + path + ", user " + std::to_string(index + 1) +
                             ": " + what);
    };
    if (!entry.is_object()) return fail("not an object");
    const json::object& o = entry.as_object();
    auto str = [&](const char* key) -> std::string {
      const json::value* v = o.if_contains(key);
      return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    ApiUser user;
    user.email = str("email");
    user.account_id = str("accountId");
    user.display_name = str("displayName");
    user.token_sha256 = str("tokenSha256");
    if (user.email.empty()) return fail("no \"email\"");
    // Basic credentials are "email:token": an e-mail with a colon could never sign in.
    if (user.email.find(':') != std::string::npos)
      return fail("\"email\" " + user.email + " contains ':', which Basic auth cannot carry");
    for (const ApiUser& other : users) {
      if (EqualIgnoringCase(other.email, user.email))
        return fail("\"email\" " + user.email + " is already used by " + other.email +
                    " (e-mail addresses compare without regard to case)");
    }
    if (user.token_sha256.size() != 64 ||
        user.token_sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
      return fail("\"tokenSha256\" must be 64 lower-case hex digits");
    const std::optional<Role> role = ParseRole(str("role").empty() ? "user" : str("role"));
    if (!role) return fail("\"role\" must be user, admin or site-admin");
    user.role = *role;
    if (user.account_id.empty()) user.account_id = user.email;
    if (user.display_name.empty()) user.display_name = user.email;
    const json::value* id = o.if_contains("id");
    if (id != nullptr && !(id->is_int64() && id->as_int64() > 0) &&
        !(id->is_uint64() && id->as_uint64() <= static_cast<uint64_t>(INT64_MAX)))
      return fail("\"id\" must be a positive integer, not " + json::serialize(*id));
    user.id = id != nullptr ? id->to_number<int64_t>() : next_id;
    for (const ApiUser& other : users) {
      if (other.id == user.id)
        return fail("\"id\" " + std::to_string(user.id) + " is already the id of " + other.email);
      if (other.account_id == user.account_id)
        return fail("\"accountId\" " + user.account_id + " is already the account of " +
                    other.email);
    }
    next_id = std::max(next_id, user.id) + 1;
    users.push_back(std::move(user));
  }
  if (users.empty())
    return InvalidArgument("the users file " + path + " lists no users: nobody could sign in");
  UserDirectory directory;
  directory.users_ = std::make_shared<const std::vector<ApiUser>>(std::move(users));
  return directory;
}

std::shared_ptr<const std::vector<ApiUser>> UserDirectory::Current() const {
  std::lock_guard lock(*mutex_);
  return users_;
}

void UserDirectory::Replace(const UserDirectory& other) {
  auto users = other.Current();
  std::lock_guard lock(*mutex_);
  users_ = std::move(users);
}

UserDirectory UserDirectory::WithDefaultAdmin(const std::string& token) {
  UserDirectory directory;
  directory.users_ = std::make_shared<const std::vector<ApiUser>>(std::vector<ApiUser>{ApiUser{
      "admin@example.com", "admin", "Administrator", Role::kSiteAdmin, 10000, Sha256Hex(token)}});
  return directory;
}

std::optional<ApiUser> UserDirectory::Authenticate(std::string_view header) const {
  // The scheme is case-insensitive (RFC 9110 §11.1); one or more spaces follow it.
  constexpr std::string_view kBasic = "basic";
  if (header.size() <= kBasic.size() ||
      !EqualIgnoringCase(header.substr(0, kBasic.size()), kBasic) || header[kBasic.size()] != ' ')
    return std::nullopt;
  std::string_view encoded = header.substr(kBasic.size());
  while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
  while (!encoded.empty() && encoded.back() == ' ') encoded.remove_suffix(1);
  const std::optional<std::string> decoded = Base64Decode(encoded);
  if (!decoded) return std::nullopt;
  const size_t colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  const std::string_view email = std::string_view(*decoded).substr(0, colon);
  const std::string hash = Sha256Hex(std::string_view(*decoded).substr(colon + 1));
  for (const ApiUser& user : *Current()) {
    // E-mail addresses compare without regard to case, as Jira's logins do.
    if (!EqualIgnoringCase(user.email, email)) continue;
    if (CRYPTO_memcmp(hash.data(), user.token_sha256.data(), hash.size()) == 0) return user;
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace jql::server
