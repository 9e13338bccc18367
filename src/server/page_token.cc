#include "server/page_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace jql::server {
namespace {

constexpr unsigned char kVersion = 1;
constexpr size_t kMacBytes = 16;

void PutInt(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

bool GetInt(std::string_view& in, uint64_t* v) {
  if (in.size() < 8) return false;
  *v = 0;
  for (int i = 0; i < 8; ++i) *v |= uint64_t{static_cast<unsigned char>(in[i])} << (8 * i);
  in.remove_prefix(8);
  return true;
}

// URL-safe Base64 without padding: tokens travel in query strings.
std::string Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

std::optional<std::string> Decode(std::string_view text) {
  if (text.empty() || text.size() > 4096 || text.size() % 4 == 1) return std::nullopt;
  std::string in(text);
  for (char& c : in) {
    if (c == '-') {
      c = '+';
    } else if (c == '_') {
      c = '/';
    } else if (!std::isalnum(static_cast<unsigned char>(c))) {
      return std::nullopt;
    }
  }
  const size_t pad = (4 - in.size() % 4) % 4;
  in.append(pad, '=');
  std::string out(in.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()),
                                static_cast<int>(in.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

}  // namespace

PageTokens::PageTokens(std::chrono::milliseconds lifetime) : lifetime_(lifetime) {
  if (RAND_bytes(key_.data(), static_cast<int>(key_.size())) != 1)
    throw std::runtime_error("no random bytes for the page token key");
}

std::string PageTokens::Mac(std::string_view payload, std::string_view jql,
                            std::string_view account) const {
  // The query and the user are part of what is sealed, with their lengths, so a
  // token of one never reads as a token of another.
  std::string message(payload);
  PutInt(message, jql.size());
  message += jql;
  PutInt(message, account.size());
  message += account;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
  return std::string(reinterpret_cast<const char*>(mac), kMacBytes);
}

std::string PageTokens::Issue(std::string_view jql, std::string_view account,
                              const PagePosition& position, int64_t now_ms) const {
  std::string payload(1, static_cast<char>(kVersion));
  PutInt(payload, static_cast<uint64_t>(now_ms));
  PutInt(payload, static_cast<uint64_t>(position.id));
  payload.push_back(static_cast<char>(position.keys.size()));
  for (const auto& [empty, value] : position.keys) {
    payload.push_back(empty ? 1 : 0);
    PutInt(payload, static_cast<uint64_t>(value));
  }
  return Encode(payload + Mac(payload, jql, account));
}

std::optional<PagePosition> PageTokens::Read(std::string_view token, std::string_view jql,
                                             std::string_view account, int64_t now_ms) const {
  const auto bytes = Decode(token);
  if (!bytes || bytes->size() < 1 + 8 + 8 + 1 + kMacBytes) return std::nullopt;
  const std::string_view payload(bytes->data(), bytes->size() - kMacBytes);
  const std::string mac = Mac(payload, jql, account);
  if (CRYPTO_memcmp(mac.data(), bytes->data() + payload.size(), kMacBytes) != 0)
    return std::nullopt;
  std::string_view in = payload;
  if (static_cast<unsigned char>(in[0]) != kVersion) return std::nullopt;
  in.remove_prefix(1);
  uint64_t issued = 0, id = 0;
  if (!GetInt(in, &issued) || !GetInt(in, &id) || in.empty()) return std::nullopt;
  const auto age = now_ms - static_cast<int64_t>(issued);
  if (age < 0 || age > lifetime_.count()) return std::nullopt;
  PagePosition position;
  position.id = static_cast<int64_t>(id);
  const size_t keys = static_cast<unsigned char>(in[0]);
  in.remove_prefix(1);
  for (size_t k = 0; k < keys; ++k) {
    uint64_t value = 0;
    if (in.empty()) return std::nullopt;
    const bool empty = in[0] != 0;
    in.remove_prefix(1);
    if (!GetInt(in, &value)) return std::nullopt;
    position.keys.emplace_back(empty, static_cast<int64_t>(value));
  }
  if (!in.empty()) return std::nullopt;
  return position;
}

}  // namespace jql::server
