// A small HTTP/1.1 server on Boost.Beast: accepts on one address, reads and writes
// each connection asynchronously on a pool of I/O threads, and hands every complete
// request to one handler, which runs on a separate pool of worker threads so that a
// slow request never holds up the reading and writing of other connections.
//
// It protects the handler and the process from anything a client can send:
// - a request line over `header_limit` bytes is 414, a head (or a chunked body's
//   trailer or chunk header) over `header_limit` bytes is 431, a body
//   over `body_limit` is 413; no byte sequence makes Beast throw, and should anything
//   ever throw on an I/O thread it is logged, that connection dropped, and serving
//   goes on;
// - message framing follows RFC 9112 §6.3: a Transfer-Encoding whose final coding is
//   not `chunked`, together with Content-Length, or in HTTP/1.0, is 400 (an unknown
//   coding before `chunked` is 501) and the connection closes, so a body can never be
//   read as the next request;
// - HTTP/1.1 without exactly one Host is 400; a Content-Encoding other than identity
//   is 415; HEAD is answered as GET without the body;
// - slow or half-closed connections hit a deadline per request; at most
//   `max_connections` are open: at the cap the idle keep-alive connections are closed
//   first, and a new one finds 503 when none is idle; running out of file
//   descriptors pauses accepting instead of spinning.
// Every response carries X-AREQUESTID; one log line is written per request.
//
// Thread-safe: the handler is called concurrently from the worker threads.
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

// One event for the log: a request answered, with its fields, or a note in words (an
// exception, a connection shed). How it is written (text or JSON, with a time and a
// level) is the caller's: see server/log_writer.h.
struct LogRecord {
  enum class Level : uint8_t { kInfo, kWarning, kError };
  Level level = Level::kInfo;
  bool request = false;
  uint64_t id = 0;  // X-AREQUESTID
  std::string method, target, user;
  int status = 0;
  size_t bytes = 0;
  bool file = false;  // the body was a file streamed from disk
  double ms = 0;
  std::string note;  // for a note
  // "17 GET /rest/api/3/myself 200 312B user@example.com 0.12ms", or the note.
  std::string Text() const;
};

// What the handler tells the server besides its response.
struct RequestLog {
  std::string user;  // who was authenticated, or empty: for the log line
  // When set, the response's body is this file, streamed from disk in pieces (an
  // export of a million issues is never read into memory); the response's own
  // body is ignored. A file that cannot be opened then is a 404.
  std::string body_file;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&, RequestLog&)>;

struct HttpServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 0;                // 0: any free port (see HttpServer::port)
  int threads = 2;                  // I/O threads
  int workers = 4;                  // threads that run the handler
  size_t body_limit = 1 << 20;      // bytes
  size_t header_limit = 16 * 1024;  // request line and header fields, or a trailer
  size_t max_connections = 1024;    // open connections at once
  std::chrono::seconds request_timeout{30};
  // How long Stop waits for requests in flight to be answered.
  std::chrono::seconds drain_timeout{10};
  // Where the log records go (one per request, and notes); null: nowhere.
  std::function<void(const LogRecord&)> log;
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

  // Connections open now (for tests and the operator).
  size_t open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Jira's error shape: {"errorMessages": [message], "errors": {}}.
std::string ErrorCollectionJson(std::string_view message);

}  // namespace jql::server

#endif  // JQL_SRC_SERVER_HTTP_SERVER_H_
