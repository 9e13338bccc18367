// Any bytes, sent over a real TCP connection to the real listener (HttpServer and
// the Jira API on 127.0.0.1, started once). The seeds are whole requests with the
// admin's credentials (plain, chunked with extensions and trailers, pipelined,
// smuggling attempts), so mutations reach every stage from the request line to the
// handlers. Whatever arrives, the process must not crash; every answer must be HTTP
// with a status below 500 (501 for an unknown transfer coding and 503 at the
// connection cap are the exceptions a client can cause); and the server must still
// answer a well-formed request afterwards.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "archive/durable_archive.h"
#include "archive/task_manager.h"
#include "server/auth.h"
#include "server/http_server.h"
#include "server/jira_api.h"

namespace {

using namespace jql;

constexpr char kToken[] = "fuzz-token";

struct Server {
  server::UserDirectory users;
  std::unique_ptr<archive::DurableArchive> archive;
  std::unique_ptr<archive::TaskManager> tasks;
  std::unique_ptr<server::JiraApi> api;
  std::unique_ptr<server::HttpServer> http;
  std::thread serving;

  Server() {
    char dir[] = "/tmp/jql-http-fuzz-XXXXXX";
    if (mkdtemp(dir) == nullptr) std::abort();
    const std::string users_file = std::string(dir) + "-users.json";
    {
      std::ofstream out(users_file);
      out << R"({"users":[{"email":"admin@example.com","accountId":"admin","role":"site-admin",)"
          << R"("tokenSha256":")" << server::Sha256Hex(kToken) << R"("}]})";
    }
    auto loaded = server::UserDirectory::LoadFile(users_file);
    if (!loaded.ok()) std::abort();
    users = std::move(*loaded);
    std::vector<boost::json::object> records;
    auto opened = archive::DurableArchive::Open(dir, JQL_SOURCE_DIR "/data/sample", &records);
    if (!opened.ok()) std::abort();
    archive = std::move(*opened);
    server::HttpServerOptions options;
    options.threads = 2;
    options.workers = 2;
    options.body_limit = 64 * 1024;
    options.request_timeout = std::chrono::seconds(1);
    http = std::make_unique<server::HttpServer>(
        [this](const server::HttpRequest& r, server::RequestLog& log) {
          return api->Handle(r, log);
        },
        options);
    if (!http->Listen().ok()) std::abort();
    const std::string base = "http://127.0.0.1:" + std::to_string(http->port());
    archive::TaskOptions task_options;
    task_options.state_dir = dir;
    task_options.base_url = base;
    tasks = std::make_unique<archive::TaskManager>(*archive, task_options);
    api = std::make_unique<server::JiraApi>(*archive, *tasks, users, server::ApiOptions{base});
    serving = std::thread([this] { http->Run(); });
  }
};

// Sends `bytes`, half-closes, and reads until the server closes (or 3 s pass).
std::string Exchange(uint16_t port, const uint8_t* data, size_t size) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) std::abort();
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    std::fprintf(stderr, "http_fuzzer: the server no longer accepts connections\n");
    std::abort();
  }
  for (size_t sent = 0; sent < size;) {
    const ssize_t n = ::send(fd, data + sent, size - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early on a refused request
    sent += static_cast<size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  std::string out;
  for (int waited = 0; waited < 30;) {
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, 100);
    if (ready == 0) {
      ++waited;
      continue;
    }
    char buffer[16384];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    out.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

// Every status line in `bytes` that starts a response.
void CheckStatuses(const std::string& bytes) {
  if (bytes.empty()) return;
  if (!bytes.starts_with("HTTP/1.")) {
    std::fprintf(stderr, "http_fuzzer: not an HTTP answer: %.80s\n", bytes.c_str());
    std::abort();
  }
  for (size_t pos = 0; (pos = bytes.find("HTTP/1.", pos)) != std::string::npos; ++pos) {
    if (pos != 0 && bytes[pos - 1] != '\n') continue;
    if (pos + 12 > bytes.size()) break;
    const int status = std::atoi(bytes.substr(pos + 9, 3).c_str());
    if (status >= 500 && status != 501 && status != 503) {
      std::fprintf(stderr, "http_fuzzer: status %d: %.300s\n", status, bytes.c_str() + pos);
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Server* server = new Server();
  const uint16_t port = server->http->port();
  CheckStatuses(Exchange(port, data, size));
  // Whatever came before, a well-formed request is still answered.
  static const std::string kProbe =
      "GET /rest/api/3/task/0 HTTP/1.1\r\nHost: x\r\nAuthorization: Basic " +
      server::Base64Encode(std::string("admin@example.com:") + kToken) + "\r\n\r\n";
  const std::string probe =
      Exchange(port, reinterpret_cast<const uint8_t*>(kProbe.data()), kProbe.size());
  if (!probe.starts_with("HTTP/1.1 404")) {
    std::fprintf(stderr, "http_fuzzer: the server stopped answering: %.200s\n", probe.c_str());
    std::abort();
  }
  return 0;
}
