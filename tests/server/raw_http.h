// Raw bytes to and from a server on 127.0.0.1, for tests that send what no HTTP
// library would: malformed framing, oversized trailers, smuggled requests.
#ifndef JQL_TESTS_SERVER_RAW_HTTP_H_
#define JQL_TESTS_SERVER_RAW_HTTP_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace jql::testing {

// A TCP connection that writes bytes and reads whatever comes back.
class RawConnection {
 public:
  explicit RawConnection(uint16_t port) : RawConnection() { Connect(port); }
  // A socket not connected yet (see Connect).
  RawConnection() { fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0); }

  bool Connect(uint16_t port) {
    if (fd_ < 0) return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      fd_ = -1;
      return false;
    }
    return true;
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool ok() const { return fd_ >= 0; }

  // Writes all of `bytes` (false when the server closed the connection first).
  bool Write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  void CloseWrite() { ::shutdown(fd_, SHUT_WR); }

  // Reads until the server closes or nothing arrives for `quiet`, for at most `limit`.
  std::string ReadAll(std::chrono::milliseconds quiet = std::chrono::milliseconds(1500),
                      std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
    std::string out;
    closed_ = false;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(quiet.count())) <= 0) break;
      char buffer[16384];
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buffer, static_cast<size_t>(n));
    }
    return out;
  }

  // Reads until the server closes (or nothing comes for `quiet`), keeping only the
  // first `keep` bytes in *start; returns how many bytes came. For big bodies.
  size_t CountAll(std::string* start, size_t keep,
                  std::chrono::milliseconds quiet = std::chrono::milliseconds(3000)) {
    size_t total = 0;
    for (;;) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(quiet.count())) <= 0) return total;
      char buffer[65536];
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return total;
      if (start->size() < keep)
        start->append(buffer, std::min(static_cast<size_t>(n), keep - start->size()));
      total += static_cast<size_t>(n);
    }
  }

  // Whether the last ReadAll ended because the server closed the connection.
  bool closed() const { return closed_; }

 private:
  int fd_ = -1;
  bool closed_ = false;
};

// The status code of the first response in `bytes`, or 0.
inline int FirstStatus(std::string_view bytes) {
  if (bytes.size() < 12 || bytes.substr(0, 5) != "HTTP/") return 0;
  return std::stoi(std::string(bytes.substr(9, 3)));
}

// How many responses `bytes` holds (status lines at the start of a line).
inline int ResponseCount(std::string_view bytes) {
  int count = 0;
  for (size_t pos = 0; (pos = bytes.find("HTTP/1.", pos)) != std::string_view::npos; ++pos) {
    if (pos == 0 || bytes[pos - 1] == '\n') ++count;
  }
  return count;
}

// Sends `bytes` on a new connection, half-closes, and returns what came back.
inline std::string Exchange(uint16_t port, std::string_view bytes) {
  RawConnection c(port);
  if (!c.ok()) return {};
  c.Write(bytes);
  c.CloseWrite();
  return c.ReadAll();
}

}  // namespace jql::testing

#endif  // JQL_TESTS_SERVER_RAW_HTTP_H_
