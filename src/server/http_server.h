// A small HTTP/1.1 server on Boost.Beast: accepts on one address, serves each
// connection asynchronously on a pool of threads, and hands every complete request
// to one handler. It protects the handler from what a client can do wrong at the
// HTTP level: bodies over a limit (413), unparsable requests (400), and slow or
// half-closed connections (a deadline per request, then the socket is closed).
// Every response carries X-AREQUESTID; one log line is written per request.
//
// Thread-safe: the handler is called concurrently from the pool's threads.
#ifndef JQL_SRC_SERVER_HTTP_SERVER_H_
#define JQL_SRC_SERVER_HTTP_SERVER_H_

#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "jql/status.h"

namespace jql::server {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

// What the handler tells the log besides the request line.
struct RequestLog {
  std::string user;  // who was authenticated, or empty
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&, RequestLog&)>;

struct HttpServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 0;  // 0: any free port (see HttpServer::port)
  int threads = 2;
  size_t body_limit = 1 << 20;  // bytes
  std::chrono::seconds request_timeout{30};
  // How long Stop waits for requests in flight to be answered.
  std::chrono::seconds drain_timeout{10};
  // Where the per-request log lines go; null: nowhere.
  std::function<void(const std::string&)> log;
};

class HttpServer {
 public:
  HttpServer(HttpHandler handler, HttpServerOptions options);
  ~HttpServer();

  // Binds and listens; afterwards port() is the port bound.
  Status Listen();
  uint16_t port() const;

  // Serves until Stop; returns when every thread has left.
  void Run();
  // Stops accepting, waits for the requests in flight to be answered (at most
  // drain_timeout), closes the connections and makes Run return. Blocks; call it
  // from any thread but the pool's (a signal-watching thread, a test).
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Jira's error shape: {"errorMessages": [message], "errors": {}}.
std::string ErrorCollectionJson(std::string_view message);

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_HTTP_SERVER_H_
